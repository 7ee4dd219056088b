"""Digest delivery through the real Bot, calls recorded: schedule, once per day, faults, DST."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from app_builders import make_settings, shown_text, started_application
from spacy.language import Language

from bot.core.digest_delivery import send_due_digests
from bot.core.runtime import Runtime, open_runtime
from bot.telegram_adapter.application import BriefApplication
from briefings.schedules.occurrences import next_occurrence
from briefings.schedules.zones import find_zone
from storage import delivery_summary, get_subscription, subscribe
from tests.support.bot_api_calls import Fault
from tests.support.bot_api_objects import make_command_update
from tests.support.recording_request import RecordingRequest

KYIV = find_zone("Kyiv")
NEW_YORK = find_zone("New York")
START = datetime(2025, 3, 20, 12, 0, tzinfo=UTC)


@pytest_asyncio.fixture
async def recorder() -> RecordingRequest:
    """Every Bot API call of the bot."""
    return RecordingRequest()


@pytest_asyncio.fixture
async def app(
    seeded_store: Path, nlp: Language, recorder: RecordingRequest
) -> AsyncIterator[BriefApplication]:
    """The bot on the seeded store, services started (the tick is driven by the tests)."""
    settings = make_settings(seeded_store).model_copy(
        update={"digest_claim_lease_seconds": 60.0, "digest_max_attempts": 3}
    )
    async with started_application(settings, nlp, recorder) as application:
        recorder.clear()
        yield application


def runtime_of(app: BriefApplication) -> Runtime:
    """The application's runtime."""
    runtime = app.bot_data.runtime
    assert runtime is not None
    return runtime


async def add_subscriber(
    app: BriefApplication,
    chat_id: int,
    at: time,
    zone_name: str = "Europe/Kyiv",
    after: datetime = START,
) -> datetime:
    """A subscription as /subscribe stores it; its first due instant."""
    zone = find_zone(zone_name)
    due = next_occurrence(at, zone, after).due_at
    async with runtime_of(app).sessions.begin() as session:
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


def digests_to(recorder: RecordingRequest, chat_id: int) -> list[str]:
    """The digests a chat was sent, as shown."""
    return [
        shown_text(c.params["text"])
        for c in recorder.calls("sendMessage")
        if c.ok and int(c.params["chat_id"]) == chat_id and "Ceasefire digest" in c.params["text"]
    ]


async def tick(app: BriefApplication, now: datetime) -> None:
    """One digest tick at a given instant."""
    await send_due_digests(runtime_of(app), app.bot, now=now)


async def test_a_digest_is_sent_once_at_its_time(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    due = await add_subscriber(app, 100, time(8, 0))
    assert due == datetime(2025, 3, 21, 6, 0, tzinfo=UTC)
    await tick(app, due - timedelta(minutes=1))
    assert digests_to(recorder, 100) == []
    for minute in range(3):
        await tick(app, due + timedelta(minutes=minute))
    [digest] = digests_to(recorder, 100)
    assert digest.startswith("🗞 Ceasefire digest — Friday 21 March 2025")
    assert "New since your last digest: 2 articles" in digest
    await tick(app, due + timedelta(days=1))
    second = digests_to(recorder, 100)[1]
    assert "Nothing new since your last digest." in second


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
    app: BriefApplication,
    recorder: RecordingRequest,
    zone: str,
    at: time,
    days: tuple[str, ...],
    expected: list[str],
) -> None:
    local = find_zone(zone)
    start = datetime.fromisoformat(days[0]).replace(tzinfo=local).astimezone(UTC)
    end = datetime.fromisoformat(days[-1]).replace(tzinfo=local).astimezone(UTC) + timedelta(days=1)
    await add_subscriber(app, 200, at, zone, after=start - timedelta(minutes=1))
    sent_at: list[str] = []
    now = start - timedelta(minutes=10)
    while now < end:
        before = len(digests_to(recorder, 200))
        await tick(app, now)
        if len(digests_to(recorder, 200)) > before:
            sent_at.append(now.strftime("%Y-%m-%dT%H:%M"))
        now += timedelta(minutes=10)
    assert sent_at == expected


