"""Fixtures for the Telegram adapter's tests: the bot on a seeded store, its Bot API calls recorded."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from app_builders import make_settings, started_application
from spacy.language import Language

from bot.telegram_adapter.application import BriefApplication
from tests.support.recording_request import RecordingRequest


@pytest.fixture
def recorder() -> RecordingRequest:
    """The request every Bot API call of the application goes through."""
    return RecordingRequest()


@pytest_asyncio.fixture
async def app(
    seeded_store: Path, nlp: Language, recorder: RecordingRequest
) -> AsyncIterator[BriefApplication]:
    """The bot on a copy of the seeded store, its services started, the start-up calls forgotten."""
    async with started_application(make_settings(seeded_store), nlp, recorder) as application:
        recorder.clear()
        yield application
