"""Engines and session factories for SQLite (aiosqlite; inline for readers) and PostgreSQL (asyncpg)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine

from storage.failures import StoreFolderError
from storage.inline_sqlite import DRIVER as INLINE_DRIVER
from storage.inline_sqlite import register as register_inline_sqlite

# The execution option that begins a SQLite transaction IMMEDIATE (see `write_first`).
_BEGIN_OPTION = "sqlite_begin"

# How long a PostgreSQL server has to accept a connection before the store counts as
# unreachable; asyncpg's own default is 60 s, longer than anyone waits for an answer.
CONNECT_TIMEOUT_SECONDS = 10.0


def create_engine(url: str | URL) -> AsyncEngine:
    """An async engine for the URL; SQLite gets its directory, WAL, foreign keys and real BEGIN."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        arguments = _asyncpg_arguments() if _is_asyncpg(parsed) else {}
        return _create_async_engine(parsed, pool_pre_ping=True, connect_args=arguments)
    _ensure_sqlite_directory(parsed)
    engine = _create_async_engine(parsed)
    event.listen(engine.sync_engine, "connect", _on_sqlite_connect)
    event.listen(engine.sync_engine, "begin", _on_sqlite_begin)
    return engine


def create_reader_engine(url: str | URL) -> AsyncEngine | None:
    """An engine for read-only sessions where one pays: a SQLite file read inline (see
    storage.inline_sqlite), its connections refusing writes; PostgreSQL on asyncpg in
    autocommit, without a ping before each use (see `is_dropped`); None elsewhere (use the
    main one)."""
    parsed = make_url(url)
    if _is_asyncpg(parsed):
        # SQLAlchemy's ping on asyncpg is three round trips (BEGIN, an empty query,
        # ROLLBACK) before every answer; a reader instead retries once on a dropped
        # connection, which invalidates the pool's older connections too. It reads in
        # autocommit, sparing each answer its BEGIN and ROLLBACK; each statement sees the
        # store as committed when it runs. Answers alternated with answers in transactions
        # on a 10,000-article store: 0.5 ms faster (median) on 49 of 50 lines.
        return _create_async_engine(
            parsed,
            pool_pre_ping=False,
            isolation_level="AUTOCOMMIT",
            connect_args=_asyncpg_arguments(),
        )
    if sqlite_file_path(parsed) is None:
        return None
    register_inline_sqlite()
    engine = _create_async_engine(parsed.set(drivername=f"sqlite+{INLINE_DRIVER}"))
    event.listen(engine.sync_engine, "connect", _on_sqlite_reader_connect)
    event.listen(engine.sync_engine, "begin", _on_sqlite_begin)
    return engine


# Answers are short index reads, so PostgreSQL's aids for long queries cost more than they save:
# - parallel workers: EXPLAIN ANALYZE of a search at 10,000 articles took 21 ms with two
#   workers, 2.5 ms of it their work;
# - JIT compiling: a search whose row estimate was high (14,430 rows; 500 read) spent 15 ms of
#   its 46 compiling expressions (EXPLAIN ANALYZE).
# A search's ranking asks for plans made for its words (storage.search.planned_for_the_words).
_POSTGRES_SETTINGS = {"max_parallel_workers_per_gather": "0", "jit": "off"}


def _asyncpg_arguments() -> dict[str, object]:
    """asyncpg's connect arguments: the settings above and the connect timeout."""
    return {"server_settings": _POSTGRES_SETTINGS, "timeout": CONNECT_TIMEOUT_SECONDS}


def _is_asyncpg(url: URL) -> bool:
    """True for a PostgreSQL URL on the asyncpg driver (the one whose connect takes settings)."""
    return url.get_backend_name() == "postgresql" and url.get_driver_name() == "asyncpg"


Engine = AsyncEngine
# Any error the store raises: callers outside storage/ catch this, never SQLAlchemy's names
# (storage.failures says what kind of failure one is, and in one sentence).
StoreError = SQLAlchemyError
Session = AsyncSession
SessionFactory = async_sessionmaker[AsyncSession]


def on_postgres(session: AsyncSession) -> bool:
    """True when the session's store is PostgreSQL (else SQLite)."""
    return session.get_bind().dialect.name == "postgresql"


def on_postgres_engine(engine: AsyncEngine) -> bool:
    """True when the engine's store is PostgreSQL (else SQLite)."""
    return engine.dialect.name == "postgresql"


def is_dropped(error: BaseException) -> bool:
    """True when a statement failed because its pooled connection had died (the server
    restarted or closed it): the same read on a new connection may well succeed."""
    return isinstance(error, DBAPIError) and error.connection_invalidated


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions bound to the engine that keep their objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)


def sqlite_file_path(url: str | URL) -> Path | None:
    """The database file of a SQLite URL, or None for memory databases and other backends."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database)


def _ensure_sqlite_directory(url: URL) -> None:
    """Create the parent directory of a SQLite file, e.g. ./data for ./data/briefbot.db;
    raises StoreFolderError when it cannot be."""
    path = sqlite_file_path(url)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreFolderError(path.parent, error) from error


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Switch off the driver's own BEGIN handling, then turn on WAL, foreign keys and waiting for the write lock."""
    # The sqlite3 driver's legacy transaction control breaks SAVEPOINT and
    # transactional DDL; SQLAlchemy emits BEGIN itself instead (see _on_sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL is safe from corruption and skips an fsync per commit; a commit can be
    # lost only to a power cut or an OS crash, not to the process dying.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # A writer waits for another to finish (up to 10 s) instead of failing at once.
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _on_sqlite_reader_connect(dbapi_connection: Any, record: Any) -> None:
    """A reader's connection: the writers' settings, and any write refused."""
    _on_sqlite_connect(dbapi_connection, record)
    dbapi_connection.execute("PRAGMA query_only=ON")


async def write_first(session: AsyncSession) -> None:
    """Begin the session's transaction as a writer: call it before the transaction's first read.

    A SQLite transaction that reads and then writes fails at once ("database is locked") when
    another process's transaction did the same meanwhile; one begun IMMEDIATE takes the write
    lock first, so it waits its turn (busy_timeout) instead. PostgreSQL ignores it.
    """
    await session.connection(execution_options={_BEGIN_OPTION: "IMMEDIATE"})


def _on_sqlite_begin(connection: Connection) -> None:
    """Start the transaction that the sqlite3 driver no longer starts for us."""
    mode = connection.get_execution_options().get(_BEGIN_OPTION, "")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN")
