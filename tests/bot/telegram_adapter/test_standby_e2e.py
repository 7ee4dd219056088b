"""Two polling workers on one PostgreSQL store: one polls, the other stands by and takes over."""

from __future__ import annotations

import asyncio
import gc
import logging

import pytest
from app_builders import REPO, TOKEN

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
from storage.poller_lock import acquire_poller_lock
from tests.support.bot_api_double import BotApiDouble
from tests.support.postgres import postgres_url
from tests.support.recording_request import RecordingRequest

pytestmark = pytest.mark.postgres


async def logged(caplog: pytest.LogCaptureFixture, text: str) -> None:
    """Wait up to 30 s for a log line containing the text."""
    for _ in range(300):
        if text in caplog.text:
            return
        await asyncio.sleep(0.1)
    pytest.fail(f"never logged: {text}")


async def test_a_standby_worker_polls_once_the_poller_stops(
    double: BotApiDouble,
    extraction_worker: ExtractionWorker,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(serving, "STANDBY_SECONDS", 0.3)
    settings = Settings(
        database_url=postgres_url(),
        telegram_token=TOKEN,
        telegram_api_base_url=double.base_url,
        seeds_dir=REPO / "seeds",
    )
    runtime = await open_runtime(settings, extraction_worker)
    await ensure_seeded(runtime)
    await runtime.close()
    caplog.set_level(logging.INFO, logger="bot.telegram_adapter.serving")
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
