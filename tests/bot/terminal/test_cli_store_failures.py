"""A store that fails, whatever the cause, is one sentence from `briefbot`, with exit code 3.

Each hostile store is met by `briefbot` run in-process: no traceback, one line on standard
error naming the store (its password masked), an answer well within 30 s, and a store that
exists left exactly as it was. Nothing here reaches outside this machine: the unreachable
servers are closed or silent ports of 127.0.0.1, and the unknown host's name is looked up by
a resolver that fails every name under `.invalid` (RFC 6761) instead of asking DNS.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from app_builders import TOKEN
from cli_runner import REPO, SETTINGS_VARIABLES, STORE_FILE, copy_store, export_json, run_cli
from typer.testing import Result

import storage.engine
from bot.settings import get_settings
from tests.support.bot_api_double import BotApiDouble

# What each command needs: anything that opens the store meets its failure first.
COMMANDS = [["export"], ["ask", "/who"], ["chart", "killed"], ["run"], ["load", "article.txt"]]
PASSWORD = "s3cret-pw"
EXIT_STORE = 3
# Well under the 30 s the issue allows, and far under asyncpg's own 60 s connect timeout.
ANSWER_SECONDS = 30
ARTICLE = (
    "Talks resume in Riyadh\n\n"
    "RIYADH, 10 March 2025 — Marco Rubio met Ukrainian negotiators in Riyadh on Tuesday. "
    "Russia rejected a 30-day ceasefire, the Kremlin spokesman Dmitry Peskov said.\n"
)


def use_store(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """Point DATABASE_URL at url for the next `briefbot` calls."""
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()


def timed_cli(*args: str | Path, input: str | None = None) -> Result:
    """Run `briefbot`, failing the test if it takes ANSWER_SECONDS or more."""
    started = time.monotonic()
    result = run_cli(*args, input=input)
    assert time.monotonic() - started < ANSWER_SECONDS
    return result


def assert_one_sentence(result: Result, starts: str, code: int = EXIT_STORE) -> str:
    """The call failed with the code, saying only one line on stderr that starts as given."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(starts), lines[0]
    assert lines[0].endswith("."), lines[0]
    return lines[0]


def free_port() -> int:
    """A port of 127.0.0.1 nothing listens on (bound by the system, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def store_files(store: Path) -> dict[str, bytes]:
    """Every file of a SQLite store (the database, any WAL or shared memory) by name."""
    return {p.name: p.read_bytes() for p in sorted(store.parent.glob(store.name + "*"))}


@pytest.fixture
def article(store_env: Path) -> Path:
    """An article file beside the store, for `briefbot load`."""
    path = store_env.parent / "article.txt"
    path.write_text(ARTICLE)
    return path


@pytest.fixture
def seeded(store_env: Path, seeded_template: Path) -> Path:
    """The seeded store at the settings' path."""
    copy_store(seeded_template, store_env)
    return store_env


