"""Whether the store answers and its schema is this code's, checked without changing the store.

Unlike every other command, the check never migrates the store and never creates it: a SQLite
file that is missing is a failure, not a new store (its folder is not made either). It is
bounded in time: a PostgreSQL server gets 10 s to accept the connection (storage.engine), and
the whole check HEALTH_SECONDS.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.settings import Settings
from storage import create_engine, sqlite_file_path
from storage.failures import StoreMissingError
from storage.migrate import SchemaState, current_revision, newest_file_revision, schema_state

# Longer than the connect timeout, so a silent server is reported as not answering in time.
HEALTH_SECONDS = 15.0


@dataclass(frozen=True)
class StoreHealth:
    """The store's schema revision (None: never migrated), the code's, and how they stand."""

    revision: str | None
    head: str
    state: SchemaState


async def check_store(settings: Settings) -> StoreHealth:
    """Read the store's schema revision and compare it with the code's; a store that fails
    raises (storage.failures says why), a missing SQLite file as StoreMissingError."""
    path = sqlite_file_path(settings.database_url)
    if path is not None and not path.exists():
        raise StoreMissingError(path)
    # The file exists, so its folder does: opening the engine creates nothing.
    engine = create_engine(settings.database_url)
    try:
        return await engine_health(engine)
    finally:
        await engine.dispose()


async def engine_health(engine: AsyncEngine) -> StoreHealth:
    """The schema state of the store an open engine reaches, within HEALTH_SECONDS; a store
    that fails raises (storage.failures says why)."""
    async with asyncio.timeout(HEALTH_SECONDS), engine.connect() as connection:
        revision = await current_revision(connection)
    return StoreHealth(revision, newest_file_revision(), schema_state(revision))
