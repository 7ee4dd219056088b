"""Digest delivery: claim → send → record through a recording DigestSender, on a seeded store.

Schedule, once per day, grace, faults (blocked, gone, refused, retried), crashes, DST, and
two processes on one store; Telegram's side is in tests/bot/telegram_adapter.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from app_builders import make_settings
from sqlalchemy import select

from bot.core.digest_delivery import send_due_digests
from bot.core.digest_sender import Failure, NotSent
from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import Runtime, open_runtime
from briefings.schedules.occurrences import next_occurrence
from briefings.schedules.zones import find_zone
from storage import delivery_summary, get_subscription, subscribe
from storage.delivery_tables import DeliveryRow
from tests.support.recording_digest_sender import CRASH, RecordingDigestSender

START = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


@pytest_asyncio.fixture
async def runtime(
    seeded_store: Path, extraction_worker: ExtractionWorker
) -> AsyncIterator[Runtime]:
    """A runtime on the seeded store: a one-minute lease, three attempts."""
    settings = make_settings(seeded_store).model_copy(
        update={"digest_claim_lease_seconds": 60.0, "digest_max_attempts": 3}
    )
    runtime = await open_runtime(settings, extraction_worker)
    try:
        yield runtime
    finally:
        await runtime.close()


@pytest.fixture
def sender() -> RecordingDigestSender:
    """The sender every tick of a test sends through."""
    return RecordingDigestSender()


async def add_subscriber(
    runtime: Runtime,
    chat_id: int,
    at: time,
    zone_name: str = "Europe/Kyiv",
    after: datetime = START,
) -> datetime:
    """A subscription as /subscribe stores it; its first due instant."""
    zone = find_zone(zone_name)
    due = next_occurrence(at, zone, after).due_at
    async with runtime.sessions.begin() as session:
        await subscribe(
            session,
            chat_id=chat_id,
            user_id=chat_id,
            local_time=at,
            zone=zone.key,
            next_due_at=due,
            now=after,
        )
    return due


async def recorded_errors(runtime: Runtime) -> list[str | None]:
    """The error recorded for each delivery, oldest first."""
    async with runtime.sessions() as session:
        return list(await session.scalars(select(DeliveryRow.error).order_by(DeliveryRow.id)))


async def test_a_digest_is_sent_once_at_its_time(
    runtime: Runtime, sender: RecordingDigestSender
) -> None:
    due = await add_subscriber(runtime, 100, time(8, 0))
    assert due == datetime(2025, 3, 21, 6, 0, tzinfo=UTC)
    await send_due_digests(runtime, sender, now=due - timedelta(minutes=1))
    assert sender.delivered(100) == []
    for minute in range(3):
        await send_due_digests(runtime, sender, now=due + timedelta(minutes=minute))
    [digest] = sender.delivered(100)
    assert digest.startswith("🗞 Ceasefire digest — Friday 21 March 2025")
    assert "New since your last digest: 2 articles" in digest
    await send_due_digests(runtime, sender, now=due + timedelta(days=1))
    second = sender.delivered(100)[1]
    assert "Nothing new since your last digest." in second


async def test_subscribers_who_saw_the_same_articles_share_one_digest(
    runtime: Runtime, sender: RecordingDigestSender
) -> None:
    dues = [await add_subscriber(runtime, 150 + n, time(8, 0)) for n in range(3)]
    report = await send_due_digests(runtime, sender, now=dues[0])
    assert report.sent == 3
    # One object for all three: a front end may render it once.
    assert len({id(sent.digest) for sent in sender.sends}) == 1


@pytest.mark.parametrize(
    ("zone", "at", "days", "expected"),
    [
        # Kyiv springs forward on 30 March 2025 (03:00 → 04:00): 03:30 comes at 04:00.
        (
            "Europe/Kyiv",
            time(3, 30),
            ("2025-03-29", "2025-03-30", "2025-03-31"),
            ["2025-03-29T01:30", "2025-03-30T01:00", "2025-03-31T00:30"],
        ),
        # Kyiv falls back on 26 October 2025 (04:00 → 03:00): 03:30 happens twice, sent once.
        (
            "Europe/Kyiv",
            time(3, 30),
            ("2025-10-25", "2025-10-26", "2025-10-27"),
            ["2025-10-25T00:30", "2025-10-26T00:30", "2025-10-27T01:30"],
        ),
        # New York: 02:30 does not exist on 9 March, 01:30 repeats on 2 November.
        (
            "America/New_York",
            time(2, 30),
            ("2025-03-08", "2025-03-09", "2025-03-10"),
            ["2025-03-08T07:30", "2025-03-09T07:00", "2025-03-10T06:30"],
        ),
        (
            "America/New_York",
            time(1, 30),
            ("2025-11-01", "2025-11-02", "2025-11-03"),
            ["2025-11-01T05:30", "2025-11-02T05:30", "2025-11-03T06:30"],
        ),
        # Midnight in Kyiv is the evening before in UTC.
        (
            "Europe/Kyiv",
            time(0, 0),
            ("2025-01-15", "2025-01-16"),
            ["2025-01-14T22:00", "2025-01-15T22:00"],
        ),
    ],
)
async def test_every_local_day_gets_one_digest_across_clock_changes(
    runtime: Runtime,
    sender: RecordingDigestSender,
    zone: str,
    at: time,
    days: tuple[str, ...],
    expected: list[str],
) -> None:
    local = find_zone(zone)
    start = datetime.fromisoformat(days[0]).replace(tzinfo=local).astimezone(UTC)
    end = datetime.fromisoformat(days[-1]).replace(tzinfo=local).astimezone(UTC) + timedelta(days=1)
    await add_subscriber(runtime, 200, at, zone, after=start - timedelta(minutes=1))
    sent_at: list[str] = []
    now = start - timedelta(minutes=10)
    while now < end:
        before = len(sender.delivered(200))
        await send_due_digests(runtime, sender, now=now)
        if len(sender.delivered(200)) > before:
            sent_at.append(now.strftime("%Y-%m-%dT%H:%M"))
        now += timedelta(minutes=10)
    assert sent_at == expected


async def test_a_day_missed_beyond_the_grace_period_is_skipped(
    runtime: Runtime, sender: RecordingDigestSender
) -> None:
    due = await add_subscriber(runtime, 300, time(8, 0))
    await send_due_digests(runtime, sender, now=due + timedelta(hours=5, minutes=59))
    assert len(sender.delivered(300)) == 1
    later = await add_subscriber(runtime, 301, time(8, 0))
    report = await send_due_digests(runtime, sender, now=later + timedelta(hours=7))
    assert sender.to(301) == []
    assert report.skipped == 1
    async with runtime.sessions() as session:
        found = await get_subscription(session, chat_id=301)
    assert found is not None and found.next_due_at == later + timedelta(days=1)


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (Failure.BLOCKED, "blocked: Forbidden: bot was blocked by the user"),
        (Failure.GONE, "refused: Chat not found"),
    ],
)
async def test_a_blocked_or_vanished_chat_is_deactivated_at_once_and_not_retried(
    runtime: Runtime, sender: RecordingDigestSender, failure: Failure, error: str
) -> None:
    due = await add_subscriber(runtime, 400, time(8, 0))
    sender.script(400, NotSent(failure, error))
    report = await send_due_digests(runtime, sender, now=due)
    await send_due_digests(runtime, sender, now=due + timedelta(minutes=5))
    await send_due_digests(runtime, sender, now=due + timedelta(days=1))
    assert len(sender.to(400)) == 1
    assert (report.failed, report.deactivated) == (1, 1)
    async with runtime.sessions() as session:
        found = await get_subscription(session, chat_id=400)
        summary = await delivery_summary(session)
    assert found is not None and not found.active
    assert found.deactivated_reason == error
    assert summary.get("failed") == 1
    assert await recorded_errors(runtime) == [error]


async def test_a_refused_digest_is_given_up_but_the_subscription_kept(
    runtime: Runtime, sender: RecordingDigestSender
) -> None:
    due = await add_subscriber(runtime, 450, time(8, 0))
    sender.script(450, NotSent(Failure.REFUSED, "refused: Message is too long"))
    report = await send_due_digests(runtime, sender, now=due)
    await send_due_digests(runtime, sender, now=due + timedelta(minutes=5))
    assert (report.failed, report.deactivated, len(sender.to(450))) == (1, 0, 1)
    assert await recorded_errors(runtime) == ["refused: Message is too long"]
    await send_due_digests(runtime, sender, now=due + timedelta(days=1))
    assert len(sender.delivered(450)) == 1
    async with runtime.sessions() as session:
        found = await get_subscription(session, chat_id=450)
    assert found is not None and found.active


async def test_other_failures_are_retried_on_later_ticks_then_recorded(
    runtime: Runtime, sender: RecordingDigestSender
) -> None:
    retry = NotSent(Failure.RETRY_LATER, "NetworkError: Internal Server Error")
    due = await add_subscriber(runtime, 500, time(8, 0))
    sender.script(500, retry)
    report = await send_due_digests(runtime, sender, now=due)
    assert sender.delivered(500) == [] and report.retrying == 1
    await send_due_digests(runtime, sender, now=due + timedelta(minutes=1))
    assert len(sender.delivered(500)) == 1
    due = await add_subscriber(runtime, 501, time(9, 0))
    sender.script(501, *[retry] * 10)
    for minute in range(6):
        await send_due_digests(runtime, sender, now=due + timedelta(minutes=minute))
    async with runtime.sessions() as session:
        summary = await delivery_summary(session)
    assert summary.get("failed") == 1
    assert len(sender.to(501)) == 3
    assert (await recorded_errors(runtime))[-1] == "NetworkError: Internal Server Error"


async def test_a_claim_whose_process_died_is_resent_after_the_lease(
    runtime: Runtime, sender: RecordingDigestSender
) -> None:
    due = await add_subscriber(runtime, 600, time(8, 0))
    sender.script(600, CRASH)  # the process dies with the send in flight
    with pytest.raises(asyncio.CancelledError):
        await send_due_digests(runtime, sender, now=due)
    await send_due_digests(runtime, sender, now=due + timedelta(seconds=30))
    assert sender.delivered(600) == []
    await send_due_digests(runtime, sender, now=due + timedelta(seconds=61))
    assert len(sender.delivered(600)) == 1


async def test_two_processes_on_one_store_send_each_digest_once(
    runtime: Runtime, sender: RecordingDigestSender
) -> None:
    dues = [await add_subscriber(runtime, 700 + n, time(8, 0)) for n in range(40)]
    other = await open_runtime(runtime.settings)
    try:
        await asyncio.gather(
            send_due_digests(runtime, sender, now=dues[0], worker="first"),
            send_due_digests(other, sender, now=dues[0], worker="second"),
        )
    finally:
        await other.close()
    for n in range(40):
        assert len(sender.delivered(700 + n)) == 1
