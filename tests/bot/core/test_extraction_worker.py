"""Tests for bot.core.extraction_worker: every article within its time limit, in a process that
can really be stopped, replaced when it dies, and never left behind."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bot.core.article_inputs import PastedText
from bot.core.bulk_loading import load_files
from bot.core.extraction_worker import ExtractionWorker
from bot.core.loading import load_article
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from briefings.errors import ExtractionFailedError, ExtractionTimeoutError
from briefings.model import ExtractedArticle, SourceText
from storage import export_store
from tests.support.long_articles import make_long_article

BUDGET = 1.0
# A legitimate article the pipeline needs seconds for on any machine (about 260 KB).
LONG = make_long_article()
# The extraction limit of the crash tests, which time nothing: room for a crash and a retry.
PATIENT = 240.0


def article(town: str) -> str:
    """A short article of its own about talks in a town."""
    return (
        f"Envoys meet in {town}\n\n"
        f"Keith Kellogg, the US envoy, met Ukrainian officials in {town} on Monday. Russia's "
        f"defence ministry said {len(town) * 1000} Ukrainian soldiers had been killed."
    )


def source(text: str, name: str = "article.txt") -> SourceText:
    """An article as read, for the worker itself."""
    return SourceText(title=text.split("\n", 1)[0], text=text, source=name)


def refusal(reason: str) -> str:
    """What a user is told when a load is refused for `reason`."""
    return f"❌ Not loaded. {reason} The store is unchanged."


@pytest_asyncio.fixture
async def runtime(store_env: Path, extraction_worker: ExtractionWorker) -> AsyncIterator[Runtime]:
    """A runtime on a fresh store, allowing each article one second, with the shared worker."""
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{store_env}",
        extraction_timeout_seconds=BUDGET,
        load_batch_size=3,
    )
    opened = await open_runtime(settings, extraction_worker)
    try:
        await opened.extraction.start()
        yield opened
    finally:
        await opened.close()


async def exported(runtime: Runtime) -> dict[str, Any]:
    """The whole store as `briefbot export` prints it."""
    async with runtime.sessions() as session:
        return dict(await export_store(session))


def gone(pid: int) -> bool:
    """True once every thread of the process has ended (a zombie not yet reaped counts as ended).

    The main thread is a zombie before the others have ended, and until they have, the process
    still holds its files (its end of the worker's connection among them).
    """
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
        states = [(task / "stat").read_text().rsplit(")", 1)[1].split()[0] for task in tasks]
    except FileNotFoundError:
        return True
    return all(state in {"Z", "X"} for state in states)


def reaped(pid: int) -> bool:
    """True once no process of that id is left, not even a zombie."""
    return not Path(f"/proc/{pid}").exists()


async def wait_until_gone(pid: int) -> None:
    """Wait for a process to end, at most ten seconds."""
    for _ in range(1000):
        if gone(pid):
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"process {pid} is still running")


async def test_an_article_over_its_time_limit_is_refused_in_one_sentence(runtime: Runtime) -> None:
    await load_article(runtime, PastedText(article("Geneva")))
    before = await exported(runtime)
    started = time.monotonic()
    reply = await load_article(runtime, PastedText(LONG))
    assert time.monotonic() - started < 10
    expected = "Finding the facts in this article took longer than the 1 second allowed, so it was not loaded."
    assert reply.plain == refusal(expected)
    assert await exported(runtime) == before
    # The next article starts a fresh worker and loads.
    after = await load_article(runtime, PastedText(article("Paris")))
    assert after.plain.startswith("✅ Loaded as article [2]")


async def test_a_hostile_run_of_punctuation_is_stopped_at_its_budget(
    extraction_worker: ExtractionWorker,
) -> None:
    # spaCy's tokenizer is quadratic on such a run: minutes for this one, if not stopped.
    hostile = source("Word " + "!" * 40_000 + " end.", "hostile.txt")
    await extraction_worker.start()
    started = time.monotonic()
    with pytest.raises(ExtractionTimeoutError) as refused:
        await extraction_worker.extract(hostile, budget=2.0)
    assert time.monotonic() - started < 5
    assert "longer than the 2 seconds allowed" in str(refused.value)
    assert (await extraction_worker.extract(source(article("Vienna")), budget=60)).figures


async def test_one_slow_article_of_a_batch_is_refused_and_the_others_load(
    runtime: Runtime, tmp_path: Path
) -> None:
    names = ["geneva.txt", "long.txt", "paris.txt", "vienna.txt"]
    texts = [article("Geneva"), LONG, article("Paris"), article("Vienna")]
    for name, text in zip(names, texts, strict=True):
        (tmp_path / name).write_text(text)
    outcomes = [o async for o in load_files(runtime, [tmp_path / name for name in names])]
    assert [o.source for o in outcomes] == names
    assert [o.error for o in outcomes] == [None, str(ExtractionTimeoutError(BUDGET)), None, None]
    assert len((await exported(runtime))["articles"]) == 3


async def test_a_worker_killed_between_loads_is_replaced_unseen(runtime: Runtime) -> None:
    first = runtime.extraction.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    await wait_until_gone(first)
    reply = await load_article(runtime, PastedText(article("Riyadh")))
    assert reply.plain.startswith("✅ Loaded as article [1]")
    assert runtime.extraction.pid not in {None, first}


async def crash_the_worker_mid_article(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, crashes: int
) -> str:
    """Load the long article with time enough, crashing (SIGSEGV) the worker that takes it, on
    each of its first `crashes` tries, half a second after the article is sent; the reply."""
    worker = runtime.extraction
    real_sent = worker._sent
    tries = 0

    async def sent_then_crash(request: Any) -> Any:
        nonlocal tries
        connection = await real_sent(request)
        tries += 1
        if tries <= crashes:
            await asyncio.sleep(0.5)  # the article sent, seconds of work ahead of the worker
            assert worker.pid is not None
            os.kill(worker.pid, signal.SIGSEGV)
        return connection

    monkeypatch.setattr(worker, "_sent", sent_then_crash)
    # The same store and worker, with all the time the long article needs: its budget is a
    # share of the limit by length (half), and on a loaded machine, with the tests spread
    # over both cores, the retry after a crash took over 30 s.
    patient_settings = runtime.settings.model_copy(update={"extraction_timeout_seconds": PATIENT})
    patient = await open_runtime(patient_settings, worker)
    try:
        reply = await asyncio.wait_for(load_article(patient, PastedText(LONG)), PATIENT)
    finally:
        await patient.close()
    monkeypatch.undo()
    return reply.plain


async def test_an_article_whose_worker_crashes_once_is_tried_again_and_loads(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    reply = await crash_the_worker_mid_article(runtime, monkeypatch, crashes=1)
    assert reply.startswith("✅ Loaded as article [1]")
    assert "the extraction worker died" in caplog.text


async def test_an_article_whose_worker_crashes_twice_is_refused_in_one_sentence(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    reply = await crash_the_worker_mid_article(runtime, monkeypatch, crashes=2)
    assert reply == refusal(str(ExtractionFailedError()))
    assert "Traceback" not in reply
    assert caplog.text.count("the extraction worker died") == 2
    assert (await load_article(runtime, PastedText(article("Istanbul")))).plain.startswith("✅")


async def test_an_article_that_breaks_the_pipeline_fails_alone(
    extraction_worker: ExtractionWorker, caplog: pytest.LogCaptureFixture
) -> None:
    # A text the pipeline cannot take (None, not a string) raises inside the worker.
    broken = SourceText(title="Broken", text=None, source="broken.txt")  # type: ignore[arg-type]
    sources = [source(article("Geneva")), broken, source(article("Paris"))]
    with caplog.at_level(logging.ERROR):
        results = await extraction_worker.extract_each(sources, budget=60, batch_size=3)
    assert isinstance(results[0], ExtractedArticle) and isinstance(results[2], ExtractedArticle)
    assert str(results[1]) == str(ExtractionFailedError())
    assert "extracting broken.txt failed in the worker" in caplog.text
    assert "Traceback" in caplog.text


async def test_closing_the_runtime_ends_its_worker_and_leaves_a_shared_one(
    store_env: Path, extraction_worker: ExtractionWorker
) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{store_env}")
    own = await open_runtime(settings)
    shared = await open_runtime(settings, extraction_worker)
    await own.extraction.start()
    await shared.extraction.start()
    own_pid, shared_pid = own.extraction.pid, extraction_worker.pid
    assert own_pid is not None and shared_pid is not None
    await own.close()
    await shared.close()
    assert reaped(own_pid)
    assert not gone(shared_pid)
    assert [p.pid for p in multiprocessing.active_children()] == [shared_pid]
