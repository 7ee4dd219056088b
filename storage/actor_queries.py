"""Read actors for answers: the most cited first, every actor's names, and one actor's card.

Which actor a phrase names is decided in `briefings.identity.lookup`; the store reads the names
(`actor_names`) and the counts (`article_counts`) it decides by.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Select,
    and_,
    bindparam,
    func,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import ActorEntry, RoleEntry, Slice, SourceEntry
from briefings.records import ActorName, NameKeys, RoleArticle, RoleDay
from storage.labelled import record_from, records_from
from storage.summary_tables import ActorRoleDayRow
from storage.tables import (
    ActorAliasRow,
    ActorMentionRow,
    ActorRow,
    ArticleRow,
    DemandRow,
    FigureRow,
)

# How many of an actor's articles (and of a role's) an entry lists; the rest are only counted.
# At least briefings.replies.citations.MAX_CITES, as many as a citation shows.
CITED_ARTICLES = 4
# Roles read in one compound statement (SQLite allows 500 parts).
_ROLES_PER_READ = 100
# An actor's distinct roles from those its articles state (briefings.identity.role_groups).
GroupRoles = Callable[[Iterable[RoleDay], Iterable[RoleArticle]], tuple[RoleEntry, ...]]


async def list_sources(session: AsyncSession, *, limit: int) -> Slice[SourceEntry]:
    """The newest articles with their fact counts, newest first, and how many there are."""
    total = await session.scalar(select(func.count()).select_from(ArticleRow))
    rows = await session.execute(source_columns().order_by(ArticleRow.id.desc()).limit(limit))
    return Slice(tuple(records_from(SourceEntry, rows)), total or 0)


async def get_source(session: AsyncSession, article_id: int) -> SourceEntry | None:
    """One article with its fact counts, or None."""
    row = (await session.execute(source_columns().where(ArticleRow.id == article_id))).first()
    return record_from(SourceEntry, row) if row else None


def source_columns() -> Select[Any]:
    """An article's metadata and fact counts, without its text, labelled as SourceEntry fields."""
    counted = {
        "n_actors": ActorMentionRow.article_id,
        "n_figures": FigureRow.article_id,
        "n_demands": DemandRow.article_id,
    }
    counts = [
        select(func.count()).where(column == ArticleRow.id).scalar_subquery().label(label)
        for label, column in counted.items()
    ]
    return select(ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.published, *counts)


async def list_actors(
    session: AsyncSession,
    *,
    limit: int,
    offset: int = 0,
    place_kinds: Collection[str] = (),
    named_places: bool = False,
) -> Slice[ActorEntry]:
    """The most cited actors (by articles mentioning them), `limit` of them after the first
    `offset`, each with its first and latest article, and how many such actors there are.

    Actors of `place_kinds` that the articles only name (no role, no figure claimed, no position,
    no quote) are left out; with `named_places`, they alone are listed.
    """
    named = _named_only(place_kinds)
    listed = and_(named if named_places else ~named, ActorRow.n_articles > 0)
    columns = (ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role, ActorRow.n_articles)
    # Along ix_actors_cited: about `offset + limit` rows, however many actors there are.
    query = (
        select(*columns, ActorRow.first_article, ActorRow.last_article)
        .where(listed)
        .order_by(ActorRow.n_articles.desc(), ActorRow.name)
        .offset(offset)
        .limit(limit)
    )
    rows = (await session.execute(query)).all()
    entries = [
        ActorEntry(
            id=row.id,
            name=row.name,
            kind=row.kind,
            role=row.role,
            aliases=(),
            articles=tuple(sorted({row.first_article, row.last_article})),
            n_articles=row.n_articles,
        )
        for row in rows
    ]
    # Exact, from the actors' own columns: one row per actor, no mention read.
    total = await session.scalar(select(func.count()).select_from(ActorRow).where(listed))
    return Slice(tuple(entries), total or 0)


async def count_named_places(session: AsyncSession, *, place_kinds: Collection[str]) -> int:
    """How many actors of `place_kinds` the articles only name (no role, figure, position, quote)."""
    query = select(func.count()).select_from(ActorRow).where(_named_only(place_kinds))
    return await session.scalar(query) or 0


def _named_only(place_kinds: Collection[str]) -> ColumnElement[bool]:
    """An actor of one of some kinds with no role that claims no figure, holds no position and
    says no quote (`holds_fact`, kept on save and removal)."""
    no_role = func.coalesce(ActorRow.role, "") == ""
    return and_(ActorRow.kind.in_(list(place_kinds)), no_role, ~ActorRow.holds_fact)


