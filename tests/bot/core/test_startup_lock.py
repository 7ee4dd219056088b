"""Workers starting together on a new PostgreSQL store: one migrates and seeds at a time."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select, text

from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import open_runtime
from bot.core.seeding import ensure_seeded
from bot.settings import Settings
from storage import create_engine
from storage.migrate import SchemaState, current_revision, schema_state
from storage.tables import ArticleRow, Base
from tests.bot.app_builders import REPO
from tests.support.postgres import postgres_url

pytestmark = pytest.mark.postgres


async def empty_postgres_store() -> None:
    """Drop every table of the PostgreSQL test store."""
    engine = create_engine(postgres_url())
    try:
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.drop_all)
            await connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        await engine.dispose()


async def test_three_workers_starting_at_once_migrate_and_seed_once(
    extraction_worker: ExtractionWorker,
) -> None:
    await empty_postgres_store()
    settings = Settings(database_url=postgres_url(), seeds_dir=REPO / "seeds")
    runtimes = await asyncio.gather(*(open_runtime(settings, extraction_worker) for _ in "abc"))
    try:
        loaded = await asyncio.gather(*(ensure_seeded(runtime) for runtime in runtimes))
        async with runtimes[0].engine.connect() as connection:
            revision = await current_revision(connection)
            articles = (await connection.execute(select(func.count(ArticleRow.id)))).scalar()
    finally:
        for runtime in runtimes:
            await runtime.close()
    assert schema_state(revision) is SchemaState.CURRENT
    seeds = len(list((REPO / "seeds").glob("*.txt")))
    assert sorted(loaded) == [0, 0, seeds]
    assert articles == seeds
