"""A SQLite driver for the async engine that runs each statement at once on the calling thread.

aiosqlite runs every call on a thread of its own and hands the result back to the event loop:
four hand-offs a statement (cursor, execute, fetch, close). A read by primary key took 0.47 ms
(min; median 1.26) that way against 0.056 ms (min; median 0.083) inline, on a shared two-core
machine (bench/statements.py). An answer's reads are a dozen short index seeks, so for them the
hand-offs were most of the time.

Only read-only sessions use it (storage.engine.create_reader_engine): in WAL mode a reader never
waits for a writer, so a statement cannot block the event loop on another's lock; writes keep
aiosqlite, whose thread may wait out another process's write lock without stalling the bot.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import pool
from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import URL

DRIVER = "briefbot_inline"


class InlineCursor(sqlite3.Cursor):
    """A sqlite3 cursor the async result layer can close softly."""

    async def _async_soft_close(self) -> None:
        """Nothing to do: the rows stay readable on the cursor, without awaiting."""


class InlineConnection(sqlite3.Connection):
    """A sqlite3 connection whose cursors are InlineCursors."""

    def cursor(self, factory: Any = InlineCursor) -> Any:
        """A new cursor (an InlineCursor unless told otherwise)."""
        return super().cursor(factory)


class InlineSQLiteDialect(SQLiteDialect_pysqlite):
    """The standard sqlite3 driver, declared async so that an AsyncEngine can run it inline."""

    driver = DRIVER
    is_async = True
    supports_statement_cache = True

    @classmethod
    def get_pool_class(cls, url: URL) -> type[pool.Pool]:
        """A pool whose waiting is asyncio's, as the async engine requires."""
        return pool.AsyncAdaptedQueuePool

    def connect(self, *cargs: Any, **cparams: Any) -> Any:
        """A sqlite3 connection of the InlineConnection class."""
        return super().connect(*cargs, factory=InlineConnection, **cparams)

    def get_driver_connection(self, connection: Any) -> Any:
        """The sqlite3 connection itself: there is no adapter in between."""
        return connection


def register() -> None:
    """Make `sqlite+briefbot_inline://` URLs use this dialect (idempotent)."""
    registry.register(f"sqlite.{DRIVER}", __name__, "InlineSQLiteDialect")
