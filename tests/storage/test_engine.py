"""Tests of storage.engine: SQLite directory, pragmas and transactions; session factories."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

import storage.engine
from storage import (
    StoreError,
    create_engine,
    create_reader_engine,
    is_dropped,
    make_session_factory,
    sqlite_file_path,
)
from storage.search import planned_for_the_words
from tests.support.postgres import postgres_url


async def test_sqlite_file_gets_its_directory(tmp_path: Path) -> None:
    database = tmp_path / "data" / "nested" / "briefbot.db"
    engine = create_engine(f"sqlite+aiosqlite:///{database}")
    try:
        assert database.parent.is_dir()
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        assert database.is_file()
    finally:
        await engine.dispose()


async def test_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    try:
        async with engine.connect() as connection:
            journal = (await connection.execute(text("PRAGMA journal_mode"))).scalar_one()
            foreign_keys = (await connection.execute(text("PRAGMA foreign_keys"))).scalar_one()
        assert (journal, foreign_keys) == ("wal", 1)
    finally:
        await engine.dispose()


async def _rows(engine: AsyncEngine) -> list[int]:
    """Values in table t."""
    async with engine.connect() as connection:
        return list((await connection.execute(text("SELECT v FROM t ORDER BY v"))).scalars())


async def test_sqlite_outer_rollback_undoes_released_savepoint(tmp_path: Path) -> None:
    # The per-test rollback relies on this; the sqlite3 driver's own BEGIN handling breaks it.
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE t (v INTEGER)"))
        async with engine.connect() as connection:
            outer = await connection.begin()
            async with connection.begin_nested():
                await connection.execute(text("INSERT INTO t VALUES (1)"))
            await outer.rollback()
        assert await _rows(engine) == []
    finally:
        await engine.dispose()


async def test_sqlite_ddl_is_transactional(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    try:
        async with engine.connect() as connection:
            transaction = await connection.begin()
            await connection.execute(text("CREATE TABLE t (v INTEGER)"))
            await transaction.rollback()
        async with engine.connect() as connection:
            tables = await connection.execute(text("SELECT name FROM sqlite_master"))
            assert "t" not in list(tables.scalars())
    finally:
        await engine.dispose()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite+aiosqlite:///./data/briefbot.db", Path("data/briefbot.db")),
        ("sqlite+aiosqlite:////var/lib/briefbot.db", Path("/var/lib/briefbot.db")),
        ("sqlite+aiosqlite://", None),
        ("sqlite+aiosqlite:///:memory:", None),
        ("postgresql+asyncpg://u:p@localhost/db", None),
    ],
)
def test_sqlite_file_path(url: str, expected: Path | None) -> None:
    assert sqlite_file_path(url) == expected


async def test_memory_sqlite_needs_no_directory() -> None:
    engine = create_engine("sqlite+aiosqlite:///:memory:")
    try:
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT 1"))).scalar_one() == 1
    finally:
        await engine.dispose()


async def test_postgres_engine_is_created_without_connecting() -> None:
    engine = create_engine("postgresql+asyncpg://u:p@127.0.0.1:1/none")
    try:
        assert engine.dialect.name == "postgresql"
        assert engine.dialect.driver == "asyncpg"
    finally:
        await engine.dispose()


async def test_session_factory_keeps_objects_after_commit(engine: AsyncEngine) -> None:
    factory = make_session_factory(engine)
    assert factory.kw["expire_on_commit"] is False
    assert factory.kw["bind"] is engine


@pytest.mark.postgres
async def test_a_postgres_reader_reports_a_dead_connection_as_dropped_then_reconnects() -> None:
    url = postgres_url()
    reader, main = create_reader_engine(url), create_engine(url)
    assert reader is not None
    try:
        async with reader.connect() as connection:
            pid = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        async with main.connect() as connection:
            await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})

        with pytest.raises(StoreError) as raised:
            async with reader.connect() as connection:
                await connection.execute(text("SELECT 1"))

        assert is_dropped(raised.value)
        async with reader.connect() as connection:
            assert (await connection.execute(text("SELECT 1"))).scalar_one() == 1
    finally:
        await reader.dispose()
        await main.dispose()


@pytest.mark.postgres
async def test_a_postgres_reader_reads_in_autocommit_and_plans_a_search_for_its_words() -> None:
    reader = create_reader_engine(postgres_url())
    assert reader is not None
    try:
        async with make_session_factory(reader)() as session:
            show = text("SHOW plan_cache_mode")
            async with planned_for_the_words(session):
                assert await session.scalar(show) == "force_custom_plan"
            assert await session.scalar(show) == "auto"
            # No transaction is open, so a SET LOCAL ends with its own statement.
            await session.execute(text("SET LOCAL plan_cache_mode = force_generic_plan"))
            assert await session.scalar(show) == "auto"
    finally:
        await reader.dispose()


@pytest.mark.postgres
async def test_a_failed_search_inside_a_transaction_keeps_its_own_error(
    engine: AsyncEngine,
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("plan_cache_mode is PostgreSQL's")
    async with make_session_factory(engine)() as session:
        with pytest.raises(StoreError, match="division by zero"):
            async with planned_for_the_words(session):
                await session.execute(text("SELECT 1 / 0"))
        await session.rollback()
        assert await session.scalar(text("SHOW plan_cache_mode")) == "auto"


def test_a_sqlite_folder_that_cannot_be_made_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("a file where the folder should be")
    with pytest.raises(StoreError, match="cannot create"):
        create_engine(f"sqlite+aiosqlite:///{tmp_path / 'notes' / 'store.db'}")
    assert (tmp_path / "notes").read_text() == "a file where the folder should be"


@pytest.mark.parametrize("make", [create_engine, create_reader_engine], ids=["main", "reader"])
async def test_postgres_engines_give_up_on_a_server_that_never_answers(
    monkeypatch: pytest.MonkeyPatch, make: Callable[[str], AsyncEngine | None]
) -> None:
    # A port that takes the connection but never speaks: asyncpg alone would wait 60 s.
    monkeypatch.setattr(storage.engine, "CONNECT_TIMEOUT_SECONDS", 0.3)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        engine = make(f"postgresql+asyncpg://u:pw@127.0.0.1:{silent.getsockname()[1]}/db")
        assert engine is not None
        started = time.monotonic()
        try:
            with pytest.raises(TimeoutError):
                async with engine.connect():
                    pass
        finally:
            await engine.dispose()
    assert time.monotonic() - started < 5
