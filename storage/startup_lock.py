"""The start-up lock: of the workers starting at once on one store, one at a time migrates and seeds.

On PostgreSQL a session advisory lock, held on a connection of its own while the block runs
(and released with it however the process ends). Alembic's migrations and the seeding's
emptiness check are not safe to run twice at once: two workers started together on a new
store would both create tables, or both load the seeds. SQLite needs none: its migrations
run in one write transaction, and several processes on one SQLite store are refused anyway.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

# Any fixed number names the start-up lock among PostgreSQL advisory locks.
_STARTUP_KEY = 0x73746172


@asynccontextmanager
async def one_starting_at_a_time(engine: AsyncEngine) -> AsyncIterator[None]:
    """Run the block while no other process on the store runs its own (PostgreSQL only)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    async with engine.connect() as connection:
        await connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _STARTUP_KEY})
        await connection.commit()
        try:
            yield
        finally:
            await connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _STARTUP_KEY})
            await connection.commit()
