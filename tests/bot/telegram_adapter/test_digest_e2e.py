"""Digest fan-out through the Bot API double over HTTP, with its 429 and 403 faults."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest_asyncio
from app_builders import TOKEN, make_settings, started_application
from spacy.language import Language

from bot.core.digest_delivery import CONCURRENCY, send_due_digests
from bot.telegram_adapter.application import BriefApplication
from storage import delivery_summary, get_subscription, subscribe
from tests.support.bot_api_double import BotApiDouble, Fault

NOW = datetime(2025, 3, 21, 6, 0, tzinfo=UTC)
CHATS = range(2000, 2030)
BLOCKED = 2007


@pytest_asyncio.fixture
async def double() -> AsyncIterator[BotApiDouble]:
    """The Bot API double."""
    async with BotApiDouble(token=TOKEN) as server:
        yield server


@pytest_asyncio.fixture
async def app(
    double: BotApiDouble, seeded_store: Path, nlp: Language
) -> AsyncIterator[BriefApplication]:
    """The bot pointed at the double, with thirty subscribers due."""
    settings = make_settings(seeded_store, base_url=double.base_url)
    async with started_application(settings, nlp) as application:
        runtime = application.bot_data.runtime
        assert runtime is not None
        async with runtime.sessions.begin() as session:
            for chat in CHATS:
                await subscribe(
                    session,
                    chat_id=chat,
                    user_id=chat,
                    local_time=time(8),
                    zone="Europe/Kyiv",
                    next_due_at=NOW,
                    now=NOW - timedelta(days=1),
                )
        yield application


async def test_fan_out_waits_out_a_429_and_drops_a_blocked_chat(
    double: BotApiDouble, app: BriefApplication
) -> None:
    double.inject("sendMessage", Fault.too_many_requests(1))
    double.inject("sendMessage", Fault.forbidden(), chat_id=BLOCKED)
    runtime = app.bot_data.runtime
    assert runtime is not None
    report = await send_due_digests(runtime, app.bot, now=NOW)
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
    assert summary == {"sent": len(CHATS) - 1, "failed": 1}
