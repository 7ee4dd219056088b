"""Store fixtures: a migrated database per backend, and a session rolled back after each test.

SQLite always runs. PostgreSQL runs when TEST_POSTGRES_URL is set; without it the
PostgreSQL cases are skipped, except under CI=true, where they fail instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage import create_engine, upgrade_to_head
from storage.tables import Base
from tests.support.postgres import postgres_url

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]


def backend_url(backend: str, directory: Path) -> str:
    """The database URL for a backend name."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{directory / 'store.db'}"
    return postgres_url()


async def reset_and_migrate(url: str) -> None:
    """Drop whatever an earlier run left, then migrate from nothing to head."""
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.drop_all)
            await connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        await upgrade_to_head(engine)
    finally:
        await engine.dispose()


@pytest_asyncio.fixture(scope="session", loop_scope="session", params=BACKENDS)
async def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """A database migrated to head, once per test session and backend."""
    url = backend_url(request.param, tmp_path_factory.mktemp(request.param))
    await reset_and_migrate(url)
    return url


@pytest_asyncio.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on the migrated database, disposed after the test."""
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest_asyncio.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session inside an outer transaction that is rolled back after the test."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        session = AsyncSession(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield session
        finally:
            await session.close()
            await transaction.rollback()
