"""Tests of briefings.replies.group_briefs: a group's settings and the notes of group chats."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from briefings.i18n import UKRAINIAN, use_language
from briefings.replies.group_briefs import (
    LONG_HERE,
    LONG_PRIVATE,
    DigestTime,
    build_cannot_write_privately,
    build_group_settings,
    build_group_settings_changed,
    build_sent_privately,
    build_unknown_group_setting,
)

KYIV = ZoneInfo("Europe/Kyiv")


def test_settings_say_where_long_answers_go_and_the_button_switches_it() -> None:
    here = build_group_settings(False, None)
    assert here.plain.splitlines()[1:3] == [
        "Long answers: in the group.",
        "Daily digest: none; /subscribe HH:MM and a city starts one.",
    ]
    assert here.actions == (LONG_PRIVATE,)
    private = build_group_settings(True, None)
    assert "Long answers: sent to the asker privately." in private.plain
    assert private.actions == (LONG_HERE,)


def test_settings_show_the_groups_digest() -> None:
    digest = DigestTime(time(8), KYIV, datetime(2025, 3, 25, 6, tzinfo=UTC))
    shown = build_group_settings(False, digest).plain
    assert "Daily digest: every day at 08:00 Europe/Kyiv; next on" in shown


def test_the_usage_names_both_commands_and_is_marked_not_done() -> None:
    usage = build_unknown_group_setting()
    assert usage.failed and LONG_PRIVATE in usage.plain and LONG_HERE in usage.plain


def test_notes_name_the_asker_and_come_in_ukrainian() -> None:
    assert build_sent_privately("Оля <b>").plain == "📬 Sent to you privately, Оля <b>."
    assert build_cannot_write_privately("Ann").plain.startswith("Ann, I can't write to you")
    with use_language(UKRAINIAN):
        assert "Оля" in build_sent_privately("Оля").plain
        changed = build_group_settings_changed(True).plain
        assert changed.startswith("✅ Тепер довгі відповіді")
        assert LONG_PRIVATE in build_group_settings(False, None).plain
