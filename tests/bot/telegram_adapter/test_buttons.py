"""Tests for bot.telegram_adapter.buttons: a button per offered command, named in the answer's
language, within Telegram's limit."""

from __future__ import annotations

from bot.telegram_adapter.buttons import CALLBACK_BYTES, action_buttons
from briefings.i18n import UKRAINIAN, use_language
from briefings.replies.reply import text_reply


def test_commands_become_buttons_and_a_chart_is_named_for_what_it_does() -> None:
    buttons = action_buttons(text_reply("x", ("/sources 2", "/chart soldiers killed", "/chart")))

    assert [(b.text, b.callback_data) for b in buttons] == [
        ("/sources 2", "cmd:/sources 2"),
        ("📈 Chart", "cmd:/chart soldiers killed"),
        ("📈 Chart", "cmd:/chart"),
    ]


def test_a_command_too_long_for_a_buttons_data_is_left_out() -> None:
    fits = "/chart " + "k" * (CALLBACK_BYTES - len("cmd:/chart "))
    too_long = fits + "k"
    # Bytes count, not characters: each of these letters is two bytes in UTF-8.
    cyrillic = "/chart " + "ж" * 30

    buttons = action_buttons(text_reply("x", (fits, too_long, cyrillic)))

    assert [b.callback_data for b in buttons] == [f"cmd:{fits}"]


def test_a_buttons_label_is_in_the_language_of_the_answer_and_a_command_stays_a_command() -> None:
    offered = text_reply("x", ("/chart killed", "/sources 2"))

    with use_language(UKRAINIAN):
        ukrainian = [b.text for b in action_buttons(offered)]
    english = [b.text for b in action_buttons(offered)]

    assert ukrainian == ["📈 Графік", "/sources 2"]
    assert english == ["📈 Chart", "/sources 2"]
