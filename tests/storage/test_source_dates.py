"""Tests of storage.source_dates: each article's title, outlet, publication date and load time, by id."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from store_builders import save_article

from briefings.entries import SourceDate
from storage import source_dates


async def test_articles_come_back_with_their_dates_by_id(session: AsyncSession) -> None:
    before = datetime.now(UTC) - timedelta(minutes=1)
    dated = await save_article(session, "Talks resumed.", published=date(2024, 12, 8))
    undated = await save_article(session, "Talks stalled.")

    found = await source_dates(session, [dated, undated, dated])

    assert set(found) == {dated, undated}
    assert isinstance(found[dated], SourceDate)
    assert found[dated].published == date(2024, 12, 8)
    assert found[undated].published is None
    assert found[undated].title
    loaded = found[undated].loaded_at
    # SQLite hands back naive UTC, PostgreSQL an aware time.
    assert (loaded if loaded.tzinfo else loaded.replace(tzinfo=UTC)) >= before


async def test_unknown_ids_are_left_out_however_many_are_asked(session: AsyncSession) -> None:
    article = await save_article(session, "Talks resumed.")

    found = await source_dates(session, range(article, article + 1_200))

    assert list(found) == [article]
    assert await source_dates(session, []) == {}
