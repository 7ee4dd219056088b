"""Read an actor's distinct roles for its card: each role as written summed in SQL, then its
newest days and first articles by seeks, so a card reads rows per role as written, not per day
or article. Which roles are one is decided in `briefings.identity.role_groups`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Date,
    Integer,
    Text,
    bindparam,
    false,
    func,
    null,
    select,
    true,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import NEWEST_ROLE_DAYS, RoleEntry
from briefings.records import RoleArticle, RoleDay, RoleGroup, RoleTally
from storage.labelled import records_from
from storage.summary_tables import ActorRoleDayRow
from storage.tables import ActorMentionRow

# How many of an actor's articles (and of a role's) an entry lists; the rest are only counted.
# At least briefings.replies.citations.MAX_CITES, as many as a citation shows.
CITED_ARTICLES = 4

# Roles read in one compound statement (SQLite allows 500 parts; a role takes three).
_ROLES_PER_READ = 150
# An actor's distinct roles of its roles as written, and its roles' entries from what the store
# reads of them (briefings.identity.role_groups).
KeyGroups = Callable[[Iterable[str]], list[RoleGroup]]
GroupRoles = Callable[
    [
        Sequence[RoleGroup],
        Iterable[RoleDay],
        Mapping[str, RoleTally],
        Mapping[str, int],
        Iterable[RoleArticle],
    ],
    tuple[RoleEntry, ...],
]


async def roles_of(
    session: AsyncSession, actor_id: int, *, key_groups: KeyGroups, group_roles: GroupRoles
) -> tuple[RoleEntry, ...]:
    """An actor's distinct roles: each role as written summed in SQL, then its newest days and
    first articles read by seeks, so a card reads rows per role as written, not per day."""
    tallies = await _role_tallies(session, actor_id)
    if not tallies:
        return ()
    groups = key_groups(tallies)
    shared = await _shared_days(session, actor_id, [g for g in groups if len(g.parts) > 1])
    newest, firsts = await _days_and_firsts(session, actor_id, tallies)
    return group_roles(groups, newest, tallies, shared, firsts)


async def _role_tallies(session: AsyncSession, actor_id: int) -> dict[str, RoleTally]:
    """Each role as written of one actor: its dated days, its articles and the newest of them,
    summed over its day rows along ix_actor_role_days_actor_role (an index-only scan)."""
    row = ActorRoleDayRow
    query = (
        select(
            row.role,
            func.count(row.published),
            func.sum(row.n_articles),
            func.max(row.last_article),
        )
        .where(row.actor_id == actor_id)
        .group_by(row.role)
    )
    found = await session.execute(query)
    return {role: RoleTally(int(days), int(n), int(last)) for role, days, n, last in found.tuples()}


async def _shared_days(
    session: AsyncSession, actor_id: int, groups: Sequence[RoleGroup]
) -> dict[str, int]:
    """How many distinct days the roles as written of each group give together."""
    if not groups:
        return {}
    values: dict[str, object] = {"actor_id": actor_id}
    for n, group in enumerate(groups):
        values |= {f"key_{n}": group.key, f"roles_{n}": list(group.written)}
    found = await session.execute(_distinct_days(len(groups)), values)
    return {key: int(days) for key, days in found.tuples()}


@cache
def _distinct_days(n_groups: int) -> CompoundSelect[Any]:
    """The distinct dated days of each of some groups of roles as written, one part per group."""
    row = ActorRoleDayRow
    parts = [
        select(bindparam(f"key_{n}", type_=Text), func.count(row.published.distinct())).where(
            row.actor_id == bindparam("actor_id"),
            row.role.in_(bindparam(f"roles_{n}", expanding=True)),
        )
        for n in range(n_groups)
    ]
    return union_all(*parts)


async def _days_and_firsts(
    session: AsyncSession, actor_id: int, roles: Collection[str]
) -> tuple[list[RoleDay], list[RoleArticle]]:
    """Each role as written's newest few dated days and its undated row if any (two LIMIT seeks
    along ix_actor_role_days_actor_role), and its first few articles (one LIMIT seek along
    ix_actor_mentions_actor_role), in one statement: a round trip, not two. The roles are read
    in sorted order, _ROLES_PER_READ at a time."""
    rows: list[_RoleRow] = []
    ordered = sorted(roles)
    for start in range(0, len(ordered), _ROLES_PER_READ):
        some = ordered[start : start + _ROLES_PER_READ]
        values = {"actor_id": actor_id, **{f"role_{n}": role for n, role in enumerate(some)}}
        rows += records_from(_RoleRow, await session.execute(_role_rows(len(some)), values))
    days = [RoleDay(r.role, r.published, r.n_articles or 0, r.article) for r in rows if r.is_day]
    firsts = [RoleArticle(r.role, r.article) for r in rows if not r.is_day]
    return days, firsts


@dataclass(frozen=True)
class _RoleRow:
    """A row of _role_rows: a role day (its article the newest of the day) or a first article."""

    is_day: bool
    role: str
    published: date | None
    n_articles: int | None
    article: int


@cache
def _role_rows(n_roles: int) -> CompoundSelect[Any]:
    """For each of some roles (bound as role_0…), its newest dated rows (NEWEST_ROLE_DAYS) and
    undated row, and its first few articles (as many as an entry cites), labelled as _RoleRow;
    built once per number of roles (a card's roles are bound, not built, each time)."""
    row = ActorRoleDayRow
    parts = []
    for n in range(n_roles):
        of_role = (row.actor_id == bindparam("actor_id"), row.role == bindparam(f"role_{n}"))
        columns = (
            true().label("is_day"),
            row.role,
            row.published,
            row.n_articles,
            row.last_article.label("article"),
        )
        dated = (
            select(*columns)
            .where(*of_role, row.published.is_not(None))
            .order_by(row.published.desc())
            .limit(NEWEST_ROLE_DAYS)
            .subquery()
        )
        undated = select(*columns).where(*of_role, row.published.is_(None)).limit(1).subquery()
        first = (
            select(
                false().label("is_day"),
                ActorMentionRow.role,
                null().cast(Date).label("published"),
                null().cast(Integer).label("n_articles"),
                ActorMentionRow.article_id.label("article"),
            )
            .where(
                ActorMentionRow.actor_id == bindparam("actor_id"),
                ActorMentionRow.role == bindparam(f"role_{n}"),
            )
            .order_by(ActorMentionRow.article_id)
            .limit(CITED_ARTICLES)
            .subquery()
        )
        parts += [select(*dated.c), select(*undated.c), select(*first.c)]
    return union_all(*parts)
