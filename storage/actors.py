"""Stored actors and their dated roles, read as snapshots; the actors a merge decides, written.

Whether an article's actor is a stored one, and which actor a claimant or a role phrase
names, is decided in `briefings.identity` over these snapshots: the store reads, and writes
what it is told (`ActorRules`, which the core passes to `save_extracted`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date
from functools import cache
from typing import Any, Protocol

from sqlalchemy import CompoundSelect, Date, Select, and_, bindparam, select, union, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, aliased, selectinload
from sqlalchemy.sql.selectable import ScalarSelect

from briefings.model import ExtractedArticle
from briefings.records import (
    ActorMerge,
    DatedRole,
    MergedActor,
    NameKeys,
    SpeakerLinks,
    StoredActor,
)
from storage.engine import on_postgres
from storage.labelled import records_from
from storage.summary_tables import ActorRoleDayRow, ActorRoleTitleRow
from storage.tables import ActorAliasRow, ActorRow
from storage.values_in import bound_list, bound_list_in, values_in


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

    def role_titles(self, role: str) -> Collection[str]:
        """The titles of the roles a stated role holds (kept, to find who holds a title)."""

    def fitting_titles(self, phrases: Collection[str]) -> Collection[str]:
        """The titles a role must have for one of some role phrases to name its holder."""


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
        .where(values_in(session, ActorAliasRow.actor_id, ids))
        .order_by(ActorAliasRow.id)
    )
    aliases: dict[int, list[str]] = {}
    for actor_id, alias in alias_rows.tuples():
        aliases.setdefault(actor_id, []).append(alias)
    columns = (ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role, ActorRow.side)
    by_id = values_in(session, ActorRow.id, ids)
    rows = await session.execute(select(*columns).where(by_id).order_by(ActorRow.id))
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


async def dated_roles(
    session: AsyncSession,
    day: date | None,
    *,
    titles: Collection[str],
    actor_ids: Collection[int] = (),
) -> list[DatedRole]:
    """The stated roles of some actors in their newest articles published by a day (in their
    undated articles when they have no dated one): all `roles_as_of` reads of those actors.

    The actors are those holding a role of one of some titles (a role phrase fits no other,
    `briefings.identity.role_phrases.fitting_titles`) and those of `actor_ids`. Each actor's
    newest day is one seek along ix_actor_role_days_actor_day, its roles of that day another
    (one statement); each role comes once, with the newest article of that day to state it.
    """
    as_array = on_postgres(session)
    holding, roles = _dated_queries(as_array, day is not None)
    found = await session.scalars(holding, {"titles": bound_list(titles, as_array=as_array)})
    keys = sorted({*found.all(), *actor_ids})
    if not keys:
        return []
    values = {"keys": bound_list(keys, as_array=as_array), "day": day}
    return records_from(DatedRole, await session.execute(roles, values))


@cache
def _dated_queries(as_array: bool, by_day: bool) -> tuple[Select[Any], CompoundSelect[Any]]:
    """The holders of the titles bound as `titles`; and the roles of the actors bound as `keys`
    in their newest articles (published by the day bound as `day` when `by_day`). Built once
    per backend and kind of day (see storage.values_in)."""
    holding = select(ActorRoleTitleRow.actor_id).where(
        bound_list_in(ActorRoleTitleRow.title, "titles", as_array=as_array)
    )
    row = ActorRoleDayRow
    # The newest article of the day to state a role stands for all that do.
    columns = (
        row.actor_id.label("key"),
        row.role,
        row.published,
        row.last_article.label("article_id"),
    )
    newest = (
        select(ActorRow.id.label("key"), _newest_day(ActorRow.id, by_day).label("day"))
        .where(bound_list_in(ActorRow.id, "keys", as_array=as_array))
        .subquery()
    )
    on_newest = select(*columns).join(
        newest, and_(row.actor_id == newest.c.key, row.published == newest.c.day)
    )
    # An actor with no dated role by the day: the roles of its undated articles.
    undated = select(*columns).where(
        bound_list_in(row.actor_id, "keys", as_array=as_array),
        row.published.is_(None),
        _newest_day(row.actor_id, by_day).is_(None),
    )
    return holding, union_all(on_newest, undated)


def _newest_day(actor_id: InstrumentedAttribute[int], by_day: bool) -> ScalarSelect[date | None]:
    """The newest day (by the day bound as `day`, when `by_day`) on which an actor's articles
    state a role, if any: one seek along ix_actor_role_days_actor_day (the table read under
    another name, to correlate)."""
    row = aliased(ActorRoleDayRow)
    query = select(row.published).where(row.actor_id == actor_id, row.published.is_not(None))
    if by_day:
        query = query.where(row.published <= bindparam("day", type_=Date))
    return query.order_by(row.published.desc()).limit(1).scalar_subquery()


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