async def test_a_day_missed_beyond_the_grace_period_is_skipped(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    due = await add_subscriber(app, 300, time(8, 0))
    await tick(app, due + timedelta(hours=5, minutes=59))
    assert len(digests_to(recorder, 300)) == 1
    later = await add_subscriber(app, 301, time(8, 0))
    await tick(app, later + timedelta(hours=7))
    assert digests_to(recorder, 301) == []
    async with runtime_of(app).sessions() as session:
        found = await get_subscription(session, chat_id=301)
    assert found is not None and found.next_due_at == later + timedelta(days=1)


async def test_a_blocked_chat_is_deactivated_at_once_and_not_retried(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    due = await add_subscriber(app, 400, time(8, 0))
    recorder.inject("sendMessage", Fault.forbidden())
    await tick(app, due)
    await tick(app, due + timedelta(minutes=5))
    await tick(app, due + timedelta(days=1))
    assert len(recorder.calls("sendMessage")) == 1
    async with runtime_of(app).sessions() as session:
        found = await get_subscription(session, chat_id=400)
        summary = await delivery_summary(session)
    assert found is not None and not found.active
    assert summary.get("failed") == 1


async def test_other_failures_are_retried_on_later_ticks_then_recorded(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    due = await add_subscriber(app, 500, time(8, 0))
    recorder.inject("sendMessage", Fault.server_error(), times=1)
    await tick(app, due)
    assert digests_to(recorder, 500) == []
    await tick(app, due + timedelta(minutes=1))
    assert len(digests_to(recorder, 500)) == 1
    due = await add_subscriber(app, 501, time(9, 0))
    recorder.inject("sendMessage", Fault.server_error(), times=10)
    for minute in range(6):
        await tick(app, due + timedelta(minutes=minute))
    async with runtime_of(app).sessions() as session:
        summary = await delivery_summary(session)
    assert summary.get("failed") == 1
    assert sum(1 for c in recorder.calls("sendMessage") if int(c.params["chat_id"]) == 501) == 3


async def test_a_claim_whose_process_died_is_resent_after_the_lease(
    app: BriefApplication, recorder: RecordingRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.core.digest_delivery as digests

    due = await add_subscriber(app, 600, time(8, 0))

    async def crash(*args: object, **kwargs: object) -> None:
        raise asyncio.CancelledError  # the process dies with the send in flight

    monkeypatch.setattr(digests, "_send_one", crash)
    with pytest.raises(asyncio.CancelledError):
        await tick(app, due)
    monkeypatch.undo()
    await tick(app, due + timedelta(seconds=30))
    assert digests_to(recorder, 600) == []
    await tick(app, due + timedelta(seconds=61))
    assert len(digests_to(recorder, 600)) == 1


async def test_two_processes_on_one_store_send_each_digest_once(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    dues = [await add_subscriber(app, 700 + n, time(8, 0)) for n in range(40)]
    other = await open_runtime(runtime_of(app).settings)
    try:
        await asyncio.gather(
            send_due_digests(runtime_of(app), app.bot, now=dues[0], worker="first"),
            send_due_digests(other, app.bot, now=dues[0], worker="second"),
        )
    finally:
        await other.close()
    for n in range(40):
        assert len(digests_to(recorder, 700 + n)) == 1


async def say(
    app: BriefApplication, recorder: RecordingRequest, text: str, chat_id: int = 900
) -> str:
    """Send a command from a private chat; the text of the bot's reply."""
    recorder.clear()
    await app.process_update(make_command_update(text, bot=app.bot, chat_id=chat_id))
    [call] = recorder.calls("sendMessage")
    return shown_text(call.params["text"])


async def test_subscribe_settings_and_unsubscribe(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    reply = await say(app, recorder, "/subscribe 07:30 Kyiv")
    assert reply.startswith("✅ Subscribed: a digest every day at 07:30 Europe/Kyiv; next on ")
    assert "at 07:30 your time" in reply
    assert (await say(app, recorder, "/subscribe 7pm New York")).startswith(
        "✅ Digest time changed: a digest every day at 19:00 America/New_York"
    )
    settings = await say(app, recorder, "/settings")
    assert settings.startswith("Your daily digest: every day at 19:00 America/New_York; next on")
    async with runtime_of(app).sessions() as session:
        found = await get_subscription(session, chat_id=900)
    assert found is not None and found.next_due_at.astimezone(NEW_YORK).hour == 19
    assert (await say(app, recorder, "/unsubscribe")).startswith("Unsubscribed")
    assert (await say(app, recorder, "/settings")).startswith("You have no daily digest.")
    assert (await say(app, recorder, "/unsubscribe")).startswith("You have no digest subscription.")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/subscribe 25:00", "is not a time of day"),
        ("/subscribe 8:00 Atlantis", "I don't know the time zone “Atlantis”"),
    ],
)
async def test_a_bad_subscription_gets_a_hint_and_changes_nothing(
    app: BriefApplication, recorder: RecordingRequest, line: str, expected: str
) -> None:
    reply = await say(app, recorder, line)
    assert expected in reply and "/subscribe 07:30 Kyiv" in reply
    async with runtime_of(app).sessions() as session:
        assert await get_subscription(session, chat_id=900) is None


async def test_digest_now_leaves_the_schedule_alone(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await say(app, recorder, "/subscribe 08:00 Kyiv")
    async with runtime_of(app).sessions() as session:
        before = await get_subscription(session, chat_id=900)
    digest = await say(app, recorder, "/digest")
    assert digest.startswith("🗞 Ceasefire digest")
    assert "New since your last digest: 2 articles" in digest
    async with runtime_of(app).sessions() as session:
        assert await get_subscription(session, chat_id=900) == before


async def test_flood_control_is_waited_out_before_anything_else_is_sent(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    dues = [await add_subscriber(app, 1000 + n, time(8, 0)) for n in range(3)]
    recorder.inject("sendMessage", Fault.too_many_requests(1))
    await tick(app, dues[0])
    calls = recorder.calls("sendMessage")
    [refused] = [c for c in calls if not c.ok]
    sent = [c for c in calls if c.ok]
    assert {int(c.params["chat_id"]) for c in sent} == {1000, 1001, 1002}
    # Nothing at all went out until retry_after had passed.
    assert min(c.at for c in sent) - refused.at >= 1.0
    async with runtime_of(app).sessions() as session:
        assert (await delivery_summary(session)).get("sent") == 3
