"""The poller lock: at most one process per store polls Telegram.

Telegram hands each update to one getUpdates caller, so two pollers would split the users
between them. The lock is held for the life of the process and goes with it, however it
ends: on PostgreSQL a session advisory lock on a connection of its own, on SQLite an
exclusive `flock` on a file beside the database.
"""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.engine import sqlite_file_path

# Any fixed number names the poller lock among PostgreSQL advisory locks.
POLLER_KEY = 0x706F6C6C


@dataclass
class PollerLock:
    """A held poller lock; release it at shutdown (or let the process's end release it)."""

    _connection: AsyncConnection | None = None
    _file: IO[str] | None = None

    async def held(self) -> bool:
        """Whether the lock is still held: on PostgreSQL, whether its connection still answers
        (a session lock goes with its connection); a file lock lasts as long as the process."""
        if self._connection is None:
            return self._file is not None
        try:
            await self._connection.execute(text("SELECT 1"))
            await self._connection.commit()
        except SQLAlchemyError:
            return False
        return True

    async def release(self) -> None:
        """Let another process poll (a lock lost with its connection is only let go of)."""
        if self._connection is not None:
            connection, self._connection = self._connection, None
            try:
                await connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": POLLER_KEY}
                )
            except SQLAlchemyError:
                pass  # the connection is gone, and the session lock went with it
            finally:
                await _close_quietly(connection)
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


async def _close_quietly(connection: AsyncConnection) -> None:
    """Close a connection, which may already be broken."""
    try:
        await connection.close()
    except SQLAlchemyError:
        await connection.invalidate()


async def acquire_poller_lock(engine: AsyncEngine) -> PollerLock | None:
    """The poller lock if no other process holds it, else None; memory stores always get it."""
    if engine.dialect.name == "postgresql":
        return await _postgres_lock(engine)
    path = sqlite_file_path(engine.url)
    return _file_lock(path.with_name(path.name + ".poller")) if path else PollerLock()


async def _postgres_lock(engine: AsyncEngine) -> PollerLock | None:
    connection = await engine.connect()
    query = text("SELECT pg_try_advisory_lock(:key)")
    if (await connection.execute(query, {"key": POLLER_KEY})).scalar_one():
        # Commit the implicit transaction; the session-level lock stays with the connection.
        await connection.commit()
        return PollerLock(_connection=connection)
    await connection.close()
    return None


def _file_lock(path: Path) -> PollerLock | None:
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return PollerLock(_file=handle)
