"""Tests for support.bot_api_double: python-telegram-bot's real HTTP stack against the double."""

from __future__ import annotations

import asyncio
import datetime as dtm
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction
from telegram.error import BadRequest, EndPointNotFound, InvalidToken, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from tests.support import bot_api_double
from tests.support.bot_api_double import BotApiDouble, Fault
from tests.support.bot_api_objects import Upload
from tests.support_tests.fault_cases import FAULT_CASES

TOKEN = "123:ABC"
CHAT = 4242
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])


def bot_for(double: BotApiDouble, token: str = TOKEN) -> Bot:
    """A Bot whose API and file URLs point at the double (the `bot` fixture is one, started)."""
    root = double.base_url
    return Bot(token, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot")


@asynccontextmanager
async def polling(
    double: BotApiDouble, *handlers: BaseHandler[Update, ContextTypes.DEFAULT_TYPE, None]
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """A real Application with `handlers`, long-polling the double until the block ends."""
    root = double.base_url
    builder = ApplicationBuilder().token(TOKEN).base_url(f"{root}/bot")
    app = builder.base_file_url(f"{root}/file/bot").build()
    app.add_handlers(handlers)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=dtm.timedelta(seconds=1))
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


async def greet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply in HTML with a keyboard, as the bot's commands do."""
    assert update.message is not None
    await update.message.reply_html("<b>Hello</b> &amp; welcome", reply_markup=KEYBOARD)


async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the button press and edit the message to show the choice."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"You chose {query.data}")


async def test_a_pushed_command_reaches_its_handler_and_the_reply_is_logged(
    double: BotApiDouble,
) -> None:
    async with polling(double, CommandHandler("start", greet)):
        double.push_command("/start", chat_id=CHAT)
        [call] = await double.wait_for("sendMessage")
    assert call.ok
    assert call.params["text"] == "<b>Hello</b> &amp; welcome"
    assert call.params["chat_id"] == CHAT
    assert call.params["reply_markup"] == KEYBOARD.to_dict()
    [sent] = double.sent_messages(CHAT)
    assert sent["text"] == "Hello & welcome"
    assert sent["entities"] == [{"type": "bold", "offset": 0, "length": 5}]
    assert [c.method for c in double.calls()][:2] == ["getMe", "deleteWebhook"]


async def test_a_button_press_is_answered_and_the_message_edited(double: BotApiDouble) -> None:
    async with polling(double, CommandHandler("start", greet), CallbackQueryHandler(choose)):
        double.push_command("/start", chat_id=CHAT)
        await double.wait_for("sendMessage")
        double.push_callback("yes", chat_id=CHAT)
        [edit] = await double.wait_for("editMessageText")
        [answer] = await double.wait_for("answerCallbackQuery")
    assert edit.ok and answer.ok
    message = double.message(CHAT, edit.params["message_id"])
    assert message.text == message.html == "You chose yes"
    assert message.reply_markup is None  # an edit without reply_markup drops the keyboard


async def test_editing_to_the_same_content_is_refused_like_telegram(bot: Bot) -> None:
    sent = await bot.send_message(CHAT, "<i>Same</i>", parse_mode="HTML", reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text(
            "<i>Same</i>", CHAT, sent.message_id, parse_mode="HTML", reply_markup=KEYBOARD
        )
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("Other", CHAT, sent.message_id + 1)


async def test_html_is_parsed_or_refused_like_telegram(bot: Bot) -> None:
    sent = await bot.send_message(
        CHAT, '  <a href="https://x.test">a&lt;b</a> 🇺🇦 <b>ok</b> ', "HTML"
    )
    assert sent.text == "a<b 🇺🇦 ok"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("text_link", 0, 3),
        ("bold", 9, 2),  # the flag counts four UTF-16 code units
    ]
    with pytest.raises(BadRequest, match=r'(?i)can.t parse entities: Unsupported start tag "div"'):
        await bot.send_message(CHAT, "<div>no</div>", parse_mode="HTML")


async def test_message_ids_increase_per_chat_and_replies_quote(
    double: BotApiDouble, bot: Bot
) -> None:
    double.push_text("hi there", chat_id=CHAT)
    first = await bot.send_message(CHAT, "one", reply_parameters=ReplyParameters(1))
    other = await bot.send_message(777, "elsewhere")
    assert (first.message_id, other.message_id) == (2, 1)
    assert first.reply_to_message is not None
    assert first.reply_to_message.text == "hi there"


async def test_a_document_round_trips_through_upload_get_file_and_download(
    double: BotApiDouble, bot: Bot
) -> None:
    sent = await bot.send_document(CHAT, document=b"digest bytes", filename="digest.txt")
    assert sent.document is not None and sent.document.file_name == "digest.txt"
    file = await bot.get_file(sent.document.file_id)
    assert await file.download_as_bytearray() == bytearray(b"digest bytes")
    [call] = double.calls("sendDocument")
    assert call.params["document"] == Upload("digest.txt", "text/plain", b"digest bytes")
    assert double.calls("downloadFile")[0].ok


async def test_a_pushed_document_can_be_fetched_by_the_bot(double: BotApiDouble, bot: Bot) -> None:
    double.push_document(b"an article", "article.txt", "text/plain", chat_id=CHAT, caption="/load")
    [update] = await bot.get_updates()
    message = update.message
    assert message is not None and message.document is not None
    assert message.caption_entities[0].type == "bot_command"
    file = await message.document.get_file()
    assert await file.download_as_bytearray() == bytearray(b"an article")


@pytest.mark.parametrize(("fault", "error"), FAULT_CASES)
async def test_an_injected_fault_raises_its_ptb_error_once(
    double: BotApiDouble, bot: Bot, fault: Fault, error: type[TelegramError]
) -> None:
    double.inject("sendMessage", fault)
    with pytest.raises(TelegramError) as raised:
        await bot.send_message(CHAT, "hi")
    assert type(raised.value) is error
    # PTB drops the "Bad Request: " prefix and capitalizes what is left.
    assert str(raised.value).lower() in fault.description.lower()
    await bot.send_message(CHAT, "hi again")
    failed, succeeded = double.calls("sendMessage")
    assert (failed.fault, failed.injected, succeeded.ok) == (fault, True, True)
    assert len(double.sent_messages()) == 1  # the faulted call was not applied


async def test_flood_control_raises_retry_after(
    double: BotApiDouble, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PTB 22.2+ warns on the int form of retry_after; opting in to timedelta avoids it.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    double.inject("sendMessage", Fault.too_many_requests(3), chat_id=CHAT)
    await bot.send_message(777, "another chat is not throttled")
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(CHAT, "hi")
    assert raised.value.retry_after == dtm.timedelta(seconds=3)


@pytest.mark.timing
async def test_a_long_poll_returns_as_soon_as_an_update_is_pushed(
    double: BotApiDouble, bot: Bot
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=dtm.timedelta(seconds=5)))
    await asyncio.sleep(0.1)
    assert not poll.done()
    pushed_at = time.monotonic()
    update_id = double.push_text("wake up")
    [update] = await asyncio.wait_for(poll, 2)
    assert update.update_id == update_id
    assert time.monotonic() - pushed_at < 0.5


@pytest.mark.timing
async def test_a_long_poll_without_updates_ends_at_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=dtm.timedelta(milliseconds=200)) == ()
    assert 0.15 < time.monotonic() - started < 1.5


