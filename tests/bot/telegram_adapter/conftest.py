"""Fixtures for the Telegram adapter's tests: the bot on a seeded store, its calls recorded or polling a double."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from app_builders import make_settings, polling_application, started_application

from bot.core.extraction_worker import ExtractionWorker
from bot.telegram_adapter.application import BriefApplication
from tests.support.bot_api_double import BotApiDouble
from tests.support.recording_request import RecordingRequest

# How long a getUpdates of the polling bot waits for updates.


@pytest.fixture
def recorder() -> RecordingRequest:
    """The request every Bot API call of the application goes through."""
    return RecordingRequest()


@pytest_asyncio.fixture
async def app(
    seeded_store: Path, extraction_worker: ExtractionWorker, recorder: RecordingRequest
) -> AsyncIterator[BriefApplication]:
    """The bot on a copy of the seeded store, its services started, the start-up calls forgotten."""
    async with started_application(
        make_settings(seeded_store), extraction_worker, recorder
    ) as application:
        recorder.clear()
        yield application


@pytest_asyncio.fixture
async def polling_bot(
    double: BotApiDouble, seeded_store: Path, extraction_worker: ExtractionWorker
) -> AsyncIterator[BriefApplication]:
    """The bot polling the double, as `briefbot run` runs it, on a copy of the seeded store."""
    settings = make_settings(seeded_store, base_url=double.base_url)
    async with polling_application(settings, extraction_worker) as application:
        yield application
