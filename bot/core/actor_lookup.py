"""Find stored actors for answers: the store reads names and roles, briefings.identity decides."""

from __future__ import annotations

from collections.abc import Sequence

from briefings.entries import ActorEntry, NamedActor
from briefings.identity.lookup import actors_named, most_cited
from briefings.identity.names import name_keys
from briefings.identity.reader_names import reader_spellings
from briefings.identity.role_groups import group_roles, key_groups
from briefings.identity.role_linking import any_role_phrase, possible_holders, role_holder
from briefings.identity.role_phrases import fitting_titles
from storage import (
    Session,
    actor_names,
    article_counts,
    dated_roles,
    get_named_actor,
    stored_actors,
)
from storage import get_actor as get_stored_actor


async def find_actor(session: Session, query: str) -> ActorEntry | None:
    """The actor a name denotes: exact name or alias first, then spelling variants; most cited wins."""
    actor_id = await actor_id_named(session, [query])
    return None if actor_id is None else await get_actor(session, actor_id)


async def find_named_actor(session: Session, phrases: Sequence[str]) -> NamedActor | None:
    """The id, kind and names of the actor the first of some phrases to name one denotes."""
    actor_id = await actor_id_named(session, phrases)
    return None if actor_id is None else await get_named_actor(session, actor_id)


async def actor_id_named(session: Session, phrases: Sequence[str]) -> int | None:
    """The id of the actor the first of some phrases to name one denotes, reading once the
    names that share a key with one of them (no other name can match). A phrase in Cyrillic
    also stands for the actor its Ukrainian spelling names ("Трамп": Donald Trump)."""
    phrases = [spelling for phrase in phrases for spelling in reader_spellings(phrase)]
    names = await actor_names(session, [name_keys(phrase) for phrase in phrases])
    for phrase in phrases:
        candidates = actors_named(phrase, names)
        if len(candidates) > 1:
            counts = await article_counts(session, candidates)
            return most_cited(candidates, counts)
        if candidates:
            return candidates[0]
    return None


async def get_actor(session: Session, actor_id: int) -> ActorEntry | None:
    """One actor's card: aliases, first articles, and its distinct dated roles; or None."""
    return await get_stored_actor(session, actor_id, key_groups=key_groups, group_roles=group_roles)


async def actor_holding(session: Session, phrases: Sequence[str]) -> int | None:
    """The one stored actor whose newest stated role the first role phrase to name one names
    ("the Kremlin spokesman"); the roles are read once, only when some phrase is a role, and
    only of the actors holding a title one of the phrases fits."""
    if not any_role_phrase(phrases):
        return None
    roles = await dated_roles(session, None, titles=fitting_titles(phrases))
    holders = await stored_actors(session, possible_holders(phrases, roles))
    return role_holder(phrases, roles, holders)
