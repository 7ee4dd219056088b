"""Save an extracted article with its facts, writing the actors and links the identity rules decide."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.model import (
    Demand,
    Event,
    ExtractedArticle,
    Figure,
    Provenance,
    Quote,
    Sentence,
    SourceText,
)
from briefings.records import ActorMerge, DatedRole, SpeakerLinks, StoredActor
from storage.actor_summaries import RoleMention, add_roles, count_article, mark_fact_holders
from storage.actors import (
    ActorRules,
    actors_by_surname,
    dated_roles,
    snapshot,
    stored_actors,
    write_actors,
)
from storage.fact_summaries import count_saved_facts
from storage.records import SavedArticle
from storage.repository import lock_for_writing, refuse_duplicate
from storage.tables import (
    ActorMentionRow,
    ActorRow,
    ArticleRow,
    DemandRow,
    EventRow,
    FigureRow,
    QuoteRow,
    SentenceRow,
)

# One row's column values, for a batched insert.
_Row = dict[str, Any]


async def save_extracted(
    session: AsyncSession, *, extracted: ExtractedArticle, rules: ActorRules
) -> SavedArticle:
    """Store an article and its facts, its actors merged into stored ones; refuse duplicates.

    The rules decide which stored actor each of the article's actors is and which actor each
    claimant, party and speaker names; the stored roles they may need are read only when the
    merge has role phrases to link, before this article's mentions are written. The rules see
    only the stored actors that share a surname key with one of the article's names (no other
    can match one), and, when roles are read, the other actors holding a title one of the role
    phrases fits, for the links alone.
    """
    await lock_for_writing(session)
    await refuse_duplicate(session, extracted.source.content_hash)
    article = await _insert_article(session, extracted.source)
    sentence_ids = await _insert_sentences(session, article.id, extracted.sentences)
    stored = await actors_by_surname(session, _surnames(extracted, rules))
    merge = rules.merge([snapshot(row) for row in stored], extracted)
    day = extracted.source.published
    roles = await _roles(session, day, stored, merge, rules)
    known = write_actors(stored, merge, rules.name_keys)
    mentioned = [known[mention.known] for mention in merge.mentions]
    count_article(mentioned, article.id)
    session.add_all(mentioned)
    await session.flush()
    mentions = _mention_rows(article.id, sentence_ids, known, merge, extracted)
    await _insert_many(session, ActorMentionRow, mentions)
    stated = [RoleMention(row["actor_id"], row["role"]) for row in mentions]
    await add_roles(
        session, article_id=article.id, day=day, mentions=stated, titles_of=rules.role_titles
    )
    # The other role holders, known after the merge's actors: none matches a name of the
    # article (no surname key in common), so the merge stands, and the links see every holder.
    others = {role.key for role in roles} - {row.id for row in stored}
    holders = await stored_actors(session, others) if others else []
    if holders:
        merge = rules.with_holders(merge, holders)
    linkable = [*map(_linkable, known), *map(_linkable, holders)]
    link = _Linked(linkable, rules.link(extracted, merge, roles))
    figures = [_figure_row(article.id, sentence_ids, link, f) for f in extracted.figures]
    await _insert_many(session, FigureRow, figures)
    demands = [_demand_row(article.id, sentence_ids, link, d) for d in extracted.demands]
    await _insert_many(session, DemandRow, demands)
    await count_saved_facts(session, article.id, demands, figures)
    quotes = [_quote_row(article.id, sentence_ids, link, q) for q in extracted.quotes]
    await _insert_many(session, QuoteRow, quotes)
    events = [_event_row(article.id, sentence_ids, e) for e in extracted.events]
    await _insert_many(session, EventRow, events)
    await mark_fact_holders(session, _linked_ids(figures, demands, quotes))
    return _saved(article, extracted, merge)


async def _roles(
    session: AsyncSession,
    day: date | None,
    stored: Sequence[ActorRow],
    merge: ActorMerge,
    rules: ActorRules,
) -> list[DatedRole]:
    """The stored roles the links need, read before this article's are written: only when the
    merge has role phrases, and only of the merge's stored actors and those holding a title
    one of the phrases fits (no other actor's role can be the one a phrase names)."""
    if not merge.role_phrases:
        return []
    titles = rules.fitting_titles(merge.role_phrases)
    return await dated_roles(session, day, titles=titles, actor_ids=[row.id for row in stored])


def _linked_ids(*facts: list[_Row]) -> set[int]:
    """The actors some fact rows are linked to."""
    columns = ("claimant_actor_id", "party_actor_id", "speaker_actor_id")
    return {row[c] for rows in facts for row in rows for c in columns if row.get(c) is not None}


def _surnames(extracted: ExtractedArticle, rules: ActorRules) -> set[str]:
    """The surname keys of every name the article gives an actor (a nameless key matches none)."""
    names = {name for actor in extracted.actors for name in (actor.name, *actor.aliases)}
    return {rules.name_keys(name).surname for name in names} - {""}


async def _insert_many(session: AsyncSession, table: type[Any], rows: list[_Row]) -> None:
    """Insert rows in one batched statement (no per-object bookkeeping); nothing when none."""
    if rows:
        await session.execute(insert(table), rows)


@dataclass(frozen=True)
class _Linkable:
    """What a fact takes from the actor it is linked to: its id and its side."""

    id: int
    side: str | None


def _linkable(actor: ActorRow | StoredActor) -> _Linkable:
    """A stored actor (written, or a role holder read) as a link target."""
    return _Linkable(actor.id, actor.side)


class _Linked:
    """The actor each speaker phrase links to."""

    def __init__(self, known: Sequence[_Linkable], links: SpeakerLinks) -> None:
        self.known, self.links = known, links

    def __call__(self, text: str | None) -> _Linkable | None:
        """The actor a phrase is linked to, or None."""
        index = self.links.of(text)
        return None if index is None else self.known[index]


async def _insert_article(session: AsyncSession, source: SourceText) -> ArticleRow:
    """Insert the article row in a savepoint, so a concurrent duplicate fails cleanly."""
    row = ArticleRow(
        title=source.title,
        outlet=source.outlet,
        byline=source.byline,
        published=source.published,
        source=source.source,
        content_hash=source.content_hash,
        text=source.text,
    )
    try:
        async with session.begin_nested():
            session.add(row)
    except IntegrityError:
        # Another transaction stored the same text after our check; report it as such.
        await refuse_duplicate(session, source.content_hash)
        raise
    return row


async def _insert_sentences(
    session: AsyncSession, article_id: int, sentences: Sequence[Sentence]
) -> dict[int, int]:
    """Insert the sentences in one batched statement; return sentence ids by sentence index."""
    if not sentences:
        return {}
    rows = [
        {"article_id": article_id, "index": s.index, "start": s.start, "end": s.end, "text": s.text}
        for s in sentences
    ]
    statement = insert(SentenceRow).returning(SentenceRow.index, SentenceRow.id)
    result = await session.execute(statement, rows)
    return {index: sentence_id for index, sentence_id in result.tuples()}


def _provenance(sentence_ids: dict[int, int], provenance: Provenance) -> dict[str, int]:
    """Sentence id and character span of a fact, checked against the article's sentences."""
    if provenance.sentence_index not in sentence_ids:
        raise ValueError(f"a fact cites sentence {provenance.sentence_index}, not in the article")
    sentence_id = sentence_ids[provenance.sentence_index]
    return {"sentence_id": sentence_id, "start": provenance.start, "end": provenance.end}


def _mention_rows(
    article_id: int,
    sentence_ids: dict[int, int],
    known: Sequence[ActorRow],
    merge: ActorMerge,
    extracted: ExtractedArticle,
) -> list[_Row]:
    """The article's mentions, as the merge gives them: where each actor first appears, its role."""
    return [
        dict(
            actor_id=known[mention.known].id,
            article_id=article_id,
            role=mention.role,
            **_provenance(sentence_ids, extracted.actors[mention.first].provenance),
        )
        for mention in merge.mentions
    ]


def _figure_row(
    article_id: int, sentence_ids: dict[int, int], link: _Linked, figure: Figure
) -> _Row:
    """A figure row, linked to the actor its claimant names or describes, if one fits."""
    claimant = link(figure.claimed_by)
    return dict(
        article_id=article_id,
        **_provenance(sentence_ids, figure.provenance),
        value=figure.value,
        text=figure.text,
        unit=figure.unit,
        what=figure.what,
        qualifier=figure.qualifier,
        claimed_by=figure.claimed_by,
        measure=figure.measure,
        measured_side=figure.measured_side,
        claimant_actor_id=claimant.id if claimant else None,
        kind=figure.kind.value,
        period=figure.period,
        holder=figure.holder,
    )


def _demand_row(
    article_id: int, sentence_ids: dict[int, int], link: _Linked, demand: Demand
) -> _Row:
    """A demand row, linked to the actor its party names or describes, if one fits."""
    party = link(demand.party)
    return dict(
        article_id=article_id,
        **_provenance(sentence_ids, demand.provenance),
        party=demand.party,
        party_actor_id=party.id if party else None,
        demand=demand.demand,
        kind=demand.kind.value,
        side=(party.side if party else None) or demand.side,
    )


def _quote_row(article_id: int, sentence_ids: dict[int, int], link: _Linked, quote: Quote) -> _Row:
    """A quote row, linked to the actor its speaker names or describes, if one fits."""
    speaker = link(quote.speaker)
    return dict(
        article_id=article_id,
        **_provenance(sentence_ids, quote.provenance),
        text=quote.text,
        speaker=quote.speaker,
        speaker_actor_id=speaker.id if speaker else None,
        side=(speaker.side if speaker else None) or quote.side,
    )


def _event_row(article_id: int, sentence_ids: dict[int, int], event: Event) -> _Row:
    """An event row."""
    return dict(
        article_id=article_id,
        **_provenance(sentence_ids, event.provenance),
        day=event.day,
        precision=event.precision.value,
        text=event.text,
    )


def _saved(article: ArticleRow, extracted: ExtractedArticle, merge: ActorMerge) -> SavedArticle:
    """The summary of one save."""
    return SavedArticle(
        article_id=article.id,
        title=article.title,
        n_sentences=len(extracted.sentences),
        n_actors_new=merge.n_new,
        n_actors=len(merge.mentions),
        n_figures=len(extracted.figures),
        n_demands=len(extracted.demands),
    )
