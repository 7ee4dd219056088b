"""Read when articles were published and loaded, for answers that place figures in time (/chart)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import SourceDate
from storage.labelled import records_from
from storage.tables import ArticleRow

# Ids per IN list: far below SQLite's and asyncpg's bound-parameter limits.
IDS_PER_QUERY = 500


async def source_dates(
    session: AsyncSession, article_ids: Collection[int]
) -> dict[int, SourceDate]:
    """Each of some articles' title, outlet, publication date and load time, by id; unknown ids are left out."""
    ids = sorted(set(article_ids))
    columns = (ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.published)
    found: dict[int, SourceDate] = {}
    for start in range(0, len(ids), IDS_PER_QUERY):
        chunk = ids[start : start + IDS_PER_QUERY]
        query = select(*columns, ArticleRow.loaded_at).where(ArticleRow.id.in_(chunk))
        found |= {row.id: row for row in records_from(SourceDate, await session.execute(query))}
    return found
