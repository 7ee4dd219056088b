"""Answer a plain question: find whom it names, try the kinds of answer it asks for, else rank sentences.

"how many soldiers has Ukraine lost?" is answered by the figures of that measure and side,
contested ones first; "what does Russia want?" by the demands of Russia's side; "who is
Kellogg?" by his card. A kind that finds nothing gives way to the next, and the last resort
is the full-text ranking of stored sentences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.core.actor_lookup import actor_holding, find_named_actor, get_actor
from bot.core.positions import side_positions
from briefings.entries import ActorEntry, DemandEntry, FigureEntry, NamedActor, SentenceEntry, Slice
from briefings.i18n import _
from briefings.model import ActorKind
from briefings.questions.intents import Asks, Question, read_question
from briefings.questions.matching import (
    by_topic,
    claimed_as_asked,
    holding_most,
    names_actor,
    newest_first,
    on_topic,
    subject_words,
)
from briefings.replies.answer_briefs import build_answer, build_empty_question, echo
from briefings.replies.briefs import build_actor_card
from briefings.replies.demand_briefs import build_demands, build_side_demands
from briefings.replies.figure_briefs import build_figures
from briefings.replies.reply import Reply
from briefings.replies.share_briefs import share_card, share_one_group
from briefings.replies.story_briefs import build_quotes, build_timeline
from briefings.vocabulary.sides import countries_on_side, side_named
from storage import (
    Session,
    demands_of,
    events_about,
    facts_in_sentences,
    figures_about,
    figures_claimed_by,
    figures_in,
    get_named_actor,
    quotes_of,
    search_sentences,
    timeline,
)

# Bounds that keep an answer quick on a large store and short on a phone.
CARD_FACTS = 15
ANSWER_FIGURES = 40
ANSWER_DEMANDS = 30
QUOTE_CANDIDATES = 40
QUOTES_SHOWN = 8
EVENT_CANDIDATES = 200
EVENTS_SHOWN = 8
ASK_HITS = 5
ASK_CANDIDATES = 20
# Phrases of a question tried as actor names, longest first.
NAME_PHRASES = 12


@dataclass(frozen=True)
class Asked:
    """A question read, with the actor it names as the store knows it."""

    question: Question
    actor: NamedActor | None

    @property
    def person(self) -> NamedActor | None:
        """The actor named, when it is a person: a claimant or speaker, never a side."""
        return self.actor if self.actor and self.actor.kind == ActorKind.PERSON else None


def _subject_words(asked: Asked) -> list[str]:
    """The question's words beside those that chose whose facts to show."""
    by_country = asked.person is None and asked.question.country is not None
    return subject_words(asked.question, asked.actor, by_country=by_country)


async def answer_question(session: Session, text: str) -> Reply:
    """The best answer the store holds to a question in plain words."""
    question = read_question(text)
    # A question in Cyrillic may hold no word the English articles have, and still name
    # someone ("хто такий Келлог?"): its names are tried before it is called empty.
    if not question.terms and not question.names:
        return build_empty_question(text)
    asked = Asked(question, await named_actor(session, question))
    for kind in kinds_to_try(asked):
        found = await ANSWERS[kind](session, asked)
        if found is not None:
            return found
    return await ranked_sentences(session, question)


def kinds_to_try(asked: Asked) -> tuple[Asks, ...]:
    """The kinds a question asks for; a question that only names an actor asks who that is."""
    asks = asked.question.asks
    if asked.actor is None or Asks.ACTOR in asks:
        return asks
    if all(names_actor(term, asked.actor) for term in asked.question.topic):
        return (*asks, Asks.ACTOR)
    return asks


async def named_actor(session: Session, question: Question) -> NamedActor | None:
    """The stored actor the question names: by a role it holds ("the Kremlin spokesman"), else
    by its longest phrase that is a name; phrases naming a side ("Russia") are sides, not actors."""
    phrases = [p for p in question.names[:NAME_PHRASES] if side_named(p) is None]
    holder = await actor_holding(session, phrases)
    if holder is not None:
        return await get_named_actor(session, holder)
    return await find_named_actor(session, phrases)


async def actor_card(session: Session, actor: ActorEntry) -> Reply:
    """An actor's card with the figures it claims and the positions it takes."""
    claims = await figures_claimed_by(session, actor.id, limit=CARD_FACTS)
    positions = await demands_of(session, actor_id=actor.id, party=actor.name, limit=CARD_FACTS)
    return share_card(build_actor_card(actor, claims, positions), actor)


async def _actor(session: Session, asked: Asked) -> Reply | None:
    """Who someone is: the card of the actor named (read only now: other answers need only
    whom the question names)."""
    card = await get_actor(session, asked.actor.id) if asked.actor else None
    return await actor_card(session, card) if card else None


async def _figures(session: Session, asked: Asked) -> Reply | None:
    """The figures of the measures named, for the side named, the person named's first."""
    question = asked.question
    if not question.measures:
        found = await figures_about(
            session, measures=(), words=question.topic, limit=ANSWER_FIGURES
        )
    else:
        found = await _figures_of_measures(session, asked)
    if not found.rows:
        return None
    claimed = claimed_as_asked(found.rows, _subject_words(asked))
    heading = _("Figures about “{topic}”").format(topic=echo(question.text))
    return share_one_group(build_figures(claimed, heading), claimed)


