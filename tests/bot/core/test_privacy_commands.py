"""The privacy commands of the core: /privacy states the code's own retentions (and README holds
the same text), /forget asks first, the console keeps nothing per user, and the digest tick
deletes what has expired."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select

from bot.core.callers import CONSOLE, Caller
from bot.core.commands import answer, respond
from bot.core.digest_delivery import send_due_digests
from bot.core.privacy_commands import forget_caller, retention
from bot.core.runtime import Runtime
from bot.core.send_budget import IDLE_KEY_SECONDS
from briefings.replies.privacy_briefs import (
    BULLET,
    build_console_forget,
    build_forget_question,
    build_privacy,
)
from storage import (
    DELIVERY_RETENTION,
    INACTIVE_SUBSCRIPTION_RETENTION,
    PAGER_LIFETIME,
    set_language,
    subscribe,
)
from storage.delivery_tables import DeliveryRow
from storage.tables import PagerRow
from tests.support.recording_digest_sender import RecordingDigestSender
from tests.support.user_rows import rows_about

README = Path(__file__).resolve().parents[3] / "README.md"
NOW = datetime(2025, 6, 1, 6, 0, tzinfo=UTC)


def readme_section(title: str) -> str:
    """A README section's text (up to the next heading), its whitespace collapsed and its
    Markdown bullets and bold marks dropped."""
    text = README.read_text(encoding="utf-8")
    start = text.index(f"### {title}\n")
    end = text.index("\n#", start + 1)
    section = re.sub(r"^- ", "", text[start:end], flags=re.MULTILINE).replace("**", "")
    return " ".join(section.split())


def test_the_retentions_are_the_code_constants() -> None:
    terms = retention()
    assert terms.delivery_days == DELIVERY_RETENTION.days
    assert terms.inactive_subscription_days == INACTIVE_SUBSCRIPTION_RETENTION.days
    assert terms.pager_days == PAGER_LIFETIME.days
    assert terms.pacing_minutes * 60 == IDLE_KEY_SECONDS


def test_readme_holds_the_english_privacy_text() -> None:
    section = readme_section("Privacy")
    for row in build_privacy(retention()).plain.split("\n"):
        sentence = " ".join(row.removeprefix(BULLET).split())
        assert sentence in section


async def test_privacy_and_forget_in_the_console(feature_runtime: Runtime) -> None:
    assert await respond(feature_runtime, "/privacy") == build_privacy(retention()).plain
    assert await respond(feature_runtime, "/forget") == build_console_forget().plain
    assert await forget_caller(feature_runtime, CONSOLE) == build_console_forget()


async def test_forget_only_asks_with_a_button_naming_the_user(feature_runtime: Runtime) -> None:
    caller = Caller(chat_id=42, user_id=42)
    async with feature_runtime.sessions.begin() as session:
        await set_language(session, user_id=42, language="uk", now=NOW)
    for line in ("/forget", "/forget now", "/forget 42"):
        assert await answer(feature_runtime, line, caller) == build_forget_question(42)
    async with feature_runtime.sessions() as session:
        assert await rows_about(session, 42) == {"user_languages.user_id": 1}


async def test_the_digest_tick_deletes_expired_records(feature_runtime: Runtime) -> None:
    async with feature_runtime.sessions.begin() as session:
        record = await subscribe(
            session,
            chat_id=5,
            user_id=5,
            local_time=time(8),
            zone="Europe/Kyiv",
            next_due_at=NOW + timedelta(days=1),
            now=NOW,
        )
        for days_ago in (1, DELIVERY_RETENTION.days + 1, DELIVERY_RETENTION.days + 2):
            claimed = NOW - timedelta(days=days_ago)
            session.add(
                DeliveryRow(
                    subscription_id=record.id,
                    local_date=claimed.date(),
                    status="sent",
                    claimed_at=claimed,
                )
            )
        old = NOW - PAGER_LIFETIME - timedelta(days=1)
        session.add(PagerRow(chat_id=5, command="/ask old", created_at=old))
    report = await send_due_digests(feature_runtime, RecordingDigestSender(), now=NOW)
    assert (report.claimed, report.pruned) == (0, 3)
    async with feature_runtime.sessions() as session:
        left = select(func.count()).select_from(DeliveryRow)
        assert (await session.execute(left)).scalar_one() == 1
