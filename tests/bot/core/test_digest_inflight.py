"""At any instant of a fan-out, at most CONCURRENCY digests are sent but not yet recorded sent.

That bound is what limits duplicates after a crash: each send's outcome is written (several
sends' together) before its slot goes to the next send.
"""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from app_builders import make_settings

from bot.core.digest_composer import Digest
from bot.core.digest_delivery import CONCURRENCY, send_due_digests
from bot.core.digest_sender import SendOutcome
from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import open_runtime
from storage import delivery_summary, subscribe
from tests.support.recording_digest_sender import RecordingDigestSender

SUBSCRIBERS = 120
DUE = datetime(2025, 3, 21, 6, 0, tzinfo=UTC)


class AuditingSender(RecordingDigestSender):
    """Answers each send a little later, first noting how many sends the store has not recorded."""

    def __init__(self, store: Path) -> None:
        super().__init__()
        self.store = store
        self.started = 0
        self.unrecorded: list[int] = []

    def recorded(self) -> int:
        """Deliveries the store has marked sent (committed), read through a connection of its own."""
        with sqlite3.connect(self.store) as connection:
            (count,) = connection.execute(
                "SELECT count(*) FROM deliveries WHERE status = 'sent'"
            ).fetchone()
        return int(count)

    async def send(self, chat_id: int, digest: Digest) -> SendOutcome:
        """Count this send as started, audit the store, answer after a short wait."""
        self.started += 1
        self.unrecorded.append(self.started - self.recorded())
        await asyncio.sleep(0.003)
        return await super().send(chat_id, digest)


async def test_sends_not_yet_recorded_never_exceed_the_concurrency(
    seeded_store: Path, extraction_worker: ExtractionWorker
) -> None:
    sender = AuditingSender(seeded_store)
    runtime = await open_runtime(make_settings(seeded_store), extraction_worker)
    try:
        async with runtime.sessions.begin() as session:
            for n in range(SUBSCRIBERS):
                await subscribe(
                    session,
                    chat_id=5000 + n,
                    user_id=None,
                    local_time=time(8),
                    zone="Europe/Kyiv",
                    next_due_at=DUE,
                    now=DUE - timedelta(days=1),
                )
        report = await send_due_digests(runtime, sender, now=DUE)
        async with runtime.sessions() as session:
            assert await delivery_summary(session) == {"sent": SUBSCRIBERS}
    finally:
        await runtime.close()
    assert report.sent == sender.started == SUBSCRIBERS
    # Sends do overlap (the bound is reached), and never beyond it.
    assert max(sender.unrecorded) == CONCURRENCY
