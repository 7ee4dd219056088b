"""Read what a digest needs: the articles, figures and demands added after a given article."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import DemandEntry, FigureEntry, Slice, SourceEntry
from storage.actor_queries import source_columns
from storage.fact_queries import demand_columns, figure_columns
from storage.labelled import records_from
from storage.tables import ArticleRow, DemandRow, FigureRow


async def newest_article_id(session: AsyncSession) -> int:
    """The id of the newest stored article, 0 when there is none."""
    return int(await session.scalar(select(func.coalesce(func.max(ArticleRow.id), 0))) or 0)


async def sources_after(
    session: AsyncSession, article_id: int, *, limit: int
) -> Slice[SourceEntry]:
    """The articles stored after one (by id), oldest first, and how many there are."""
    newer = ArticleRow.id > article_id
    total = await session.scalar(select(func.count()).select_from(ArticleRow).where(newer))
    query = source_columns().where(newer).order_by(ArticleRow.id).limit(limit)
    rows = await session.execute(query)
    return Slice(tuple(records_from(SourceEntry, rows)), total or 0)


async def figures_after(session: AsyncSession, article_id: int, *, limit: int) -> list[FigureEntry]:
    """The figures of articles stored after one, in the order they were stored."""
    query = figure_columns().where(FigureRow.article_id > article_id).order_by(FigureRow.id)
    return records_from(FigureEntry, await session.execute(query.limit(limit)))


async def demands_after(session: AsyncSession, article_id: int, *, limit: int) -> list[DemandEntry]:
    """The demands of articles stored after one, in the order they were stored."""
    query = demand_columns().where(DemandRow.article_id > article_id).order_by(DemandRow.id)
    return records_from(DemandEntry, await session.execute(query.limit(limit)))


async def article_id_before(session: AsyncSession, moment: datetime) -> int:
    """The newest article loaded before an instant, 0 if none: what was there by then."""
    query = select(func.coalesce(func.max(ArticleRow.id), 0)).where(ArticleRow.loaded_at < moment)
    return int(await session.scalar(query) or 0)
