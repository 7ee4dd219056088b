"""Tests of storage.migrate and the migrations: they agree with the models, go down and up again."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from storage import create_engine, current_revision, downgrade, head_revision, upgrade
from storage.migrate import is_at_head, newest_file_revision
from storage.search import include_in_autogenerate
from storage.tables import ActorRow, ArticleRow, Base, DemandRow, SentenceRow

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_TABLES = set(Base.metadata.tables)


def _schema_diff(connection: Connection) -> list[object]:
    """What autogenerate would change to make the database match the models."""
    # The full-text search index exists only in the migrations (see storage.search).
    context = MigrationContext.configure(connection, opts={"include_name": include_in_autogenerate})
    return list(compare_metadata(context, Base.metadata))


def _table_names(connection: Connection) -> set[str]:
    """Tables in the database's default schema."""
    return set(inspect(connection).get_table_names())


async def test_models_and_migrations_agree(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        assert await connection.run_sync(_schema_diff) == []


async def test_database_is_at_head(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        revision = await current_revision(connection)
    assert revision is not None
    assert revision == head_revision()


async def test_the_migration_files_name_the_head_alembic_finds(engine: AsyncEngine) -> None:
    assert newest_file_revision() == head_revision()
    async with engine.connect() as connection:
        assert await is_at_head(connection)
        await connection.rollback()
        transaction = await connection.begin()
        await downgrade(connection, revision="0005")
        assert not await is_at_head(connection)
        await transaction.rollback()


async def test_a_store_never_migrated_is_not_at_head(tmp_path: Path) -> None:
    fresh = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}")
    async with fresh.connect() as connection:
        assert not await is_at_head(connection)
    await fresh.dispose()


async def _down_and_up(connection: AsyncConnection) -> tuple[set[str], set[str], list[object]]:
    """Downgrade to base and upgrade to head again; tables after each, and the final diff."""
    await downgrade(connection, revision="base")
    after_down = await connection.run_sync(_table_names)
    await upgrade(connection)
    after_up = await connection.run_sync(_table_names)
    return after_down, after_up, await connection.run_sync(_schema_diff)


async def test_downgrade_to_base_and_upgrade_again(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        transaction = await connection.begin()
        after_down, after_up, diff = await _down_and_up(connection)
        await transaction.rollback()
    assert after_down & APP_TABLES == set()
    assert after_up >= APP_TABLES
    assert diff == []


async def _article_with_sentence(session: AsyncSession) -> SentenceRow:
    """A stored article with one sentence, for facts to point at."""
    article = ArticleRow(title="T", source="t.txt", content_hash="0" * 64, text="Text.")
    session.add(article)
    await session.flush()
    sentence = SentenceRow(article_id=article.id, index=0, start=0, end=5, text="Text.")
    session.add(sentence)
    await session.flush()
    return sentence


async def test_actor_kind_is_checked(session: AsyncSession) -> None:
    # compare_metadata does not compare CHECK constraints, so test that they exist.
    with pytest.raises(IntegrityError, match="ck_actors_kind"):
        async with session.begin_nested():
            session.add(ActorRow(name="X", kind="alien"))


async def test_demand_kind_is_checked(session: AsyncSession) -> None:
    sentence = await _article_with_sentence(session)
    demand = DemandRow(
        article_id=sentence.article_id,
        sentence_id=sentence.id,
        start=0,
        end=4,
        party="X",
        demand="Text",
        kind="wish",
    )
    with pytest.raises(IntegrityError, match="ck_demands_kind"):
        async with session.begin_nested():
            session.add(demand)


def _run_alembic_cli(database: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `alembic -c storage/alembic.ini upgrade head` on a SQLite file."""
    ini = REPO_ROOT / "storage" / "alembic.ini"
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{database}"}
    command = [sys.executable, "-m", "alembic", "-c", str(ini), "upgrade", "head"]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_alembic_command_line_upgrades_to_head(tmp_path: Path) -> None:
    database = tmp_path / "data" / "briefbot.db"
    result = _run_alembic_cli(database, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(database) as connection:
        version = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert version == [(head_revision(),)]
    assert tables >= APP_TABLES


async def test_upgrade_is_idempotent(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    try:
        for _ in range(2):
            async with engine.begin() as connection:
                await upgrade(connection)
        async with engine.connect() as connection:
            assert await current_revision(connection) == head_revision()
    finally:
        await engine.dispose()


async def test_0007_backfills_name_keys_and_downgrades(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'keys.db'}")
    try:
        async with engine.begin() as connection:
            await upgrade(connection, revision="0006")
            await connection.exec_driver_sql(
                "INSERT INTO actors (id, name, kind) VALUES (1, 'Volodymyr Zelenskyy', 'person')"
            )
            await connection.exec_driver_sql(
                "INSERT INTO actor_aliases (actor_id, alias) VALUES (1, 'Зеленський'), (1, 'Zelensky')"
            )
            await upgrade(connection, revision="0007")
            actors = await connection.exec_driver_sql("SELECT folded, surname FROM actors")
            aliases = await connection.exec_driver_sql(
                "SELECT folded, surname FROM actor_aliases ORDER BY id"
            )
            assert actors.all() == [("volodymyr zelenskyy", "zelensky")]
            # Cyrillic is keyed in Latin letters (the national transliteration).
            assert aliases.all() == [("zelenskyi", "zelensky"), ("zelensky", "zelensky")]
            await downgrade(connection, revision="0006")
            columns = {c["name"] for c in await connection.run_sync(_columns, "actors")}
            assert {"folded", "surname"}.isdisjoint(columns)
            await upgrade(connection)
            assert await connection.run_sync(_schema_diff) == []
    finally:
        await engine.dispose()


def _columns(connection: Connection, table: str) -> list[dict[str, object]]:
    """A table's columns as the inspector reads them."""
    return [dict(column) for column in inspect(connection).get_columns(table)]


async def test_0008_backfills_actors_summaries_and_downgrades(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'summaries.db'}")
    rows = [
        "INSERT INTO actors (id, name, kind) VALUES (1, 'Dmitry Peskov', 'person'),"
        " (2, 'Kremlin', 'organisation')",
        "INSERT INTO articles (id, title, source, content_hash, text, published, loaded_at)"
        " VALUES (1, 'a', 'a', 'h1', 't', '2025-03-01', '2025-03-01'),"
        " (2, 'b', 'b', 'h2', 't', '2025-03-01', '2025-03-01')",
        'INSERT INTO sentences (id, article_id, "index", start, "end", text)'
        " VALUES (1, 1, 0, 0, 1, 't'), (2, 2, 0, 0, 1, 't')",
        'INSERT INTO actor_mentions (actor_id, article_id, sentence_id, start, "end", role)'
        " VALUES (1, 1, 1, 0, 1, 'Kremlin spokesman'), (1, 2, 2, 0, 1, 'Kremlin spokesman'),"
        " (2, 2, 2, 0, 1, NULL)",
        'INSERT INTO quotes (article_id, sentence_id, start, "end", text, speaker_actor_id)'
        " VALUES (2, 2, 0, 1, 't', 2)",
    ]
    try:
        async with engine.begin() as connection:
            await upgrade(connection, revision="0007")
            for statement in rows:
                await connection.exec_driver_sql(statement)
            await upgrade(connection, revision="0008")
            actors = await connection.exec_driver_sql(
                "SELECT n_articles, first_article, last_article, holds_fact FROM actors ORDER BY id"
            )
            assert actors.all() == [(2, 1, 2, 0), (1, 2, 2, 1)]
            days = await connection.exec_driver_sql(
                "SELECT actor_id, role, published, n_articles, last_article FROM actor_role_days"
            )
            assert days.all() == [(1, "Kremlin spokesman", "2025-03-01", 2, 2)]
            titles = await connection.exec_driver_sql(
                "SELECT actor_id, title FROM actor_role_titles"
            )
            assert titles.all() == [(1, "spokesman")]
            await downgrade(connection, revision="0007")
            assert "n_articles" not in {
                c["name"] for c in await connection.run_sync(_columns, "actors")
            }
            await upgrade(connection)
            assert await connection.run_sync(_schema_diff) == []
    finally:
        await engine.dispose()


async def test_0010_counts_parties_and_figure_groups_and_downgrades(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'counts.db'}")
    rows = [
        "INSERT INTO actors (id, name, kind) VALUES (1, 'Kremlin', 'organisation')",
        "INSERT INTO articles (id, title, source, content_hash, text, loaded_at)"
        " VALUES (1, 'a', 'a', 'h1', 't', '2025-03-01'), (2, 'b', 'b', 'h2', 't', '2025-03-01')",
        'INSERT INTO sentences (id, article_id, "index", start, "end", text)'
        " VALUES (1, 1, 0, 0, 1, 't'), (2, 2, 0, 0, 1, 't')",
        'INSERT INTO demands (article_id, sentence_id, start, "end", party, party_actor_id,'
        " demand, kind, side) VALUES (1, 1, 0, 1, 'Moscow', 1, 'a', 'demand', 'Russia'),"
        " (2, 2, 0, 1, 'the Kremlin', 1, 'b', 'demand', 'Russia'),"
        " (2, 2, 0, 1, 'villagers', NULL, 'c', 'demand', NULL)",
        'INSERT INTO figures (article_id, sentence_id, start, "end", value, text, measure)'
        " VALUES (1, 1, 0, 1, 5, '5', 'military_killed'), (2, 2, 0, 1, 6, '6', 'military_killed'),"
        " (2, 2, 0, 1, 7, '7', NULL)",
    ]
    try:
        async with engine.begin() as connection:
            await upgrade(connection, revision="0009")
            for statement in rows:
                await connection.exec_driver_sql(statement)
            await upgrade(connection, revision="0010")
            parties = await connection.exec_driver_sql(
                "SELECT actor_id, written, n_demands, newest_article FROM demand_parties"
                " ORDER BY n_demands DESC"
            )
            assert parties.all() == [(1, None, 2, 2), (None, "villagers", 1, 2)]
            groups = await connection.exec_driver_sql(
                "SELECT measure, n_figures FROM figure_groups ORDER BY n_figures DESC"
            )
            assert groups.all() == [("military_killed", 2), (None, 1)]
            await downgrade(connection, revision="0009")
            assert "demand_parties" not in await connection.run_sync(_table_names)
            await upgrade(connection)
            assert await connection.run_sync(_schema_diff) == []
    finally:
        await engine.dispose()


async def test_0012_counts_the_stored_sentences_lexemes_on_postgresql(engine: AsyncEngine) -> None:
    rows = [
        "INSERT INTO articles (id, title, source, content_hash, text, loaded_at)"
        " VALUES (9001, 'a', 'a', 'lexemes', 't', '2025-03-01')",
        'INSERT INTO sentences (article_id, "index", start, "end", text)'
        " VALUES (9001, 0, 0, 1, 'A truce held.'), (9001, 1, 0, 1, 'Truces broke; talks went on.')",
    ]
    async with engine.connect() as connection:
        transaction = await connection.begin()
        await downgrade(connection, revision="0011")
        for statement in rows:
            await connection.exec_driver_sql(statement)
        await upgrade(connection, revision="0012")
        tables = await connection.run_sync(_table_names)
        if connection.dialect.name != "postgresql":
            assert "search_lexemes" not in tables
        else:
            counts = await connection.exec_driver_sql(
                "SELECT lexeme, n_sentences FROM search_lexemes"
                " WHERE lexeme IN ('truce', 'talk') ORDER BY lexeme"
            )
            assert counts.all() == [("talk", 1), ("truce", 2)]
        await transaction.rollback()