# PostgreSQL that cannot be reached.


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_closed_port_is_one_sentence_for_every_command(
    store_env: Path, article: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    port = free_port()
    use_store(monkeypatch, f"postgresql+asyncpg://briefbot:{PASSWORD}@127.0.0.1:{port}/briefbot")
    result = timed_cli(*command, input="/who\n/quit\n")
    line = assert_one_sentence(
        result, f"Can't reach the store at postgresql+asyncpg://briefbot:***@127.0.0.1:{port}/"
    )
    assert line.endswith(": nothing answers at its address.")
    assert PASSWORD not in result.output


@pytest.fixture
def failing_resolver(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names asked of the system resolver; any under .invalid fails here, never sent to DNS."""
    asked: list[str] = []
    real: Callable[..., Any] = socket.getaddrinfo

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(str(host))
        if str(host).endswith(".invalid"):
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    return asked


def test_an_unknown_host_is_one_sentence(
    store_env: Path, monkeypatch: pytest.MonkeyPatch, failing_resolver: list[str]
) -> None:
    use_store(monkeypatch, f"postgresql+asyncpg://briefbot:{PASSWORD}@store.invalid/briefbot")
    result = timed_cli("export")
    line = assert_one_sentence(
        result, "Can't reach the store at postgresql+asyncpg://briefbot:***@"
    )
    assert line.endswith(": its host name is unknown.")
    assert "store.invalid" in failing_resolver
    assert PASSWORD not in result.output


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port of 127.0.0.1 that takes connections and never answers; yields the port."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield server.getsockname()[1]


def test_a_server_that_never_answers_is_one_sentence(
    store_env: Path, monkeypatch: pytest.MonkeyPatch, silent_server: int
) -> None:
    monkeypatch.setattr(storage.engine, "CONNECT_TIMEOUT_SECONDS", 0.5)
    use_store(monkeypatch, f"postgresql+asyncpg://u:{PASSWORD}@127.0.0.1:{silent_server}/db")
    started = time.monotonic()
    result = timed_cli("ask", "/who")
    assert time.monotonic() - started < 10
    line = assert_one_sentence(result, "Can't reach the store at postgresql+asyncpg://u:***@")
    assert line.endswith(": it did not answer in time.")


# SQLite files and folders that cannot serve as the store.


def test_a_file_that_is_not_a_database_is_one_sentence_and_stays_as_it_was(
    store_env: Path,
) -> None:
    garbage = b"not a database\n" + random.Random(18).randbytes(8192)
    store_env.write_bytes(garbage)
    for command in (["export"], ["ask", "/who"], ["run"]):
        result = timed_cli(*command, input="/quit\n")
        line = assert_one_sentence(result, f"Can't open the store at {store_env}: ")
        assert line.endswith("the file is not a SQLite database.")
    assert store_files(store_env) == {STORE_FILE: garbage}


@pytest.mark.parametrize("below", ["store.db", "deeper/store.db"])
def test_a_folder_that_cannot_be_made_is_one_sentence(
    store_env: Path, monkeypatch: pytest.MonkeyPatch, below: str
) -> None:
    # A regular file where the store's folder should be stops root as well as anyone.
    in_the_way = store_env.parent / "notes.txt"
    in_the_way.write_text("a file, not a folder")
    use_store(monkeypatch, f"sqlite+aiosqlite:///{in_the_way / below}")
    result = timed_cli("export")
    line = assert_one_sentence(result, f"Can't create the folder {(in_the_way / below).parent} ")
    assert line.endswith(f"for the store at {in_the_way / below}: a file is in the way.")
    assert in_the_way.read_text() == "a file, not a folder"


def test_a_store_migrated_by_a_newer_briefbot_is_one_sentence(seeded: Path) -> None:
    import sqlite3

    with sqlite3.connect(seeded) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    before = seeded.read_bytes()
    result = timed_cli("export")
    line = assert_one_sentence(result, f"Can't use the store at {seeded}: ")
    assert line.endswith("a newer version of briefbot has migrated it; upgrade briefbot.")
    assert seeded.read_bytes() == before


# A store that can be read but not written.


def make_unwritable(how: str, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the store read-only: its file's mode, or SQLite's own read-only opening."""
    if how == "chmod":
        if os.geteuid() == 0:
            pytest.skip("root writes to a file whatever its mode; the mode=ro case covers root")
        store.chmod(0o444)
        return
    use_store(monkeypatch, f"sqlite+aiosqlite:///file:{store}?mode=ro&uri=true")


@pytest.mark.parametrize("how", ["chmod", "mode=ro"])
def test_a_read_only_store_answers_but_refuses_a_load_in_one_sentence(
    seeded: Path, article: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    before = export_json()
    database = seeded.read_bytes()
    make_unwritable(how, seeded, monkeypatch)
    try:
        loaded = timed_cli("load", article)
        assert seeded.read_bytes() == database
        asked = timed_cli("ask", "/who")
    finally:
        seeded.chmod(0o644)
    line = assert_one_sentence(loaded, "article.txt: not loaded: ", code=1)
    assert line.endswith("Can't write to the article store: it is read-only.")
    assert asked.exit_code == 0, asked.output
    assert asked.stdout.startswith("Who is who — ")
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{seeded}")
    get_settings.cache_clear()
    assert export_json() == before


def test_a_write_to_a_read_only_store_is_one_sentence_in_ask_and_the_console(
    seeded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_unwritable("mode=ro", seeded, monkeypatch)
    database = seeded.read_bytes()
    removed = timed_cli("ask", "/remove 1 yes")
    console = timed_cli("run", input="/remove 1 yes\n/who\n/quit\n")
    assert seeded.read_bytes() == database
    sentence = f"Can't write to the store at file:{seeded}: it is read-only."
    assert_one_sentence(removed, sentence)
    assert removed.stderr == sentence + "\n"
    # The console says so and goes on to the next command.
    assert console.exit_code == 0, console.output
    answers = console.stdout.split("briefbot> ")[1:]
    assert answers[0] == sentence + "\n"
    assert answers[1].startswith("Who is who — ")


# `briefbot ask "/load …"` tells a failed load by its exit code.


@pytest.mark.parametrize("name", ["missing.txt", "notes.pdf"])
def test_ask_load_that_fails_exits_1(seeded: Path, tmp_path: Path, name: str) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.7")
    before = export_json()
    result = timed_cli("ask", f"/load {tmp_path / name}")
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("❌ Not loaded.")
    assert export_json() == before


def test_ask_load_that_succeeds_exits_0(seeded: Path, article: Path) -> None:
    result = timed_cli("ask", f"/load {article}")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("✅ Loaded as article [3]")


@pytest.mark.parametrize("line", ["/sources ²", "/sources 1234567890123456789012345", "/who 0"])
def test_ask_with_an_argument_refused_exits_1(seeded: Path, line: str) -> None:
    result = timed_cli("ask", line)
    assert result.exit_code == 1, result.output
    assert len(result.stdout.strip().splitlines()) == 1


def test_ask_with_an_argument_taken_exits_0(seeded: Path) -> None:
    assert timed_cli("ask", "/sources 1").exit_code == 0


@pytest.fixture
def not_a_database(store_env: Path) -> Path:
    """The store's file, holding random bytes."""
    store_env.write_bytes(b"not a database" + random.Random(7).randbytes(4096))
    return store_env


async def test_the_bot_on_a_store_that_cannot_open_is_one_sentence(
    not_a_database: Path, double: BotApiDouble
) -> None:
    # `briefbot run` with a token, in a process of its own: its log is on standard error.
    store_env = not_a_database
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env |= {
        "DATABASE_URL": f"sqlite+aiosqlite:///{store_env}",
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": double.base_url,
        "PYTHONPATH": str(REPO),
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.terminal.cli",
        "run",
        cwd=store_env.parent,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        _, err = await asyncio.wait_for(process.communicate(), ANSWER_SECONDS)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode == EXIT_STORE
    assert err.decode().splitlines() == [
        f"Can't open the store at {store_env}: the file is not a SQLite database."
    ]
