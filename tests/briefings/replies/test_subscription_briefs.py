"""Tests of briefings.replies.subscription_briefs: the next digest's day as each language writes it."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from briefings.i18n import UKRAINIAN, use_language
from briefings.replies.subscription_briefs import (
    build_not_subscribed,
    build_settings,
    build_subscribed,
)

KYIV = ZoneInfo("Europe/Kyiv")
# 07:30 in Kyiv (UTC+2 until the end of March) on Tuesday 25 March 2025.
NEXT = datetime(2025, 3, 25, 5, 30, tzinfo=UTC)


def test_a_subscription_says_when_the_next_digest_comes() -> None:
    reply = build_subscribed(time(7, 30), KYIV, NEXT, changed=False)
    assert reply.plain == (
        "✅ Subscribed: a digest every day at 07:30 Europe/Kyiv; "
        "next on Tuesday 25 March 2025 at 07:30 your time.\n"
        "/settings shows it, /digest gives today's now, /unsubscribe stops it."
    )
    assert reply.actions == ("/digest", "/settings")


def test_in_ukrainian_the_day_and_month_are_ukrainian_and_commands_stay() -> None:
    with use_language(UKRAINIAN):
        subscribed = build_subscribed(time(7, 30), KYIV, NEXT, changed=True).plain
        settings = build_settings(time(7, 30), KYIV, NEXT).plain
        hint = build_not_subscribed().plain
    assert subscribed.startswith(
        "✅ Час дайджесту змінено: дайджест щодня о 07:30 Europe/Kyiv; "
        "наступний — вівторок 25 березня 2025, о 07:30 за вашим часом."
    )
    assert settings.startswith("Ваш щоденний дайджест: щодня о 07:30 Europe/Kyiv;")
    assert hint.startswith("У вас немає щоденного дайджесту. Надішліть /subscribe ГГ:ХХ")
    assert "/subscribe 07:30 Kyiv" in hint
