"""Tests of storage.inline_sqlite through storage.engine.create_reader_engine: readers of a
SQLite file run inline, see what writers committed, never wait for a writer, and never write."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import StoreError, create_engine, create_reader_engine, make_session_factory
from storage.inline_sqlite import InlineConnection


@pytest_asyncio.fixture
async def engines(tmp_path: Path) -> AsyncIterator[tuple[AsyncEngine, AsyncEngine]]:
    """A writer and a reader engine on one SQLite file holding table t with the value 1."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'store.db'}"
    writer = create_engine(url)
    async with writer.begin() as connection:
        await connection.execute(text("CREATE TABLE t (v INTEGER)"))
        await connection.execute(text("INSERT INTO t VALUES (1)"))
    reader = create_reader_engine(url)
    assert reader is not None
    try:
        yield writer, reader
    finally:
        await reader.dispose()
        await writer.dispose()


async def values(engine: AsyncEngine) -> list[int]:
    """The values in t, read in a session of the engine."""
    async with make_session_factory(engine)() as session:
        return list(await session.scalars(text("SELECT v FROM t ORDER BY v")))


async def test_a_reader_runs_sqlite3_inline_and_sees_committed_rows(
    engines: tuple[AsyncEngine, AsyncEngine],
) -> None:
    writer, reader = engines
    assert await values(reader) == [1]
    async with writer.begin() as connection:
        await connection.execute(text("INSERT INTO t VALUES (2)"))
    assert await values(reader) == [1, 2]
    async with reader.connect() as connection:
        raw = await connection.get_raw_connection()
        assert isinstance(raw.driver_connection, InlineConnection)


async def test_a_reader_does_not_wait_for_a_writer_holding_the_lock(
    engines: tuple[AsyncEngine, AsyncEngine],
) -> None:
    writer, reader = engines
    async with writer.begin() as connection:
        await connection.execute(text("INSERT INTO t VALUES (3)"))
        # The writer's transaction is open: the reader sees the last commit, at once.
        assert await asyncio.wait_for(values(reader), timeout=2) == [1]
    assert await values(reader) == [1, 3]


async def test_a_reader_refuses_to_write(engines: tuple[AsyncEngine, AsyncEngine]) -> None:
    writer, reader = engines
    with pytest.raises(StoreError, match="readonly"):
        async with reader.begin() as connection:
            await connection.execute(text("INSERT INTO t VALUES (4)"))
    assert await values(writer) == [1]


def test_a_memory_store_reads_through_its_main_engine() -> None:
    assert create_reader_engine("sqlite+aiosqlite:///:memory:") is None
