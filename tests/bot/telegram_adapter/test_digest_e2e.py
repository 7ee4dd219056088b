"""Digests through Telegram end to end: the fan-out via TelegramDigestSender, and the subscription commands.

The fan-out goes to the Bot API double over HTTP (its 429 and 403 faults) or to the
recording request (flood control waited out); /subscribe, /settings, /unsubscribe and
/digest go through the handlers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from app_builders import make_settings, runtime_of, shown_text, started_application

from bot.core.digest_delivery import CONCURRENCY, send_due_digests
from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import Runtime
from bot.telegram_adapter.application import BriefApplication
from bot.telegram_adapter.digest_sender import TelegramDigestSender
from briefings.schedules.zones import find_zone
from storage import delivery_summary, get_subscription, subscribe
from tests.support.bot_api_double import BotApiDouble, Fault
from tests.support.bot_api_objects import make_command_update
from tests.support.recording_request import RecordingRequest

NOW = datetime(2025, 3, 21, 6, 0, tzinfo=UTC)
CHATS = range(2000, 2030)
BLOCKED = 2007
NEW_YORK = find_zone("New York")


@pytest_asyncio.fixture
async def app_on_double(
    double: BotApiDouble, seeded_store: Path, extraction_worker: ExtractionWorker
) -> AsyncIterator[BriefApplication]:
    """The bot pointed at the double, with thirty subscribers due."""
    settings = make_settings(seeded_store, base_url=double.base_url)
    async with started_application(settings, extraction_worker) as application:
        await add_subscribers(runtime_of(application), CHATS)
        yield application


async def add_subscribers(runtime: Runtime, chats: range) -> None:
    """Subscribers at 08:00 in Kyiv, due NOW."""
    async with runtime.sessions.begin() as session:
        for chat in chats:
            await subscribe(
                session,
                chat_id=chat,
                user_id=chat,
                local_time=time(8),
                zone="Europe/Kyiv",
                next_due_at=NOW,
                now=NOW - timedelta(days=1),
            )


async def test_fan_out_waits_out_a_429_and_drops_a_blocked_chat(
    double: BotApiDouble, app_on_double: BriefApplication
) -> None:
    double.inject("sendMessage", Fault.too_many_requests(1))
    double.inject("sendMessage", Fault.forbidden(), chat_id=BLOCKED)
    runtime = runtime_of(app_on_double)
    report = await send_due_digests(runtime, TelegramDigestSender(app_on_double.bot), now=NOW)
    calls = double.calls("sendMessage")
    refused_429 = [c for c in calls if c.fault is not None and c.fault.status == 429]
    delivered = {int(c.params["chat_id"]) for c in calls if c.ok}
    assert delivered == set(CHATS) - {BLOCKED}
    # Sends already on the wire when the 429 came back cannot be recalled (at most the
    # others in flight); nothing else goes out until retry_after has passed, the retry included.
    refused = refused_429[0]
    soon = [c for c in calls if c.ok and refused.at < c.at < refused.at + 1.0]
    assert len(soon) <= CONCURRENCY - 1
    [retried] = [c for c in calls if c.ok and c.params["chat_id"] == refused.params["chat_id"]]
    assert retried.at - refused.at >= 1.0
    assert [c for c in calls if int(c.params["chat_id"]) == BLOCKED and c.fault] != []
    assert (report.sent, report.deactivated) == (len(CHATS) - 1, 1)
    async with runtime.sessions() as session:
        blocked = await get_subscription(session, chat_id=BLOCKED)
        summary = await delivery_summary(session)
    assert blocked is not None and not blocked.active
    assert blocked.deactivated_reason == "blocked: Forbidden: bot was blocked by the user"
    assert summary == {"sent": len(CHATS) - 1, "failed": 1}


async def test_flood_control_is_waited_out_before_anything_else_is_sent(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await add_subscribers(runtime_of(app), range(1000, 1003))
    recorder.inject("sendMessage", Fault.too_many_requests(1))
    await send_due_digests(runtime_of(app), TelegramDigestSender(app.bot), now=NOW)
    calls = recorder.calls("sendMessage")
    [refused] = [c for c in calls if not c.ok]
    sent = [c for c in calls if c.ok]
    assert {int(c.params["chat_id"]) for c in sent} == {1000, 1001, 1002}
    assert all(shown_text(c.params["text"]).startswith("🗞 Ceasefire digest") for c in sent)
    # Nothing at all went out until retry_after had passed.
    assert min(c.at for c in sent) - refused.at >= 1.0
    async with runtime_of(app).sessions() as session:
        assert (await delivery_summary(session)).get("sent") == 3


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