async def _figures_of_measures(session: Session, asked: Asked) -> Slice[FigureEntry]:
    """The measures' figures, narrowed to the country, else its side, and to the claimant named."""
    question = asked.question
    claimants = [asked.person.id, None] if asked.person else [None]
    for claimant_id in claimants:
        for sides in _side_filters(question):
            found = await figures_in(
                session,
                measures=question.measures,
                sides=sides,
                claimant_id=claimant_id,
                limit=ANSWER_FIGURES,
            )
            if found.rows:
                return found
    return Slice((), 0)


def _side_filters(question: Question) -> list[tuple[str, ...] | None]:
    """Whose figures to look for: the country named, then its whole side; anyone's if none."""
    if question.country is None or question.side is None:
        return [None]
    side_countries = countries_on_side(question.side)
    if side_countries == (question.country,):
        return [side_countries]
    return [(question.country,), side_countries]


async def _demands(session: Session, asked: Asked) -> Reply | None:
    """What the person named wants, else the side named, else the body named; on topic first."""
    side = asked.question.side
    if asked.person is None and side is not None:
        found, _voices = await side_positions(session, side, limit=ANSWER_DEMANDS)
        return _demands_reply(newest_first(found), asked, side)
    if asked.actor is None:
        return None
    name = asked.actor.name
    found = await demands_of(session, actor_id=asked.actor.id, party=name, limit=ANSWER_DEMANDS)
    return _demands_reply(newest_first(found), asked, name)


def _demands_reply(found: Slice[DemandEntry], asked: Asked, whose: str) -> Reply | None:
    """Only the positions on the question's subject when some are ("…reject a ceasefire?"), else all."""
    if not found.rows:
        return None
    topical = on_topic(found.rows, _subject_words(asked))
    if topical:
        heading = _("Positions of {whose} on “{question}”").format(
            whose=whose, question=echo(asked.question.text)
        )
        return build_demands(topical, Counter(d.party for d in topical), heading)
    if asked.person is None and asked.question.side == whose:
        return build_side_demands(found, whose)
    heading = _("Demands and positions of {whose}").format(whose=whose)
    return build_demands(
        found.rows, {whose: found.total}, heading, over={whose} if found.capped else ()
    )


async def _quotes(session: Session, asked: Asked) -> Reply | None:
    """What the person named said (else the side named), quotes on the question's subject first."""
    side = asked.question.side
    actor = asked.person or (asked.actor if side is None else None)
    if actor is None and side is None:
        return None
    found = await quotes_of(
        session,
        actor_id=actor.id if actor else None,
        speaker=None,
        side=None if actor else side,
        limit=QUOTE_CANDIDATES,
    )
    if not found.rows:
        return None
    whose = actor.name if actor else side
    ranked = by_topic(found.rows, _subject_words(asked))[:QUOTES_SHOWN]
    shown = Slice(tuple(ranked), found.total, found.capped)
    heading = _("Quotes of {whose}, on the question's words first").format(whose=whose)
    return build_quotes(shown, heading, "")


async def _events(session: Session, asked: Asked) -> Reply | None:
    """When something happened: the dated events holding most of the question's words."""
    words = list(asked.question.topic)
    if not words:
        return build_timeline(await timeline(session, limit=EVENTS_SHOWN * 5))
    candidates = await events_about(session, words, limit=EVENT_CANDIDATES)
    ranked = holding_most(candidates, lambda event: event.text, words)[:EVENTS_SHOWN]
    if not ranked:
        return None
    newest_first = sorted(ranked, key=lambda e: (e.day, e.article_id), reverse=True)
    heading = _("When: “{question}”").format(question=echo(asked.question.text))
    return build_timeline(Slice(tuple(newest_first), len(newest_first)), heading)


async def ranked_sentences(session: Session, question: Question) -> Reply:
    """The last resort: the stored sentences holding most of the question's words, with their facts."""
    terms = list(question.terms)
    if not terms:
        return build_empty_question(question.text)
    hits = await search_sentences(session, terms, limit=ASK_CANDIDATES)
    found_figures, found_demands = await facts_in_sentences(session, [h.sentence_id for h in hits])
    found = [
        SentenceEntry(
            hit.article_id,
            hit.text.strip(),
            hit.matched_terms,
            hit.rank,
            tuple(found_figures.get(hit.sentence_id, ())),
            tuple(found_demands.get(hit.sentence_id, ())),
        )
        for hit in hits
    ]
    return build_answer(question.text, len(terms), found, ASK_HITS)


async def _reasons(session: Session, asked: Asked) -> Reply:
    """Why something is so: no fact answers that, the sentences holding the question's words do."""
    return await ranked_sentences(session, asked.question)


Answer = Callable[[Session, Asked], Awaitable[Reply | None]]

# The answer to each kind of question; None when the store holds nothing of that kind for it.
ANSWERS: dict[Asks, Answer] = {
    Asks.REASONS: _reasons,
    Asks.FIGURES: _figures,
    Asks.DEMANDS: _demands,
    Asks.ACTOR: _actor,
    Asks.EVENTS: _events,
    Asks.QUOTES: _quotes,
}
