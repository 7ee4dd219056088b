"""Read actors for answers: the most cited first, and one actor found by any of its names."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, func, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import ActorEntry, Slice, SourceEntry
from briefings.names import fold, names_match
from storage.tables import (
    ActorAliasRow,
    ActorMentionRow,
    ActorRow,
    ArticleRow,
    DemandRow,
    FigureRow,
)

# How many of an actor's articles an entry lists; the rest are only counted.
CITED_ARTICLES = 4


async def list_sources(session: AsyncSession, *, limit: int) -> Slice[SourceEntry]:
    """The newest articles with their fact counts, newest first, and how many there are."""
    total = await session.scalar(select(func.count()).select_from(ArticleRow))
    rows = await session.execute(source_columns().order_by(ArticleRow.id.desc()).limit(limit))
    return Slice(tuple(SourceEntry(*row) for row in rows.tuples()), total or 0)


async def get_source(session: AsyncSession, article_id: int) -> SourceEntry | None:
    """One article with its fact counts, or None."""
    row = (await session.execute(source_columns().where(ArticleRow.id == article_id))).first()
    return SourceEntry(*row) if row else None


def source_columns() -> Select[Any]:
    """An article's metadata and fact counts, without its text."""
    counts = [
        select(func.count()).where(column == ArticleRow.id).scalar_subquery()
        for column in (ActorMentionRow.article_id, FigureRow.article_id, DemandRow.article_id)
    ]
    return select(ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.published, *counts)


async def list_actors(session: AsyncSession, *, limit: int) -> Slice[ActorEntry]:
    """The most cited actors (by articles mentioning them), each with its first and latest article."""
    n_articles = func.count(ActorMentionRow.article_id)
    query = (
        select(ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role, n_articles)
        .add_columns(func.min(ActorMentionRow.article_id), func.max(ActorMentionRow.article_id))
        .join(ActorMentionRow, ActorMentionRow.actor_id == ActorRow.id)
        .group_by(ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role)
        .order_by(n_articles.desc(), ActorRow.name)
        .limit(limit)
    )
    rows = (await session.execute(query)).tuples()
    entries = [
        ActorEntry(id_, name, kind, role, (), tuple(sorted({first, last})), count)
        for id_, name, kind, role, count, first, last in rows
    ]
    total = await session.scalar(select(func.count()).select_from(ActorRow))
    return Slice(tuple(entries), total or 0)


async def find_actor(session: AsyncSession, query: str) -> ActorEntry | None:
    """The actor a name denotes: exact name or alias first, then spelling variants; most cited wins."""
    names = await _all_names(session)
    wanted = fold(query)
    exact = [id_ for id_, name in names if fold(name) == wanted]
    matches = exact or [id_ for id_, name in names if names_match(query, name)]
    candidates = list(dict.fromkeys(matches))
    if len(candidates) > 1:
        counts = await _article_counts(session, candidates)
        candidates.sort(key=lambda id_: (-counts.get(id_, 0), id_))
    return await get_actor(session, candidates[0]) if candidates else None


async def get_actor(session: AsyncSession, actor_id: int) -> ActorEntry | None:
    """One actor with its aliases and its first few articles, or None."""
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
    return ActorEntry(id_, name, kind, role, tuple(aliases), tuple(articles), count)


async def _all_names(session: AsyncSession) -> list[tuple[int, str]]:
    """Each actor's id with its name and with each alias."""
    names = union_all(
        select(ActorRow.id, ActorRow.name), select(ActorAliasRow.actor_id, ActorAliasRow.alias)
    )
    return [(id_, name) for id_, name in await session.execute(names)]


async def _article_counts(session: AsyncSession, actor_ids: Collection[int]) -> dict[int, int]:
    """How many articles mention each of some actors."""
    query = select(ActorMentionRow.actor_id, func.count()).group_by(ActorMentionRow.actor_id)
    query = query.where(ActorMentionRow.actor_id.in_(list(actor_ids)))
    return dict((await session.execute(query)).tuples().all())