async def test_get_updates_honours_offset_limit_and_allowed_updates(
    double: BotApiDouble, bot: Bot
) -> None:
    await bot.send_message(CHAT, "pick", reply_markup=KEYBOARD)
    ids = [double.push_text(f"text {n}") for n in range(3)]
    assert [u.update_id for u in await bot.get_updates(limit=2)] == ids[:2]
    assert [u.update_id for u in await bot.get_updates(offset=ids[1] + 1)] == ids[2:]
    assert [u.update_id for u in await bot.get_updates()] == ids[2:]  # confirmed ones are gone
    press = double.push_callback("yes", chat_id=CHAT)
    only = await bot.get_updates(allowed_updates=["callback_query"])
    assert [u.update_id for u in only] == [press]


async def test_a_wrong_token_is_an_invalid_token(double: BotApiDouble) -> None:
    with pytest.raises(InvalidToken, match="rejected by the server"):
        async with bot_for(double, token="999:WRONG"):
            pass
    assert double.calls()[0].fault == Fault.unauthorized()


async def test_an_unknown_method_is_not_found_and_logged(double: BotApiDouble, bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("frobnicate")
    assert double.calls("frobnicate")[0].fault == Fault.not_found()


async def test_chat_actions_are_logged(double: BotApiDouble, bot: Bot) -> None:
    assert await bot.send_chat_action(CHAT, ChatAction.TYPING)
    assert double.calls("sendChatAction")[0].params == {"chat_id": CHAT, "action": "typing"}


async def test_wait_for_times_out_with_the_call_log(double: BotApiDouble, bot: Bot) -> None:
    with pytest.raises(AssertionError, match=r"(?s)1 sendMessage call\(s\), saw 0.*getMe"):
        await double.wait_for("sendMessage", timeout=0.1)


async def test_leaving_answers_a_pending_long_poll_at_once() -> None:
    double = BotApiDouble(token=TOKEN)
    await double.__aenter__()
    async with bot_for(double) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=dtm.timedelta(seconds=30)))
        await asyncio.sleep(0.1)
        started = time.monotonic()
        await double.__aexit__(None, None, None)
        assert time.monotonic() - started < 1
        assert await poll == ()


def test_every_public_name_is_importable_from_the_double() -> None:
    missing = [name for name in bot_api_double.__all__ if not hasattr(bot_api_double, name)]
    assert missing == []
