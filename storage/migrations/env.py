"""Alembic environment: migrate the connection storage.migrate hands over, or DATABASE_URL."""

from __future__ import annotations

import asyncio
import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from storage.engine import create_engine
from storage.tables import Base

config = context.config
target_metadata = Base.metadata

# Only the command line configures logging; inside the app the app owns logging.
if config.config_file_name is not None and "connection" not in config.attributes:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def database_url() -> str:
    """The URL to migrate when run from the command line."""
    url = os.environ.get("DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set DATABASE_URL or sqlalchemy.url in alembic.ini")
    return url


def configure(connection: Connection) -> None:
    """Point Alembic at a connection; SQLite needs batch mode to alter tables."""
    # storage.engine makes SQLite emit a real BEGIN, so its DDL is transactional too
    # and a failed upgrade leaves no half-built schema.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,
    )


def run_on_connection(connection: Connection) -> None:
    """Run the pending migrations on one connection, in one transaction."""
    configure(connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_on_url(url: str) -> None:
    """Open an engine for the URL, migrate through it, and dispose of it."""
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_on_connection)
    finally:
        await engine.dispose()


def run_offline() -> None:
    """Emit the migration SQL for the URL instead of running it."""
    url = database_url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Migrate the handed-over connection if there is one, else the configured URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        run_on_connection(connection)
    else:
        asyncio.run(run_on_url(database_url()))


if context.is_offline_mode():
    run_offline()
else:
    run_online()
