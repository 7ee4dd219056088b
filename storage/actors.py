"""Stored actors and their dated roles, read as snapshots; the actors a merge decides, written.

Whether an article's actor is a stored one, and which actor a claimant or a role phrase
names, is decided in `briefings.identity` over these snapshots: the store reads, and writes
what it is told (`ActorRules`, which the core passes to `save_extracted`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date
from typing import Protocol

from sqlalchemy import and_, func, or_, select, union
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from briefings.model import ExtractedArticle
from briefings.records import (
    ActorMerge,
    DatedRole,
    MergedActor,
    NameKeys,
    SpeakerLinks,
    StoredActor,
)
from storage.actor_queries import dated_role_columns
from storage.labelled import records_from
from storage.tables import ActorAliasRow, ActorMentionRow, ActorRow, ArticleRow


class ActorRules(Protocol):
    """The identity decisions a save needs (briefings.identity.rules.IdentityRules)."""

    def merge(self, stored: Sequence[StoredActor], extracted: ExtractedArticle) -> ActorMerge:
        """Which known actor each of the article's actors is."""

    def link(
        self, extracted: ExtractedArticle, merge: ActorMerge, roles: Sequence[DatedRole]
    ) -> SpeakerLinks:
        """Which known actor each claimant, party and speaker names."""

    def name_keys(self, name: str) -> NameKeys:
        """The keys a name is stored and found by; only names of one surname key can match."""

    def with_holders(self, merge: ActorMerge, holders: Sequence[StoredActor]) -> ActorMerge:
        """The merge with stored actors that match none of its names known after it, as holders."""


# The keys of a name, as the identity rules make them.
KeyName = Callable[[str], NameKeys]


async def actors_by_surname(session: AsyncSession, surnames: Collection[str]) -> list[ActorRow]:
    """The stored actors with a name or alias of one of some surname keys, with their aliases,
    oldest first: the only ones a name of those surnames can match (two index seeks)."""
    keys = list(surnames)
    named = select(ActorRow.id).where(ActorRow.surname.in_(keys))
    aliased = select(ActorAliasRow.actor_id).where(ActorAliasRow.surname.in_(keys))
    return await actor_rows(session, await session.scalars(union(named, aliased)))


async def actor_rows(session: AsyncSession, actor_ids: Iterable[int]) -> list[ActorRow]:
    """Some stored actors with their aliases, by id, oldest first."""
    query = select(ActorRow).where(ActorRow.id.in_(list(actor_ids))).order_by(ActorRow.id)
    return list(await session.scalars(query.options(selectinload(ActorRow.aliases))))


async def stored_actors(session: AsyncSession, actor_ids: Collection[int]) -> list[StoredActor]:
    """Snapshots of some stored actors, with their aliases, by id (two plain reads, no ORM rows)."""
    ids = list(actor_ids)
    alias_rows = await session.execute(
        select(ActorAliasRow.actor_id, ActorAliasRow.alias)
        .where(ActorAliasRow.actor_id.in_(ids))
        .order_by(ActorAliasRow.id)
    )
    aliases: dict[int, list[str]] = {}
    for actor_id, alias in alias_rows.tuples():
        aliases.setdefault(actor_id, []).append(alias)
    columns = (ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role, ActorRow.side)
    rows = await session.execute(select(*columns).where(ActorRow.id.in_(ids)).order_by(ActorRow.id))
    return [StoredActor(*row, tuple(aliases.get(row[0], ()))) for row in rows.tuples()]


def snapshot(row: ActorRow) -> StoredActor:
    """A stored actor as the identity rules read it."""
    aliases = tuple(alias.alias for alias in row.aliases)
    return StoredActor(row.id, row.name, row.kind, row.role, row.side, aliases)


def write_actors(rows: Sequence[ActorRow], merge: ActorMerge, keys: KeyName) -> list[ActorRow]:
    """The row of each known actor of a merge: the stored rows as it changed them, then new ones;
    every name written with its keys."""
    for row, actor in zip(rows, merge.known, strict=False):
        _update(row, actor, keys)
    return [*rows, *(_new_row(actor, keys) for actor in merge.known[len(rows) :])]


async def dated_roles(session: AsyncSession, day: date | None) -> list[DatedRole]:
    """The stated roles of each actor in its newest article published by a day (in its undated
    articles when it has no dated one): all `roles_as_of` reads of the roles stated by that day."""
    dated = dated_role_columns()
    if day is not None:
        dated = dated.where(or_(ArticleRow.published.is_(None), ArticleRow.published <= day))
    newest = func.max(ArticleRow.published).over(partition_by=ActorMentionRow.actor_id)
    ranked = dated.add_columns(newest.label("newest")).subquery()
    query = select(ranked.c.key, ranked.c.role, ranked.c.published, ranked.c.article_id).where(
        or_(
            ranked.c.published == ranked.c.newest,
            and_(ranked.c.newest.is_(None), ranked.c.published.is_(None)),
        )
    )
    return records_from(DatedRole, await session.execute(query))


def _update(row: ActorRow, actor: MergedActor, keys: KeyName) -> None:
    """Write a merged actor's name, role, side and aliases onto its stored row."""
    if (row.name, row.role, row.side) != (actor.name, actor.role, actor.side):
        row.name, row.role, row.side = actor.name, actor.role, actor.side
        row.folded, row.surname = _keyed(keys, actor.name)
    stored = len(row.aliases)
    for alias_row, alias in zip(row.aliases, actor.aliases[:stored], strict=True):
        if alias_row.alias != alias:
            # Respelt in place, never deleted and added again (see briefings.identity.merging).
            alias_row.alias = alias
            alias_row.folded, alias_row.surname = _keyed(keys, alias)
    row.aliases.extend(_alias_row(alias, keys) for alias in actor.aliases[stored:])


def _new_row(actor: MergedActor, keys: KeyName) -> ActorRow:
    """A new stored actor, its names keyed."""
    folded, surname = _keyed(keys, actor.name)
    aliases = [_alias_row(alias, keys) for alias in actor.aliases]
    return ActorRow(
        name=actor.name,
        kind=actor.kind,
        role=actor.role,
        side=actor.side,
        folded=folded,
        surname=surname,
        aliases=aliases,
    )


def _alias_row(alias: str, keys: KeyName) -> ActorAliasRow:
    """A new alias row, keyed."""
    folded, surname = _keyed(keys, alias)
    return ActorAliasRow(alias=alias, folded=folded, surname=surname)


def _keyed(keys: KeyName, name: str) -> tuple[str, str]:
    """A name's folded key and surname key."""
    found = keys(name)
    return found.folded, found.surname
