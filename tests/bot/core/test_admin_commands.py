"""Tests of bot.core.admin_commands' /stats: admins only, the store's and the digests' figures."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.core.callers import Caller
from bot.core.commands import answer
from bot.core.runtime import Runtime
from briefings.replies.load_briefs import build_admin_only
from storage import subscribe

ADMIN = Caller(is_admin=True, chat_id=1, user_id=1)
VISITOR = Caller(chat_id=8080, user_id=8080)


async def test_stats_are_refused_to_a_visitor(feature_runtime: Runtime) -> None:
    reply = await answer(feature_runtime, "/stats", VISITOR)
    assert reply == build_admin_only("stats")
    assert reply.plain == "/stats is for admins. /help lists what you can use."


async def test_an_admin_gets_the_stores_figures_and_the_digest_queue(
    feature_runtime: Runtime,
) -> None:
    assert (await answer(feature_runtime, "/subscribe 08:00 Kyiv", VISITOR)).plain
    late = datetime.now(UTC) - timedelta(minutes=3, seconds=10)
    async with feature_runtime.sessions.begin() as session:
        await subscribe(
            session,
            chat_id=2,
            user_id=2,
            local_time=time(8),
            zone="UTC",
            next_due_at=late,
            now=late,
        )
    lines = (await answer(feature_runtime, "/stats", ADMIN)).plain.split("\n")
    assert lines[0] == "📊 Stats"
    assert {"Articles: 1", "Demands: 6", "Subscribers: 2"} <= set(lines)
    assert lines[-4:] == [
        "Digests sent today (UTC): 0",
        "Digests failed today (UTC): 0",
        "Digests waiting to be sent: 1",
        "Oldest waiting digest late by: 3 min",
    ]
