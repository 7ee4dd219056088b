"""Read actors for answers: the most cited first, every actor's names, and one actor's card.

Which actor a phrase names is decided in `briefings.identity.lookup`; the store reads the names
(`actor_names`) and the counts (`article_counts`) it decides by.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import ActorEntry, RoleEntry, Slice, SourceEntry
from briefings.records import ActorName, NameKeys, RoleArticle, RoleDay
from storage.labelled import record_from, records_from
from storage.tables import (
    ActorAliasRow,
    ActorMentionRow,
    ActorRow,
    ArticleRow,
    DemandRow,
    FigureRow,
    QuoteRow,
)

# How many of an actor's articles (and of a role's) an entry lists; the rest are only counted.
# At least briefings.replies.citations.MAX_CITES, as many as a citation shows.
CITED_ARTICLES = 4
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
    listed = named if named_places else ~named
    n_articles = func.count(ActorMentionRow.article_id)
    first, last = func.min(ActorMentionRow.article_id), func.max(ActorMentionRow.article_id)
    query = (
        select(ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role)
        .add_columns(n_articles.label("n_articles"), first.label("first"), last.label("last"))
        # Every listed actor's count, on each row, taken before OFFSET and LIMIT.
        .add_columns(func.count().over().label("total"))
        .join(ActorMentionRow, ActorMentionRow.actor_id == ActorRow.id)
        .where(listed)
        .group_by(ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role)
        .order_by(n_articles.desc(), ActorRow.name)
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
            articles=tuple(sorted({row.first, row.last})),
            n_articles=row.n_articles,
        )
        for row in rows
    ]
    if rows:
        return Slice(tuple(entries), rows[0].total)
    # A page past the end (or an empty store) still says how many there are.
    mentioned = exists().where(ActorMentionRow.actor_id == ActorRow.id)
    total = await session.scalar(select(func.count()).where(listed, mentioned))
    return Slice((), total or 0)


async def count_named_places(session: AsyncSession, *, place_kinds: Collection[str]) -> int:
    """How many actors of `place_kinds` the articles only name (no role, figure, position, quote)."""
    query = select(func.count()).select_from(ActorRow).where(_named_only(place_kinds))
    return await session.scalar(query) or 0


def _named_only(place_kinds: Collection[str]) -> ColumnElement[bool]:
    """An actor of one of some kinds with no role that claims no figure, holds no position and
    says no quote (each an index seek, and only for the role-less actors of those kinds)."""
    holds_a_fact = or_(
        exists().where(DemandRow.party_actor_id == ActorRow.id),
        exists().where(FigureRow.claimant_actor_id == ActorRow.id),
        exists().where(QuoteRow.speaker_actor_id == ActorRow.id),
    )
    no_role = func.coalesce(ActorRow.role, "") == ""
    return and_(ActorRow.kind.in_(list(place_kinds)), no_role, ~holds_a_fact)


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
    """How many articles mention each of some actors."""
    query = select(ActorMentionRow.actor_id, func.count()).group_by(ActorMentionRow.actor_id)
    query = query.where(ActorMentionRow.actor_id.in_(list(actor_ids)))
    return dict((await session.execute(query)).tuples().all())


async def get_actor(
    session: AsyncSession, actor_id: int, *, group_roles: GroupRoles
) -> ActorEntry | None:
    """One actor with its aliases, its first few articles and the roles the articles state, or None.

    `group_roles` makes the actor's distinct roles of those its articles state, each dated.
    """
    n_articles = (
        select(func.count()).where(ActorMentionRow.actor_id == ActorRow.id).scalar_subquery()
    )
    columns = (ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role, n_articles)
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
    days, firsts = await _role_days(session, actor_id), await _role_firsts(session, actor_id)
    roles = group_roles(days, firsts)
    return ActorEntry(id_, name, kind, role, tuple(aliases), tuple(articles), count, roles)


async def _role_days(session: AsyncSession, actor_id: int) -> list[RoleDay]:
    """Each role the articles state for one actor as written, per day: how many, and the newest
    (one row per role and day, grouped in SQL, however many articles there are)."""
    query = (
        select(
            ActorMentionRow.role,
            ArticleRow.published,
            func.count().label("n_articles"),
            func.max(ActorMentionRow.article_id).label("last_article"),
        )
        .join(ArticleRow, ArticleRow.id == ActorMentionRow.article_id)
        .where(ActorMentionRow.actor_id == actor_id, ActorMentionRow.role.is_not(None))
        .group_by(ActorMentionRow.role, ArticleRow.published)
    )
    return records_from(RoleDay, await session.execute(query))


async def _role_firsts(session: AsyncSession, actor_id: int) -> list[RoleArticle]:
    """The first few articles (as many as an entry cites) of each role one actor is given as
    written, read along ix_actor_mentions_actor_role."""
    rank = func.row_number().over(
        partition_by=ActorMentionRow.role, order_by=ActorMentionRow.article_id
    )
    ranked = (
        select(ActorMentionRow.role, ActorMentionRow.article_id, rank.label("rank"))
        .where(ActorMentionRow.actor_id == actor_id, ActorMentionRow.role.is_not(None))
        .subquery()
    )
    query = select(ranked.c.role, ranked.c.article_id).where(ranked.c.rank <= CITED_ARTICLES)
    return records_from(RoleArticle, await session.execute(query))


def dated_role_columns() -> Select[Any]:
    """Every stated role of a mention, with its actor, article and that article's day."""
    return (
        select(
            ActorMentionRow.actor_id.label("key"),
            ActorMentionRow.role,
            ArticleRow.published,
            ActorMentionRow.article_id,
        )
        .join(ArticleRow, ArticleRow.id == ActorMentionRow.article_id)
        .where(ActorMentionRow.role.is_not(None))
    )
