"""Tests for support.recording_request: handlers driven by process_update with no network."""

from __future__ import annotations

import datetime as dtm
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from telegram import Update
from telegram.error import BadRequest, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.support.bot_api_objects import (
    Fault,
    make_bot_message_json,
    make_callback_update,
    make_command_update,
    make_document_update,
    make_text_update,
)
from tests.support.recording_request import RecordingRequest, UnimplementedMethodError
from tests.support_tests.fault_cases import FAULT_CASES

TOKEN = "123:ABC"
CHAT = 4242

App = Application[Any, Any, Any, Any, Any, Any]


@pytest.fixture(autouse=True)
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection attempt during these tests fails them."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a RecordingRequest test tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


@pytest_asyncio.fixture
async def recorder() -> RecordingRequest:
    """The recorder behind the app's ordinary requests."""
    return RecordingRequest()


@pytest_asyncio.fixture
async def app(recorder: RecordingRequest) -> AsyncIterator[App]:
    """An initialized Application whose requests all go to recorders."""
    builder = ApplicationBuilder().token(TOKEN).request(recorder)
    app = builder.get_updates_request(RecordingRequest()).build()
    async with app:
        yield app


async def brief(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply in HTML, as the bot's commands do."""
    assert update.message is not None
    await update.message.reply_html(f"<b>Brief</b> for {' '.join(context.args or [])}")


async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the button press and edit the message."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"You chose {query.data}")


async def quote(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a reply by naming the message it replies to."""
    assert update.message is not None and update.message.reply_to_message is not None
    await update.message.reply_text(f"You replied to: {update.message.reply_to_message.text}")


async def sticker(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reach for a method the recorder does not answer."""
    await context.bot.send_sticker(CHAT, "CAACAgIAAxkBAAEB")


async def test_initialize_is_answered_with_the_bot_from_the_token(
    app: App, recorder: RecordingRequest
) -> None:
    assert (app.bot.id, app.bot.username) == (123, "ceasefire_test_bot")
    assert [call.method for call in recorder.calls()] == ["getMe"]


async def test_a_command_update_records_the_reply(app: App, recorder: RecordingRequest) -> None:
    app.add_handler(CommandHandler("who", brief))
    recorder.clear()
    await app.process_update(make_command_update("/who Zelenskyy", bot=app.bot, chat_id=CHAT))
    [call] = recorder.calls()
    assert call.method == "sendMessage"
    assert call.params["text"] == "<b>Brief</b> for Zelenskyy"
    assert call.params["chat_id"] == CHAT
    assert call.result["text"] == "Brief for Zelenskyy"
    assert call.result["message_id"] == 1


async def test_plain_text_does_not_match_a_command(app: App, recorder: RecordingRequest) -> None:
    app.add_handler(CommandHandler("who", brief))
    await app.process_update(make_text_update("who is who", bot=app.bot))
    assert recorder.calls("sendMessage") == []


async def test_a_reply_built_in_process_reaches_the_handler(
    app: App, recorder: RecordingRequest
) -> None:
    app.add_handler(MessageHandler(filters.REPLY, quote))
    brief = make_bot_message_json(1, CHAT, TOKEN, text="Brief for Zelenskyy")
    await app.process_update(make_text_update("why?", bot=app.bot, message_id=2, reply_to=brief))
    [call] = recorder.calls("sendMessage")
    assert call.params["text"] == "You replied to: Brief for Zelenskyy"


async def test_a_button_press_answers_and_edits(app: App, recorder: RecordingRequest) -> None:
    app.add_handler(CallbackQueryHandler(choose))
    await app.process_update(make_callback_update("yes", message_id=7, chat_id=CHAT, bot=app.bot))
    [edit] = recorder.calls("editMessageText")
    assert (edit.params["message_id"], edit.result["text"]) == (7, "You chose yes")
    assert "edit_date" in edit.result
    assert recorder.calls("answerCallbackQuery")[0].ok


async def test_message_ids_increase_per_chat(app: App) -> None:
    first = await app.bot.send_message(CHAT, "one")
    second = await app.bot.send_message(CHAT, "two")
    other = await app.bot.send_message(777, "elsewhere")
    assert (first.message_id, second.message_id, other.message_id) == (1, 2, 1)


async def test_an_unimplemented_method_fails_the_test_through_process_update(
    app: App, recorder: RecordingRequest
) -> None:
    app.add_handler(MessageHandler(filters.TEXT, sticker))
    with pytest.raises(
        UnimplementedMethodError, match="unimplemented Bot API method 'sendSticker'"
    ):
        await app.process_update(make_text_update("send a sticker", bot=app.bot))
    assert recorder.calls("sendSticker")[0].fault == Fault.not_found()


@pytest.mark.parametrize(("fault", "error"), FAULT_CASES)
async def test_an_injected_fault_raises_its_ptb_error_once(
    app: App, recorder: RecordingRequest, fault: Fault, error: type[TelegramError]
) -> None:
    recorder.inject("sendMessage", fault)
    with pytest.raises(error) as raised:
        await app.bot.send_message(CHAT, "hi")
    assert type(raised.value) is error
    await app.bot.send_message(CHAT, "hi again")
    assert [call.ok for call in recorder.calls("sendMessage")] == [False, True]


async def test_flood_control_raises_retry_after(
    app: App, recorder: RecordingRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PTB 22.2+ warns on the int form of retry_after; opting in to timedelta avoids it.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    recorder.inject("sendMessage", Fault.too_many_requests(5))
    with pytest.raises(RetryAfter) as raised:
        await app.bot.send_message(CHAT, "hi")
    assert raised.value.retry_after == dtm.timedelta(seconds=5)


async def test_documents_round_trip_and_stored_files_download(
    app: App, recorder: RecordingRequest
) -> None:
    sent = await app.bot.send_document(CHAT, document=b"digest", filename="digest.txt")
    assert sent.document is not None
    file = await app.bot.get_file(sent.document.file_id)
    assert await file.download_as_bytearray() == bytearray(b"digest")
    recorder.store_file("BQACpushed", b"an article")
    update = make_document_update("BQACpushed", "article.txt", bot=app.bot, caption="/load")
    assert update.message is not None and update.message.document is not None
    assert update.message.caption_entities[0].type == "bot_command"
    pushed = await update.message.document.get_file()
    assert await pushed.download_as_bytearray() == bytearray(b"an article")


async def test_invalid_html_is_refused_like_telegram(app: App) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await app.bot.send_message(CHAT, "<b>unclosed", parse_mode="HTML")
