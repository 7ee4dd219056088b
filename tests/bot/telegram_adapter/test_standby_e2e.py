"""Two polling workers on one PostgreSQL store: one polls, the other stands by and takes over."""

from __future__ import annotations

import asyncio
import logging

import pytest
from app_builders import REPO, TOKEN

from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import open_runtime
from bot.core.seeding import ensure_seeded
from bot.settings import Settings
from bot.telegram_adapter import serving
from bot.telegram_adapter.application import serve
from tests.support.bot_api_double import BotApiDouble
from tests.support.postgres import postgres_url

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
