"""Run the Alembic migrations from the application, on its own async engine or connection.

Alembic is imported only when there is something to migrate: a store already at the newest
revision (read with one query, against the revision the migration files name) opens without
it, so commands answered from the store start faster. `current_revision` and `schema_state`
tell how the store's schema stands against the code's without changing it (`briefbot health`).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, inspect, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")


def alembic_config() -> Config:
    """An Alembic configuration pointing at storage/migrations, without an ini file."""
    from alembic.config import Config

    config = Config()
    # ConfigParser interpolates '%', so a path containing one must be escaped.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


def head_revision() -> str | None:
    """The newest revision the migrations define."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


class SchemaState(StrEnum):
    """How a store's schema stands against the migrations of this code."""

    CURRENT = "current"
    BEHIND = "behind"  # an older revision: migrating brings it up to date
    NEVER_MIGRATED = "never migrated"  # no alembic_version table: an empty database
    AHEAD = "ahead"  # a revision with no file here: a newer briefbot migrated it


def file_revisions() -> set[str]:
    """Every revision the migration files name ("0006_figure_kinds.py" → "0006").

    Revisions are zero-padded numbers that prefix their file's name (a test holds them to
    Alembic's own head), so they are known without importing Alembic.
    """
    names = (p.name for p in (MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py"))
    return {name.split("_", 1)[0] for name in names}


def newest_file_revision() -> str:
    """The newest revision as the migration files name it (they sort as strings)."""
    return max(file_revisions())


def schema_state(revision: str | None) -> SchemaState:
    """How a store at revision (None: never migrated) stands against this code's migrations."""
    if revision is None:
        return SchemaState.NEVER_MIGRATED
    revisions = file_revisions()
    if revision not in revisions:
        return SchemaState.AHEAD
    return SchemaState.CURRENT if revision == max(revisions) else SchemaState.BEHIND


async def current_revision(connection: AsyncConnection) -> str | None:
    """The revision the store is at, None when never migrated; read without Alembic, and
    without a failing statement (which would end a PostgreSQL transaction)."""
    if not await connection.run_sync(lambda sync: inspect(sync).has_table("alembic_version")):
        return None
    result = await connection.execute(text("SELECT version_num FROM alembic_version"))
    return max(result.scalars().all(), default=None)


async def is_at_head(connection: AsyncConnection) -> bool:
    """Whether the store is at the newest revision, read with one query and no Alembic."""
    try:
        result = await connection.execute(text("SELECT version_num FROM alembic_version"))
    except DBAPIError:
        return False  # never migrated: no alembic_version table yet
    return [row[0] for row in result] == [newest_file_revision()]


async def upgrade_to_head(engine: AsyncEngine) -> None:
    """Bring the database schema up to the newest revision, in one transaction."""
    async with engine.begin() as connection:
        await upgrade(connection)


async def upgrade(connection: AsyncConnection, *, revision: str = "head") -> None:
    """Upgrade within the connection's transaction; the caller commits."""
    from alembic import command

    await connection.run_sync(_run_command, command.upgrade, revision)


async def downgrade(connection: AsyncConnection, *, revision: str = "base") -> None:
    """Downgrade within the connection's transaction; the caller commits."""
    from alembic import command

    await connection.run_sync(_run_command, command.downgrade, revision)


def _run_command(connection: Connection, action: Callable[..., Any], revision: str) -> None:
    """Run an Alembic command on a sync connection that env.py picks up."""
    config = alembic_config()
    config.attributes["connection"] = connection
    action(config, revision)
