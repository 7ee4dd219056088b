"""Articles over spaCy's 1,000,000-character limit load through the real path, their facts'
spans exact in the stored text, however far from the start."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from sqlalchemy import select

from bot.core.article_inputs import LocalFile
from bot.core.extraction_worker import ExtractionWorker
from bot.core.loading import load_article
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from storage import export_store
from storage.tables import ArticleRow
from tests.support.long_articles import HUGE_ENDING, make_huge_article


@pytest_asyncio.fixture
async def runtime(store_env: Path, extraction_worker: ExtractionWorker) -> AsyncIterator[Runtime]:
    """A runtime on a fresh store, with the shared worker and the default time limit."""
    opened = await open_runtime(
        Settings(database_url=f"sqlite+aiosqlite:///{store_env}"), extraction_worker
    )
    try:
        yield opened
    finally:
        await opened.close()


async def test_an_article_over_a_million_characters_loads_with_exact_spans(
    runtime: Runtime, tmp_path: Path
) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(make_huge_article())
    assert 1_000_000 < path.stat().st_size < runtime.settings.max_input_bytes
    reply = await load_article(runtime, LocalFile(path))
    assert reply.plain.startswith("✅ Loaded as article [1]"), reply.plain
    async with runtime.sessions() as session:
        stored = (await session.scalars(select(ArticleRow.text))).one()
        exported = await export_store(session)
    assert len(stored) > 1_000_000 and stored.endswith(HUGE_ENDING)
    [figure] = [f for f in exported["figures"] if f["value"] == 90_000]
    start, end = figure["span"]
    assert stored[start:end] == figure["text"] == "90,000"
    assert start > 1_000_000
    assert "90,000" in figure["sentence"] and figure["sentence"] in stored[start - 200 :]
    assert figure["claimed_by"] == "Russia's defence ministry"
