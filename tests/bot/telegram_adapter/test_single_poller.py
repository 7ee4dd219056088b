"""A second bot on the same store refuses to start polling, with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_builders import make_settings, started_application

from bot.core.extraction_worker import ExtractionWorker
from bot.telegram_adapter.application import ALREADY_POLLING, AlreadyPollingError
from tests.support.recording_request import RecordingRequest


async def test_a_second_bot_on_the_same_store_says_another_is_running(
    seeded_store: Path, extraction_worker: ExtractionWorker
) -> None:
    settings = make_settings(seeded_store)
    async with started_application(settings, extraction_worker, RecordingRequest()):
        with pytest.raises(AlreadyPollingError, match="only one may poll"):
            async with started_application(settings, extraction_worker, RecordingRequest()):
                pass
    async with started_application(settings, extraction_worker, RecordingRequest()):
        pass
    assert "Stop it first" in ALREADY_POLLING
