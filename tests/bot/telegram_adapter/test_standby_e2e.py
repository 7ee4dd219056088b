"""Workers taking turns to poll: a standby takes over, a lost lock stops polling, a failure stops the worker."""

from __future__ import annotations

import asyncio
import gc
import logging
from pathlib import Path
from typing import Any

import pytest
from app_builders import REPO, TOKEN, make_settings
from sqlalchemy import text

from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import open_runtime
from bot.core.seeding import ensure_seeded
from bot.settings import Settings
from bot.telegram_adapter import serving
from bot.telegram_adapter.application import (
    build_application,
    serve,
    start_services,
    stop_services,
)
from storage import create_engine
from storage.poller_lock import POLLER_KEY, acquire_poller_lock
from tests.support.bot_api_double import BotApiDouble
from tests.support.postgres import postgres_url
from tests.support.recording_request import RecordingRequest


async def logged(caplog: pytest.LogCaptureFixture, text: str) -> None:
    """Wait up to 30 s for a log line containing the text."""
    for _ in range(300):
        if text in caplog.text:
            return
        await asyncio.sleep(0.1)
    pytest.fail(f"never logged: {text}")


@pytest.fixture
def polling_settings(
    double: BotApiDouble, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> Settings:
    """Settings of a polling worker on the PostgreSQL test store; standbys try every 0.3 s and
    the serving log is captured."""
    monkeypatch.setattr(serving, "STANDBY_SECONDS", 0.3)
    caplog.set_level(logging.INFO, logger="bot.telegram_adapter.serving")
    return Settings(
        database_url=postgres_url(),
        telegram_token=TOKEN,
        telegram_api_base_url=double.base_url,
        seeds_dir=REPO / "seeds",
    )


@pytest.mark.postgres
async def test_a_standby_worker_polls_once_the_poller_stops(
    double: BotApiDouble,
    extraction_worker: ExtractionWorker,
    polling_settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = polling_settings
    runtime = await open_runtime(settings, extraction_worker)
    await ensure_seeded(runtime)
    await runtime.close()
    first_stop, second_stop = asyncio.Event(), asyncio.Event()
    first = asyncio.create_task(serve(settings, stop=first_stop, extraction=extraction_worker))
    await logged(caplog, "taking updates by long polling")
    second = asyncio.create_task(serve(settings, stop=second_stop, extraction=extraction_worker))
    try:
        await logged(caplog, "stands by")
        assert "/who" in await double.reply_to("/help", chat_id=31)
        first_stop.set()
        await asyncio.wait_for(first, 30)
        await logged(caplog, "this worker polls Telegram now")
        # Only the standby is left: it answers.
        assert "/who" in await double.reply_to("/help", chat_id=32)
    finally:
        first_stop.set()
        second_stop.set()
        await asyncio.wait_for(asyncio.gather(first, second), 30)


@pytest.mark.postgres
async def test_a_standby_worker_settles_its_heap_too(
    extraction_worker: ExtractionWorker,
) -> None:
    # Frozen, what start-up built is never walked by full collections (bot.core.runtime):
    # a standby answers nothing yet, but it sends digests and may poll later.
    settings = Settings(database_url=postgres_url(), telegram_token=TOKEN, seeds_dir=REPO / "seeds")
    holder = create_engine(postgres_url())
    lock = await acquire_poller_lock(holder)
    assert lock is not None
    gc.unfreeze()
    application = build_application(
        settings, request=RecordingRequest(), extraction=extraction_worker
    )
    try:
        async with application:
            await start_services(application)
            try:
                assert application.bot_data.runtime.poller_lock is None  # type: ignore[union-attr]
                assert gc.get_freeze_count() > 0
            finally:
                await stop_services(application)
    finally:
        await lock.release()
        await holder.dispose()


@pytest.mark.postgres
async def test_a_poller_that_loses_its_lock_stops_polling_and_stands_by(
    double: BotApiDouble,
    extraction_worker: ExtractionWorker,
    polling_settings: Settings,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = polling_settings
    stop = asyncio.Event()
    worker = asyncio.create_task(serve(settings, stop=stop, extraction=extraction_worker))
    killer = create_engine(postgres_url())
    try:
        await logged(caplog, "taking updates by long polling")
        # The lock's connection is cut, as a database restart would cut it.
        async with killer.connect() as connection:
            cut = await connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks "
                    "WHERE locktype = 'advisory' AND objid = :key AND granted"
                ),
                {"key": POLLER_KEY},
            )
            assert cut.scalars().all() == [True]
        await logged(caplog, "lost the poller lock")
        # Alone on the store, it takes the lock again and answers.
        await logged(caplog, "this worker polls Telegram now")
        assert "/who" in await double.reply_to("/help", chat_id=33)
    finally:
        stop.set()
        await asyncio.wait_for(worker, 30)
        await killer.dispose()


async def test_a_worker_whose_polling_fails_stops_with_the_error(
    seeded_store: Path, extraction_worker: ExtractionWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(application: Any, prepare: Any) -> None:
        raise RuntimeError("polling broke")

    monkeypatch.setattr(serving, "_poll_when_free", broken)
    settings = make_settings(seeded_store)
    with pytest.raises(RuntimeError, match="polling broke"):
        await asyncio.wait_for(
            serve(
                settings,
                stop=asyncio.Event(),
                request=RecordingRequest(),
                extraction=extraction_worker,
            ),
            30,
        )
