"""Link claimants, parties and speakers to known actors: by name in their article, else by role.

"The Kremlin spokesman" links to the actor whose role, as of the article's date, it names: one
of its own article if exactly one fits, else the only one of all stored actors (the rules of
which phrase names which role are in `briefings/identity/role_phrases.py`). An actor's roles
are those its article states; an actor the article does not give a role holds the roles of its
newest stored article published by the article's date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache

from briefings.identity.merging import link_name
from briefings.identity.role_phrases import (
    RoleHolder,
    holder_country,
    is_role_phrase,
    parse_role,
    pick_holder,
    role_fits,
    role_parts,
    roles_as_of,
)
from briefings.model import Actor, ExtractedArticle
from briefings.records import (
    ActorMerge,
    ArticleMention,
    DatedRole,
    MergedActor,
    SpeakerLinks,
    StoredActor,
)
from briefings.vocabulary.lexicon import load_lexicon


def stated_role(role: str | None, text: str) -> str | None:
    """A mention's role if its article states it; None for the data's fallback role otherwise.

    An article that names a known actor without a role gets the role the data gives it
    (briefings/data/actors.jsonl), as of when the data was written; such a role counts only
    where the article's text holds it. Checked once, when the article is saved.
    """
    if not role or (role in _fallback_roles() and role.casefold() not in text.casefold()):
        return None
    return role


@cache
def _fallback_roles() -> frozenset[str]:
    """The roles the data gives known actors, dated or not."""
    actors = load_lexicon().known_actors
    dated = {held.role for known in actors for held in known.roles}
    return frozenset({known.role for known in actors if known.role} | dated)


def article_mentions(
    picks: Sequence[int], actors: Sequence[Actor], text: str
) -> tuple[ArticleMention, ...]:
    """One mention per known actor of an article, at its first appearance, with the role the
    article states (a later appearance's when the first states none)."""
    firsts: dict[int, int] = {}
    roles: dict[int, str | None] = {}
    for index, (actor, pick) in enumerate(zip(actors, picks, strict=True)):
        if pick not in firsts:
            firsts[pick] = index
            roles[pick] = stated_role(actor.role, text)
        elif not roles[pick]:
            roles[pick] = stated_role(actor.role, text)
    return tuple(ArticleMention(pick, first, roles[pick]) for pick, first in firsts.items())


def speakers(extracted: ExtractedArticle) -> Iterable[str | None]:
    """Every claimant, party and speaker of an article, as written."""
    yield from (figure.claimed_by for figure in extracted.figures)
    yield from (demand.party for demand in extracted.demands)
    yield from (quote.speaker for quote in extracted.quotes)


def unlinked_role_phrases(extracted: ExtractedArticle, picks: Sequence[int]) -> frozenset[str]:
    """The speakers that name no actor of their article by name but read as role phrases."""
    return frozenset(
        text
        for text in speakers(extracted)
        if text and link_name(text, extracted.actors, picks) is None and is_role_phrase(text)
    )


def link_speakers(
    extracted: ExtractedArticle, merge: ActorMerge, roles: Sequence[DatedRole]
) -> SpeakerLinks:
    """The known actor each speaker names: by name in the article, else by the role it names.

    `roles` are the roles stored articles give stored actors (read only when the merge has
    role phrases to link); the article's own roles are its mentions'.
    """
    links: dict[str, int] = {}
    for text in speakers(extracted):
        found = link_name(text, extracted.actors, merge.picks)
        if text and found is not None:
            links[text] = found
    if merge.role_phrases:
        holders = _holders(merge, roles, extracted.source.published)
        own = set(merge.picks)
        mine = [holder for holder in holders if holder.key in own]
        for phrase in merge.role_phrases:
            pick = pick_holder(phrase, mine, holders)
            if pick is not None:
                links[phrase] = pick
    return SpeakerLinks(links)


def role_holder(
    phrases: Sequence[str], roles: Sequence[DatedRole], actors: Sequence[StoredActor]
) -> int | None:
    """The one stored actor whose newest stated role the first role phrase to name one names
    ("the Kremlin spokesman"); `actors` are those `roles` are given to."""
    newest = roles_as_of(roles, None)
    holders = [
        RoleHolder(actor.id, newest[actor.id], _country(actor))
        for actor in actors
        if actor.id in newest
    ]
    picks = (pick_holder(phrase, [], holders) for phrase in phrases if is_role_phrase(phrase))
    return next((pick for pick in picks if pick is not None), None)


def possible_holders(phrases: Sequence[str], roles: Sequence[DatedRole]) -> set[int]:
    """The actors whose newest stated role one of some role phrases may name, whatever their
    country: the only ones `role_holder` needs read (a superset of those it can pick).

    Strictly, as `role_holder` picks among all actors (`pick_holder` with no article of its
    own): "the Kremlin spokesman" may name no "spokesman for the headquarters", however many
    such actors the store holds.
    """
    keys = [key for phrase in phrases if (key := parse_role(phrase)) is not None]
    return {
        actor
        for actor, held in roles_as_of(roles, None).items()
        for role in held
        for part in role_parts(role)
        if (found := parse_role(part)) is not None
        and any(role_fits(key, found, key.country, strict=True) for key in keys)
    }


def any_role_phrase(phrases: Sequence[str]) -> bool:
    """True when some phrase reads as a role phrase: only then are stored roles worth reading."""
    return any(is_role_phrase(phrase) for phrase in phrases)


def _holders(merge: ActorMerge, dated: Sequence[DatedRole], day: date | None) -> list[RoleHolder]:
    """Each known actor with a role: the roles its article states, else those of its newest article."""
    own = {mention.known: (mention.role,) for mention in merge.mentions if mention.role}
    others = roles_as_of(dated, day)
    holders = []
    for index, actor in enumerate(merge.known):
        roles = own.get(index) or (others.get(actor.id) if actor.id is not None else None)
        if roles:
            holders.append(RoleHolder(index, roles, _country(actor)))
    return holders


def _country(actor: StoredActor | MergedActor) -> str | None:
    """An actor's country, from its names or its side."""
    return holder_country([actor.name, *actor.aliases], actor.side)
