"""Tests for replies pushed to the double: `reply_to` on push_text, push_command, push_document."""

from __future__ import annotations

import pytest
from telegram import Bot, ReplyParameters

from tests.support.bot_api_double import BotApiDouble

CHAT = 4242


async def test_a_text_can_reply_to_a_users_earlier_message(double: BotApiDouble, bot: Bot) -> None:
    double.push_text("Who is Witkoff?", chat_id=CHAT)
    double.push_text("and Kellogg?", chat_id=CHAT, reply_to=1)
    first, second = await bot.get_updates()
    assert second.message is not None and second.message.reply_to_message is not None
    assert second.message.reply_to_message.text == "Who is Witkoff?"
    assert second.message.reply_to_message.message_id == 1
    assert double.message(CHAT, 2).json["reply_to_message"] == double.message(CHAT, 1).json
    assert first.message is not None and first.message.reply_to_message is None


async def test_a_command_can_reply_to_the_bots_message_as_it_stands(
    double: BotApiDouble, bot: Bot
) -> None:
    sent = await bot.send_message(CHAT, "<b>Brief</b> one", parse_mode="HTML")
    await bot.edit_message_text("<b>Brief</b> two", CHAT, sent.message_id, parse_mode="HTML")
    double.push_command("/sources", chat_id=CHAT, reply_to=sent.message_id)
    [update] = await bot.get_updates()
    message = update.message
    assert message is not None and message.reply_to_message is not None
    assert message.entities[0].type == "bot_command"
    quoted = message.reply_to_message
    assert quoted.from_user is not None and quoted.from_user.id == bot.id
    assert (quoted.text, quoted.edit_date is not None) == ("Brief two", True)


async def test_the_quoted_message_carries_no_reply_of_its_own(
    double: BotApiDouble, bot: Bot
) -> None:
    double.push_text("Who is Witkoff?", chat_id=CHAT)
    answer = await bot.send_message(CHAT, "An envoy.", reply_parameters=ReplyParameters(1))
    assert double.message(CHAT, answer.message_id).json["reply_to_message"]["message_id"] == 1
    double.push_text("Thanks", chat_id=CHAT, reply_to=answer.message_id)
    [_, update] = await bot.get_updates()
    assert update.message is not None and update.message.reply_to_message is not None
    assert update.message.reply_to_message.text == "An envoy."
    assert "reply_to_message" not in double.message(CHAT, 3).json["reply_to_message"]


async def test_a_document_can_reply_and_still_be_downloaded(double: BotApiDouble, bot: Bot) -> None:
    await bot.send_message(CHAT, "Send me the article.")
    double.push_document(
        b"article", "a.txt", "text/plain", chat_id=CHAT, caption="/load", reply_to=1
    )
    [update] = await bot.get_updates()
    message = update.message
    assert message is not None and message.document is not None
    assert message.reply_to_message is not None
    assert message.reply_to_message.text == "Send me the article."
    file = await message.document.get_file()
    assert await file.download_as_bytearray() == bytearray(b"article")


async def test_replying_to_a_message_the_chat_does_not_have_is_a_test_error(
    double: BotApiDouble, bot: Bot
) -> None:
    double.push_text("here", chat_id=CHAT)
    with pytest.raises(ValueError, match=r"no message 5 in chat 4242 to reply to; .*\[1\]"):
        double.push_text("there", chat_id=CHAT, reply_to=5)
    with pytest.raises(ValueError, match=r"no message 1 in chat 777"):
        double.push_command("/who", chat_id=777, reply_to=1)
    with pytest.raises(ValueError, match=r"no message 9 in chat 4242"):
        double.push_document(b"x", "x.txt", chat_id=CHAT, reply_to=9)
    # Nothing of the refused pushes was kept: no update, no message id, no file.
    assert len(await bot.get_updates()) == 1
    assert double.push_text("again", chat_id=CHAT) == 2
    assert double.message(CHAT, 2).text == "again"
    with pytest.raises(KeyError):
        double.file_bytes("BQACAgIAAxkBAAI00000001")
