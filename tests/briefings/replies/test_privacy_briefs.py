"""The privacy replies: short enough for one message in both languages, the durations handed in
(never typed), and the /forget confirmation's button naming the user."""

from __future__ import annotations

import pytest

from briefings.i18n import ENGLISH, UKRAINIAN, use_language
from briefings.replies.privacy_briefs import (
    Retention,
    build_forget_question,
    build_forgotten,
    build_privacy,
    forget_action,
)

TERMS = Retention(inactive_subscription_days=11, delivery_days=3, pager_days=21, pacing_minutes=45)
# Telegram's limit on a message's text.
MESSAGE_CHARS = 4096


@pytest.mark.parametrize("language", [ENGLISH, UKRAINIAN])
def test_privacy_fits_one_message_and_states_the_durations_handed_in(language: str) -> None:
    with use_language(language):
        text = build_privacy(TERMS).plain
    assert len(text) < MESSAGE_CHARS
    for number in ("11", "3", "21", "45"):
        assert f" {number} " in text
    for command in ("/lang", "/subscribe", "/unsubscribe", "/forget"):
        assert command in text
    assert build_privacy(TERMS).actions == ("/forget",)


def test_privacy_is_translated() -> None:
    with use_language(UKRAINIAN):
        ukrainian = build_privacy(TERMS).plain
    with use_language(ENGLISH):
        english = build_privacy(TERMS).plain
    assert ukrainian != english
    assert "11 днів" in ukrainian and "45 хвилин" in ukrainian


def test_the_forget_question_carries_the_users_button() -> None:
    question = build_forget_question(9001)
    assert question.actions == (forget_action(9001),) == ("forget:9001",)
    assert build_forgotten(True).plain != build_forgotten(False).plain
