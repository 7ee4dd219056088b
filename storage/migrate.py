"""Run the Alembic migrations from the application, on its own async engine or connection."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")


def alembic_config() -> Config:
    """An Alembic configuration pointing at storage/migrations, without an ini file."""
    config = Config()
    # ConfigParser interpolates '%', so a path containing one must be escaped.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    return config


def head_revision() -> str | None:
    """The newest revision the migrations define."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def upgrade_to_head(engine: AsyncEngine) -> None:
    """Bring the database schema up to the newest revision, in one transaction."""
    async with engine.begin() as connection:
        await upgrade(connection)


async def upgrade(connection: AsyncConnection, *, revision: str = "head") -> None:
    """Upgrade within the connection's transaction; the caller commits."""
    await connection.run_sync(_run_command, command.upgrade, revision)


async def downgrade(connection: AsyncConnection, *, revision: str = "base") -> None:
    """Downgrade within the connection's transaction; the caller commits."""
    await connection.run_sync(_run_command, command.downgrade, revision)


async def current_revision(connection: AsyncConnection) -> str | None:
    """The revision the database is at, or None when it was never migrated."""
    return await connection.run_sync(_read_revision)


def _run_command(
    connection: Connection, action: Callable[[Config, str], None], revision: str
) -> None:
    """Run an Alembic command on a sync connection that env.py picks up."""
    config = alembic_config()
    config.attributes["connection"] = connection
    action(config, revision)


def _read_revision(connection: Connection) -> str | None:
    """Read alembic_version through a sync connection."""
    return MigrationContext.configure(connection).get_current_revision()
