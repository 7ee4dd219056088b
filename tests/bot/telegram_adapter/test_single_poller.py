"""A second bot on the same SQLite store refuses to start, polling or by webhook, with a clear message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from app_builders import make_settings, started_application

from bot.core.extraction_worker import ExtractionWorker
from bot.telegram_adapter.application import ALREADY_POLLING, AlreadyPollingError
from tests.support.recording_request import RecordingRequest

WEBHOOK = {"webhook_url": "https://bot.example.org/telegram", "webhook_secret": "s3cret"}


@pytest.mark.parametrize("mode", [{}, WEBHOOK], ids=["polling", "webhook"])
async def test_a_second_bot_on_the_same_store_says_another_is_running(
    seeded_store: Path, extraction_worker: ExtractionWorker, mode: dict[str, Any]
) -> None:
    settings = make_settings(seeded_store, **mode)
    async with started_application(settings, extraction_worker, RecordingRequest()):
        with pytest.raises(AlreadyPollingError, match="only one may run on it"):
            async with started_application(settings, extraction_worker, RecordingRequest()):
                pass
    async with started_application(settings, extraction_worker, RecordingRequest()):
        pass
    assert "Stop it first" in ALREADY_POLLING
    assert "PostgreSQL" in ALREADY_POLLING
