"""`briefbot health`: exit 0 when the store answers at this code's schema, 3 when the store
fails, 4 when its schema is behind or ahead; it never creates, migrates or changes the store."""

from __future__ import annotations

import asyncio
import json
import socket
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import STORE_FILE, point_settings_at, run_cli
from typer.testing import Result

import bot.core.health
from bot.settings import get_settings
from storage import create_engine, current_revision, downgrade, head_revision
from storage.migrate import newest_file_revision

EXIT_STORE = 3
EXIT_SCHEMA = 4


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The file of a store migrated to the newest revision by an ordinary command."""
    path = point_settings_at(monkeypatch, tmp_path)
    assert run_cli("export").exit_code == 0
    yield path
    get_settings.cache_clear()


def one_line(result: Result, code: int) -> str:
    """The call exited with code, saying one sentence on standard error and nothing else."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].endswith("."), lines[0]
    return lines[0]


def revision_of(store: Path) -> str | None:
    """The revision a SQLite store is at, read with Alembic."""

    async def read() -> str | None:
        engine = create_engine(f"sqlite+aiosqlite:///{store}")
        try:
            async with engine.connect() as connection:
                return await current_revision(connection)
        finally:
            await engine.dispose()

    return asyncio.run(read())


def downgrade_to(store: Path, revision: str) -> None:
    """Run the migrations down to revision on a SQLite store."""

    async def run() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{store}")
        try:
            async with engine.begin() as connection:
                await downgrade(connection, revision=revision)
        finally:
            await engine.dispose()

    asyncio.run(run())


def test_a_store_at_the_newest_revision_is_healthy(store: Path) -> None:
    result = run_cli("health")
    assert result.exit_code == 0, result.output
    assert newest_file_revision() == head_revision()
    assert result.stdout == f"ok: store answers, schema at revision {head_revision()}\n"
    assert result.stderr == ""


def test_a_missing_store_is_a_failure_and_is_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_settings_at(monkeypatch, tmp_path)
    missing = tmp_path / "data" / STORE_FILE
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{missing}")
    get_settings.cache_clear()
    line = one_line(run_cli("health"), EXIT_STORE)
    assert line == f"Can't open the store at {missing}: there is no such file."
    assert not missing.parent.exists()
    assert list(tmp_path.iterdir()) == []


def test_an_older_schema_is_reported_and_left_as_it_was(store: Path) -> None:
    older = f"{int(newest_file_revision()) - 1:04d}"
    downgrade_to(store, older)
    line = one_line(run_cli("health"), EXIT_SCHEMA)
    assert line == (
        f"The store at {store} answers but is at schema revision {older}, not "
        f"{newest_file_revision()}; starting the bot (briefbot run) migrates it."
    )
    assert revision_of(store) == older  # health never migrates
    # What the sentence says to do works: a command that starts migrates the store.
    assert run_cli("export").exit_code == 0
    assert run_cli("health").exit_code == 0


def test_a_schema_from_a_newer_briefbot_is_reported(store: Path) -> None:
    with sqlite3.connect(store) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    line = one_line(run_cli("health"), EXIT_SCHEMA)
    assert "a newer briefbot migrated it to revision 9999" in line
    assert line.endswith("upgrade briefbot.")


def test_an_empty_database_was_never_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = point_settings_at(monkeypatch, tmp_path)
    empty.touch()  # a file of no bytes is an empty SQLite database
    line = one_line(run_cli("health"), EXIT_SCHEMA)
    assert line.endswith(
        "answers but was never migrated; starting the bot (briefbot run) migrates it."
    )
    with sqlite3.connect(empty) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master").fetchall()
    connection.close()
    assert tables == []


def test_a_file_that_is_not_a_database_fails_and_stays_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    garbage = point_settings_at(monkeypatch, tmp_path)
    garbage.write_bytes(b"not a database\n" * 600)
    line = one_line(run_cli("health"), EXIT_STORE)
    assert line == f"Can't open the store at {garbage}: the file is not a SQLite database."
    assert garbage.read_bytes() == b"not a database\n" * 600


def test_a_server_that_never_answers_fails_within_the_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_settings_at(monkeypatch, tmp_path)
    # The check's own bound, shorter than the connect timeout, is the one that ends it.
    monkeypatch.setattr(bot.core.health, "HEALTH_SECONDS", 0.5)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        port = server.getsockname()[1]
        monkeypatch.setenv("DATABASE_URL", f"postgresql+asyncpg://u:pw@127.0.0.1:{port}/db")
        get_settings.cache_clear()
        started = time.monotonic()
        result = run_cli("health")
    assert time.monotonic() - started < 5
    line = one_line(result, EXIT_STORE)
    assert (
        line
        == f"Can't reach the store at postgresql+asyncpg://u:***@127.0.0.1:{port}/db: it did not answer in time."
    )


def test_verbose_logs_the_failure_in_the_log_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    garbage = point_settings_at(monkeypatch, tmp_path)
    garbage.write_bytes(b"not a database\n" * 600)
    monkeypatch.setenv("LOG_FORMAT", "json")
    get_settings.cache_clear()
    result = run_cli("--verbose", "health")
    assert result.exit_code == EXIT_STORE
    logged, sentence = result.stderr.splitlines()
    entry = json.loads(logged)
    assert entry["level"] == "ERROR" and entry["logger"] == "bot.terminal.cli"
    assert "file is not a database" in entry["exception"]
    assert sentence.endswith("the file is not a SQLite database.")
