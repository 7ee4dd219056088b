"""Tests of bot.telegram_adapter.group_chats: which unknown commands are the bot's to answer."""

from __future__ import annotations

import pytest
from telegram import Bot

from bot.telegram_adapter.group_chats import addressed_here, for_another_bot, in_group
from tests.support.bot_api_objects import make_command_update

BOT = "ceasefire_test_bot"
GROUP = -1001234


@pytest.mark.parametrize(
    ("text", "chat_id", "answered"),
    [
        ("/nosuch", 42, True),
        (f"/nosuch@{BOT}", 42, True),
        ("/nosuch@other_bot", 42, False),
        ("/nosuch", GROUP, False),
        (f"/nosuch@{BOT} now", GROUP, True),
        (f"/NoSuch@{BOT.upper()}", GROUP, True),
        ("/nosuch@other_bot", GROUP, False),
        ("/nosuch@", GROUP, False),
    ],
)
def test_unknown_commands_are_answered_only_when_addressed_here(
    text: str, chat_id: int, answered: bool
) -> None:
    update = make_command_update(text, bot=Bot("123:ABC"), chat_id=chat_id)
    assert update.message is not None
    assert addressed_here(update.message, BOT) is answered
    assert in_group(update.message.chat) is (chat_id < 0)


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("/load", False),
        (f"/load@{BOT}", False),
        (f"/LOAD@{BOT.upper()} now", False),
        ("/load@other_bot", True),
        ("/load@other_bot https://example.org/a", True),
    ],
)
def test_a_command_for_another_bot_is_told_apart(text: str, other: bool) -> None:
    update = make_command_update(text, bot=Bot("123:ABC"), chat_id=GROUP)
    assert update.message is not None
    assert for_another_bot(update.message, BOT) is other
