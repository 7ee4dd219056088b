"""The /forget confirmation button's data: read strictly, whatever a client sends."""

from __future__ import annotations

import pytest

from bot.telegram_adapter.buttons import action_buttons
from bot.telegram_adapter.privacy_handlers import asked_by
from briefings.i18n import UKRAINIAN, _, use_language
from briefings.replies.privacy_briefs import DELETE_BUTTON, build_forget_question


def test_the_button_names_the_user_who_asked() -> None:
    assert asked_by("forget:42") == 42


@pytest.mark.parametrize(
    "data", ["forget:", "forget:0", "forget:-5", "forget:4x", "forget:²", "cmd:/forget", "forget"]
)
def test_malformed_data_names_nobody(data: str) -> None:
    assert asked_by(data) is None


def test_the_button_is_labelled_in_the_users_language_and_carries_its_own_data() -> None:
    with use_language(UKRAINIAN):
        [button] = action_buttons(build_forget_question(42))
        assert button.text == _(DELETE_BUTTON) != DELETE_BUTTON
    assert button.callback_data == "forget:42"
