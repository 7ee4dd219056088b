"""Tests for support.bot_api_objects: the in-process update builders, replies included."""

from __future__ import annotations

import pytest
from telegram import Bot

from tests.support.bot_api_objects import (
    make_bot_message_json,
    make_command_update,
    make_document_update,
    make_text_update,
    make_user_json,
    make_user_message_json,
)

TOKEN = "123:ABC"
CHAT = 4242


@pytest.fixture
def bot() -> Bot:
    """An uninitialised Bot: enough to bind updates, never called."""
    return Bot(TOKEN)


def test_a_text_update_replies_to_a_users_message(bot: Bot) -> None:
    question = make_user_message_json(1, CHAT, make_user_json(CHAT), text="Who is Witkoff?")
    update = make_text_update(
        "and Kellogg?", bot=bot, chat_id=CHAT, message_id=2, reply_to=question
    )
    assert update.message is not None and update.message.reply_to_message is not None
    assert update.message.reply_to_message.text == "Who is Witkoff?"
    assert update.message.reply_to_message.message_id == 1
    assert update.message.reply_to_message.get_bot() is bot


def test_a_command_update_replies_to_the_bots_message(bot: Bot) -> None:
    brief = make_bot_message_json(1, CHAT, TOKEN, text="Brief for Zelenskyy")
    update = make_command_update("/sources", bot=bot, chat_id=CHAT, message_id=2, reply_to=brief)
    message = update.message
    assert message is not None and message.reply_to_message is not None
    assert message.entities[0].type == "bot_command"
    assert message.reply_to_message.from_user is not None
    assert message.reply_to_message.from_user.is_bot
    assert message.reply_to_message.text == "Brief for Zelenskyy"


def test_a_document_update_replies_too(bot: Bot) -> None:
    ask = make_bot_message_json(1, CHAT, TOKEN, text="Send me the article.")
    update = make_document_update(
        "BQACpushed", "a.txt", bot=bot, chat_id=CHAT, message_id=2, reply_to=ask
    )
    message = update.message
    assert message is not None and message.document is not None
    assert message.reply_to_message is not None
    assert (message.message_id, message.reply_to_message.message_id) == (2, 1)


def test_the_quoted_message_loses_its_own_reply(bot: Bot) -> None:
    question = make_user_message_json(1, CHAT, make_user_json(CHAT), text="Who is Witkoff?")
    answer = make_bot_message_json(2, CHAT, TOKEN, text="An envoy.", reply_to_message=question)
    update = make_text_update("Thanks", bot=bot, chat_id=CHAT, message_id=3, reply_to=answer)
    assert update.message is not None and update.message.reply_to_message is not None
    assert update.message.reply_to_message.reply_to_message is None
    assert "reply_to_message" in answer  # the caller's JSON is left as it was


def test_without_reply_to_there_is_no_reply(bot: Bot) -> None:
    update = make_text_update("hello", bot=bot)
    assert update.message is not None and update.message.reply_to_message is None


def test_a_reply_to_another_chats_message_is_refused(bot: Bot) -> None:
    elsewhere = make_bot_message_json(1, 777, TOKEN, text="Elsewhere")
    with pytest.raises(ValueError, match="a reply in chat 4242 quotes a message of chat 777"):
        make_text_update("hi", bot=bot, chat_id=CHAT, reply_to=elsewhere)
