"""Tests for bot.core.loading: a text already stored is recognised before the pipeline runs."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from sqlalchemy import event

import bot.core.loading as loading
from bot.core.article_inputs import LocalFile, PastedText
from bot.core.bulk_loading import load_path
from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from briefings.model import SourceText
from storage import create_engine, list_articles, make_session_factory
from tests.support.postgres import postgres_url

ARTICLE = (
    "Envoys meet in Geneva\n\n"
    "GENEVA, 10 December 2024 — Keith Kellogg, the US envoy, met Ukrainian officials in Geneva "
    "on Monday. Russia's defence ministry said 90,000 Ukrainian soldiers had been killed."
)


@pytest_asyncio.fixture
async def runtime(store_env: Path, extraction_worker: ExtractionWorker) -> AsyncIterator[Runtime]:
    """A runtime on a fresh store, with the session's extraction worker."""
    settings = Settings(database_url=f"sqlite+aiosqlite:///{store_env}")
    opened = await open_runtime(settings, extraction_worker)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def runs(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources the pipeline runs over, in order, while the test lasts."""
    seen: list[str] = []
    real: Callable[..., Awaitable[Any]] = runtime.extraction.extract_each

    async def counting(sources: Any, **kwargs: Any) -> Any:
        seen.extend(source.source for source in sources)
        return await real(sources, **kwargs)

    monkeypatch.setattr(runtime.extraction, "extract_each", counting)
    return seen


async def stored_count(runtime: Runtime) -> int:
    """How many articles the store holds."""
    async with runtime.sessions() as session:
        return len(await list_articles(session))


async def test_pasting_a_stored_text_again_runs_no_pipeline(
    runtime: Runtime, runs: list[str]
) -> None:
    first = await loading.load_article(runtime, PastedText(ARTICLE))
    again = await loading.load_article(runtime, PastedText(ARTICLE.replace(" ", "  ")))
    assert first.plain.startswith("✅")
    assert again.plain.startswith("Already loaded as article [1]")
    assert runs == [loading.PASTED]
    assert await stored_count(runtime) == 1


async def test_a_file_of_a_pasted_text_is_known_before_extraction(
    runtime: Runtime, runs: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "copy.txt"
    path.write_text(ARTICLE)
    await loading.load_article(runtime, PastedText(ARTICLE))
    reply = await loading.load_article(runtime, LocalFile(path))
    outcome = await load_path(runtime, path)
    assert reply.plain.startswith("Already loaded as article [1]")
    assert outcome.duplicate_of == 1
    assert runs == [loading.PASTED]


async def test_the_store_still_refuses_a_duplicate_the_early_check_missed(
    runtime: Runtime, runs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two loads of one text at once both pass the early check; the save lets one in.
    await loading.load_article(runtime, PastedText(ARTICLE))

    async def nothing_stored(runtime: Runtime, source: object) -> None:
        return None

    monkeypatch.setattr(loading, "stored_copy", nothing_stored)
    reply = await loading.load_article(runtime, PastedText(ARTICLE))
    assert reply.plain.startswith("Already loaded as article [1]")
    assert len(runs) == 2
    assert await stored_count(runtime) == 1


# A store that goes down during a load is reported as such, not as "unexpected" or "refused".

LoadOne = Callable[[Runtime, Path], Awaitable[str]]


async def load_article_of(runtime: Runtime, path: Path) -> str:
    """What /load PATH replies."""
    return (await loading.load_article(runtime, LocalFile(path))).plain


async def load_path_of(runtime: Runtime, path: Path) -> str:
    """The reason `briefbot load` and seeding give for a file not loaded."""
    outcome = await load_path(runtime, path)
    assert outcome.error is not None, outcome
    return outcome.error


LOADERS = [
    pytest.param(load_article_of, id="load_article"),
    pytest.param(load_path_of, id="load_path"),
]


def closed_port() -> int:
    """A port of 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize("load_one", LOADERS)
async def test_a_server_gone_when_the_article_is_saved_cannot_be_reached(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, load_one: LoadOne
) -> None:
    # Once the article is extracted, the runtime's sessions lead to a server that is down: saving
    # reconnects and is refused with the driver's own error, not a SQLAlchemy one.
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE)
    stored = runtime.sessions
    down = create_engine(f"postgresql+asyncpg://u:pw@127.0.0.1:{closed_port()}/gone")
    real_extract: Callable[..., Awaitable[Any]] = runtime.extraction.extract_each

    async def extract_then_down(*args: Any, **kwargs: Any) -> Any:
        extracted = await real_extract(*args, **kwargs)
        runtime.sessions = make_session_factory(down)
        return extracted

    monkeypatch.setattr(runtime.extraction, "extract_each", extract_then_down)
    try:
        said = await load_one(runtime, path)
    finally:
        runtime.sessions = stored
        await down.dispose()
    assert "Can't reach the article store: nothing answers at its address." in said
    assert await stored_count(runtime) == 0


@pytest_asyncio.fixture
async def postgres_runtime(extraction_worker: ExtractionWorker) -> AsyncIterator[Runtime]:
    """A runtime on the PostgreSQL test store, with the session's extraction worker."""
    opened = await open_runtime(Settings(database_url=postgres_url()), extraction_worker)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.mark.postgres
@pytest.mark.parametrize("load_one", LOADERS)
async def test_a_postgres_connection_ended_during_the_save_is_lost(
    postgres_runtime: Runtime, tmp_path: Path, load_one: LoadOne
) -> None:
    # The server ends the saving connection at its first INSERT, mid-transaction.
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE + f"\nRun {tmp_path.name}.")
    before = await stored_count(postgres_runtime)
    ended: list[str] = []

    def end_at_first_insert(connection: Any, cursor: Any, statement: str, *_: Any) -> None:
        if not ended and statement.lstrip().upper().startswith("INSERT"):
            ended.append(statement)
            connection.exec_driver_sql("SELECT pg_terminate_backend(pg_backend_pid())")

    sync_engine = postgres_runtime.engine.sync_engine
    event.listen(sync_engine, "before_cursor_execute", end_at_first_insert)
    try:
        said = await load_one(postgres_runtime, path)
    finally:
        event.remove(sync_engine, "before_cursor_execute", end_at_first_insert)
    assert ended, "the save never reached an INSERT"
    assert "Can't reach the article store: the connection to it was lost." in said
    assert await stored_count(postgres_runtime) == before


@pytest.mark.parametrize(
    ("characters", "expected"),
    [
        (2_000_000, 1000.0),  # the largest article accepted gets the whole limit
        (200_000, 100.0),  # a tenth of it, a tenth of the limit
        (5_000, 30.0),  # a short page: the floor, not its 2.5 s share
    ],
)
def test_an_articles_time_limit_is_its_share_of_the_largest_with_a_floor(
    characters: int, expected: float
) -> None:
    settings = Settings(
        max_input_bytes=2_000_000, extraction_timeout_seconds=1000, extraction_min_seconds=30
    )
    source = SourceText(title="t", text="a" * characters, source="t.txt")
    assert loading.extraction_budget(settings, source) == pytest.approx(expected)


def test_a_limit_below_the_floor_is_kept() -> None:
    settings = Settings(extraction_timeout_seconds=2, extraction_min_seconds=30)
    source = SourceText(title="t", text="a" * 100, source="t.txt")
    assert loading.extraction_budget(settings, source) == 2
