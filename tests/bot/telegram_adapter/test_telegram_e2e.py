"""End-to-end: the real Application polls the Bot API test double over loopback HTTP."""

from __future__ import annotations

import asyncio
import time

import pytest
from app_builders import ADMIN_ID, add_articles

from bot.core.commands import respond
from bot.telegram_adapter.application import BriefApplication
from bot.telegram_adapter.error_handler import SORRY
from bot.telegram_adapter.menus import MENU
from tests.support.bot_api_double import BotApiDouble, Fault

CHAT = 5151


async def reply_to(double: BotApiDouble, text: str, *, chat_id: int = CHAT) -> str:
    """Send a message to the bot and return the text of its reply."""
    return await double.reply_to(text, chat_id=chat_id)


async def test_the_command_menu_is_set_at_start(
    double: BotApiDouble, polling_bot: BriefApplication
) -> None:
    assert [c["command"] for c in double.commands()] == [c.command for c in MENU]


@pytest.mark.parametrize("line", ["/who", "/figures", "/demands", "/who zelensky"])
async def test_answers_arrive_as_the_console_prints_them(
    double: BotApiDouble, polling_bot: BriefApplication, line: str
) -> None:
    shown = await reply_to(double, line)
    runtime = polling_bot.bot_data.runtime
    assert runtime is not None
    assert shown == await respond(runtime, line)


async def test_a_plain_question_is_answered(
    double: BotApiDouble, polling_bot: BriefApplication
) -> None:
    text = await reply_to(double, "how many soldiers has Ukraine lost?")
    assert text.startswith("Figures about")
    assert "400,000" in text and "43,000" in text
    text = await reply_to(double, "where did the leaders meet?")
    assert text.startswith("What the articles say")


async def test_a_429_is_waited_out_then_the_reply_is_sent(
    double: BotApiDouble, polling_bot: BriefApplication
) -> None:
    double.inject("sendMessage", Fault.too_many_requests(1), chat_id=CHAT)
    started = time.monotonic()
    await reply_to(double, "/sources")
    calls = [c for c in double.calls("sendMessage") if c.params.get("chat_id") == CHAT]
    assert [c.ok for c in calls] == [False, True]
    assert calls[1].at - calls[0].at >= 1.0
    assert time.monotonic() - started >= 1.0


async def test_a_500_is_apologised_for_and_the_admins_are_told(
    double: BotApiDouble, polling_bot: BriefApplication
) -> None:
    double.inject("sendMessage", Fault.server_error(), chat_id=CHAT)
    assert (await reply_to(double, "/sources")) == SORRY
    await double.wait_for("sendMessage", lambda c: c.params.get("chat_id") == ADMIN_ID)


async def test_a_blocked_user_is_not_written_to_again(
    double: BotApiDouble, polling_bot: BriefApplication
) -> None:
    double.inject("sendMessage", Fault.forbidden(), chat_id=CHAT)
    double.push_command("/who", chat_id=CHAT)
    await double.wait_for("sendMessage", lambda c: c.params.get("chat_id") == CHAT)
    await asyncio.sleep(0.5)
    assert len(double.calls("sendMessage")) == 1
    # The bot carries on for everyone else.
    assert "Who is who" in (await reply_to(double, "/who", chat_id=CHAT + 1))


async def test_paging_buttons_edit_the_message_in_place(
    double: BotApiDouble, polling_bot: BriefApplication
) -> None:
    await add_articles(polling_bot, 150)
    await reply_to(double, "/sources")
    [first] = double.sent_messages(CHAT)
    row = first["reply_markup"]["inline_keyboard"][0]
    count = int(row[0]["text"].split("/")[1])
    double.push_callback(row[-1]["callback_data"], chat_id=CHAT, message_id=first["message_id"])
    [edit] = await double.wait_for("editMessageText", timeout=10)
    assert edit.ok
    await double.wait_for("answerCallbackQuery")
    shown = double.message(CHAT, first["message_id"])
    assert shown.text != first["text"]
    assert shown.reply_markup is not None
    assert [b["text"] for b in shown.reply_markup["inline_keyboard"][0]][:2] == ["◀", f"2/{count}"]