async def actor_names(session: AsyncSession, keys: Collection[NameKeys]) -> list[ActorName]:
    """The names and aliases (with their actor's id) folded like, or of the surname key of, one
    of some keys: the only ones a phrase of those keys can name (index seeks, never a scan)."""
    folded = [key.folded for key in keys]
    surnames = [key.surname for key in keys if key.surname]
    names = union_all(
        select(ActorRow.id.label("actor_id"), ActorRow.name).where(
            or_(ActorRow.folded.in_(folded), ActorRow.surname.in_(surnames))
        ),
        select(ActorAliasRow.actor_id, ActorAliasRow.alias).where(
            or_(ActorAliasRow.folded.in_(folded), ActorAliasRow.surname.in_(surnames))
        ),
    )
    return records_from(ActorName, await session.execute(names))


async def article_counts(session: AsyncSession, actor_ids: Collection[int]) -> dict[int, int]:
    """How many articles mention each of some actors (kept on the actors)."""
    query = select(ActorRow.id, ActorRow.n_articles).where(ActorRow.id.in_(list(actor_ids)))
    query = query.where(ActorRow.n_articles > 0)
    return dict((await session.execute(query)).tuples().all())


async def get_actor(
    session: AsyncSession, actor_id: int, *, group_roles: GroupRoles
) -> ActorEntry | None:
    """One actor with its aliases, its first few articles and the roles the articles state, or None.

    `group_roles` makes the actor's distinct roles of those its articles state, each dated.
    """
    columns = (ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role, ActorRow.n_articles)
    row = (await session.execute(select(*columns).where(ActorRow.id == actor_id))).first()
    if row is None:
        return None
    id_, name, kind, role, count = row
    aliases = await session.scalars(
        select(ActorAliasRow.alias)
        .where(ActorAliasRow.actor_id == actor_id)
        .order_by(ActorAliasRow.id)
    )
    articles = await session.scalars(
        select(ActorMentionRow.article_id)
        .where(ActorMentionRow.actor_id == actor_id)
        .order_by(ActorMentionRow.article_id)
        .limit(CITED_ARTICLES)
    )
    days = await _role_days(session, actor_id)
    firsts = await _role_firsts(session, actor_id, {day.role for day in days})
    roles = group_roles(days, firsts)
    return ActorEntry(id_, name, kind, role, tuple(aliases), tuple(articles), count, roles)


async def _role_days(session: AsyncSession, actor_id: int) -> list[RoleDay]:
    """Each role the articles state for one actor as written, per day: how many, and the newest
    (kept on save and removal, one row per role and day however many articles there are)."""
    row = ActorRoleDayRow
    query = select(row.role, row.published, row.n_articles, row.last_article)
    found = await session.execute(query.where(row.actor_id == actor_id))
    # A card may read a thousand of these: unpacked by the names selected above, not by
    # building a mapping per row (records_from), which took a third of a long card's time.
    return [
        RoleDay(role=role, published=published, n_articles=n_articles, last_article=last)
        for role, published, n_articles, last in found.tuples()
    ]


async def _role_firsts(
    session: AsyncSession, actor_id: int, roles: Collection[str]
) -> list[RoleArticle]:
    """The first few articles (as many as an entry cites) of each role one actor is given as
    written: one LIMIT seek per role along ix_actor_mentions_actor_role."""
    firsts: list[RoleArticle] = []
    ordered = sorted(roles)
    for start in range(0, len(ordered), _ROLES_PER_READ):
        some = ordered[start : start + _ROLES_PER_READ]
        values = {"actor_id": actor_id, **{f"role_{n}": role for n, role in enumerate(some)}}
        found = await session.execute(_first_articles(len(some)), values)
        firsts += records_from(RoleArticle, found)
    return firsts


@cache
def _first_articles(n_roles: int) -> CompoundSelect[Any]:
    """The first few articles to give an actor each of some roles as written, one part per
    role (built once per number of roles: a card's roles are bound, not built, each time)."""
    parts = []
    for n in range(n_roles):
        first = (
            select(ActorMentionRow.role, ActorMentionRow.article_id)
            .where(
                ActorMentionRow.actor_id == bindparam("actor_id"),
                ActorMentionRow.role == bindparam(f"role_{n}"),
            )
            .order_by(ActorMentionRow.article_id)
            .limit(CITED_ARTICLES)
            .subquery()
        )
        parts.append(select(first.c.role, first.c.article_id))
    return union_all(*parts)
