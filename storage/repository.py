"""Repository functions over a caller's session: find, list, count and delete articles, and lock.

They flush but never commit; saving an article is in `storage/saving.py`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.selectable import ScalarSelect

from briefings.errors import DuplicateArticleError
from storage.actor_summaries import article_actors, uncount_article
from storage.engine import on_postgres
from storage.fact_summaries import rebuild_fact_counts
from storage.labelled import record_from, records_from
from storage.records import ArticleSummary, FactCounts
from storage.tables import (
    ActorMentionRow,
    ActorRow,
    ArticleRow,
    Base,
    DemandRow,
    FigureRow,
    SentenceRow,
)

# Any fixed number names the store's write lock among PostgreSQL advisory locks.
_WRITE_LOCK_KEY = 0x62726965


async def find_article_by_hash(
    session: AsyncSession, *, content_hash: str
) -> ArticleSummary | None:
    """The stored article with this normalised-text hash, if any."""
    return await _one_summary(session, ArticleRow.content_hash == content_hash)


async def find_article_by_source(session: AsyncSession, *, source: str) -> ArticleSummary | None:
    """The earliest stored article loaded from this source (a URL or file name), if any."""
    query = _summary_query().where(ArticleRow.source == source).limit(1)
    row = (await session.execute(query)).first()
    return record_from(_summary, row) if row else None


async def lock_for_writing(session: AsyncSession) -> None:
    """Take the store's write lock for this transaction, so concurrent saves never interleave.

    Saving reads the stored actors before adding new ones; two saves at once could both add
    the same new actor. PostgreSQL takes a transaction-scoped advisory lock; SQLite takes its
    database write lock now, with a no-op write, instead of at the first real write (by then
    a WAL reader's snapshot may be stale, and the upgrade fails at once).
    """
    if on_postgres(session):
        await session.execute(select(func.pg_advisory_xact_lock(_WRITE_LOCK_KEY)))
    else:
        await session.execute(update(ArticleRow).where(false()).values(title=ArticleRow.title))


async def get_article(session: AsyncSession, *, article_id: int) -> ArticleSummary | None:
    """The stored article with this id, if any."""
    return await _one_summary(session, ArticleRow.id == article_id)


async def list_articles(session: AsyncSession) -> list[ArticleSummary]:
    """Every stored article with its fact counts, oldest first."""
    rows = await session.execute(_summary_query().order_by(ArticleRow.id))
    return records_from(_summary, rows)


async def count_facts(session: AsyncSession) -> FactCounts:
    """How many articles, sentences, actors, figures and demands the store holds."""
    tables = (ArticleRow, SentenceRow, ActorRow, FigureRow, DemandRow)
    counts = [await _count(session, table) for table in tables]
    return FactCounts(*counts)


async def delete_article(session: AsyncSession, *, article_id: int) -> ArticleSummary | None:
    """Delete an article with its facts, and actors no other article mentions; what it was, or None."""
    await lock_for_writing(session)
    summary = await get_article(session, article_id=article_id)
    article = await session.get(ArticleRow, article_id)
    if summary is None or article is None:
        return None
    mentions, linked = await article_actors(session, article_id)
    await session.delete(article)
    await session.flush()
    await uncount_article(
        session, article_id=article_id, day=article.published, mentions=mentions, linked=linked
    )
    await rebuild_fact_counts(session)
    return summary


async def refuse_duplicate(session: AsyncSession, content_hash: str) -> None:
    """Raise DuplicateArticleError if an article with this hash is stored."""
    existing = await find_article_by_hash(session, content_hash=content_hash)
    if existing is not None:
        raise DuplicateArticleError(existing.id, existing.title)


def _count_per_article(column: InstrumentedAttribute[int]) -> ScalarSelect[int]:
    """Correlated count of the rows that point at the outer article."""
    query = select(func.count()).where(column == ArticleRow.id).correlate(ArticleRow)
    return query.scalar_subquery()


def _summary_query() -> Select[Any]:
    """Articles (without their text) with sentence, actor, figure and demand counts, labelled."""
    return select(
        ArticleRow.id,
        ArticleRow.title,
        ArticleRow.outlet,
        ArticleRow.byline,
        ArticleRow.published,
        ArticleRow.source,
        ArticleRow.content_hash,
        ArticleRow.loaded_at,
        _count_per_article(SentenceRow.article_id).label("n_sentences"),
        _count_per_article(ActorMentionRow.article_id).label("n_actors"),
        _count_per_article(FigureRow.article_id).label("n_figures"),
        _count_per_article(DemandRow.article_id).label("n_demands"),
    )


async def _one_summary(session: AsyncSession, where: ColumnElement[bool]) -> ArticleSummary | None:
    """The summary of the article matching a condition, if any."""
    row = (await session.execute(_summary_query().where(where))).one_or_none()
    return record_from(_summary, row) if row else None


def _summary(*, loaded_at: datetime, **columns: Any) -> ArticleSummary:
    """An article's labelled columns and counts as a plain record, its load time in UTC."""
    return ArticleSummary(loaded_at=_as_utc(loaded_at), **columns)


def _as_utc(moment: datetime) -> datetime:
    """A stored time as UTC; SQLite hands back naive datetimes, which were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _count(session: AsyncSession, table: type[Base]) -> int:
    """Number of rows in a table."""
    return (await session.execute(select(func.count()).select_from(table))).scalar_one()
