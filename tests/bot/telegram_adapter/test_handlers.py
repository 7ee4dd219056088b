"""Handler tests: updates through Application.process_update, Bot API calls recorded, no network."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from app_builders import ADMIN_ID, add_articles, runtime_of, shown_text

import bot.core.commands as core
from bot.core.commands import respond
from bot.telegram_adapter.application import BriefApplication
from bot.telegram_adapter.error_handler import SORRY, STORE_DOWN
from bot.telegram_adapter.rendering import PAGE_LIMIT, telegram_length
from bot.telegram_adapter.replying import EXPIRED
from briefings.replies.reply import Reply, Share, line, reply
from storage import create_engine, make_session_factory
from tests.support.bot_api_objects import (
    make_callback_update,
    make_command_update,
    make_text_update,
)
from tests.support.recording_request import RecordingRequest

CHAT = 4242


async def send(app: BriefApplication, text: str, *, chat_id: int = CHAT) -> None:
    """Feed one message to the application, as a command or plain text."""
    make = make_command_update if text.startswith("/") else make_text_update
    await app.process_update(make(text, bot=app.bot, chat_id=chat_id))


def sent(recorder: RecordingRequest, chat_id: int = CHAT) -> list[dict[str, Any]]:
    """The parameters of every sendMessage to a chat."""
    return [c.params for c in recorder.calls("sendMessage") if c.params["chat_id"] == chat_id]


@pytest.mark.parametrize(
    "line",
    ["/who", "/who zelensky", "/figures", "/demands", "/sources", "/help", "/figures killed"],
)
async def test_a_command_gets_the_console_text_as_html(
    app: BriefApplication, recorder: RecordingRequest, line: str
) -> None:
    await send(app, line)
    [message] = sent(recorder)
    assert message["parse_mode"] == "HTML"
    assert shown_text(message["text"]) == await respond(runtime_of(app), line)


async def test_who_lists_actors_with_roles_and_sources(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await send(app, "/who")
    text = shown_text(sent(recorder)[0]["text"])
    assert "Zelenskyy" in text
    assert "Trump" in text
    assert "[1]" in text and "[2]" in text


@pytest.mark.parametrize("name", ["zelensky", "ZELENSKYY", "Zelenskiy", "Volodymyr Zelensky"])
async def test_who_with_any_spelling_shows_one_card(
    app: BriefApplication, recorder: RecordingRequest, name: str
) -> None:
    await send(app, f"/who {name}")
    text = shown_text(sent(recorder)[0]["text"])
    assert text.startswith("Volodymyr Zelenskyy")
    assert "Claims" in text and "43,000" in text
    assert "Sources: [1][2]" in text


async def test_figures_show_ukrainian_losses_as_contested(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await send(app, "/figures")
    text = shown_text(sent(recorder)[0]["text"])
    contested = text.split("⚠️ ")[1].split("\n\n")[0]
    assert "Sources disagree" in contested
    assert "Donald Trump: 400,000" in contested
    assert "Volodymyr Zelenskyy: " in contested
    assert "43,000" in contested and "370,000" in contested


async def test_empty_who_lists_everyone(app: BriefApplication, recorder: RecordingRequest) -> None:
    await send(app, "/who ")
    assert shown_text(sent(recorder)[0]["text"]).startswith("Who is who")


async def test_markdown_around_a_known_name_still_finds_the_card(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await send(app, "/who *Zelensky_*")
    assert shown_text(sent(recorder)[0]["text"]).startswith("Volodymyr Zelenskyy\nRole:")


@pytest.mark.parametrize("name", ["<b>Nobody</b> & co", "*Nobody_*", "🇺🇦 Nobody 🕊️", "`x`"])
async def test_an_unknown_actor_is_named_back_safely(
    app: BriefApplication, recorder: RecordingRequest, name: str
) -> None:
    await send(app, f"/who {name}")
    [message] = sent(recorder)
    assert shown_text(message["text"]).startswith(f"No actor called “{name}”")
    assert "<b>Nobody</b>" not in message["text"]


async def test_a_4000_character_question_gets_one_short_answer(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    question = ("how many soldiers has Ukraine lost " * 120)[:4000]
    await send(app, question)
    [message] = sent(recorder)
    assert telegram_length(message["text"]) <= PAGE_LIMIT
    assert "400,000" in shown_text(message["text"])


async def test_a_question_nothing_answers_says_so(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await send(app, "/ask <i>what</i> about the penguins of Antarctica? 🐧")
    text = shown_text(sent(recorder)[0]["text"])
    assert text.startswith("Nothing in the articles says that")


async def test_an_unknown_command_gets_a_hint(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await send(app, "/weather Kyiv")
    assert (
        shown_text(sent(recorder)[0]["text"]) == "I don't know /weather. /help lists the commands."
    )


async def test_help_offers_buttons_that_run_commands(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await send(app, "/help")
    markup = sent(recorder)[0]["reply_markup"]
    buttons = [b["callback_data"] for row in markup["inline_keyboard"] for b in row]
    assert buttons == ["cmd:/who", "cmd:/figures", "cmd:/demands", "cmd:/sources"]
    recorder.clear()
    await app.process_update(make_callback_update("cmd:/sources", 1, bot=app.bot, chat_id=CHAT))
    assert shown_text(sent(recorder)[0]["text"]).startswith("Sources — 2 articles")
    assert recorder.calls("answerCallbackQuery")


@pytest.mark.parametrize("data", ["pp:999:2", "pg:99:/who", "pg:0:/who"])
async def test_a_page_that_no_longer_exists_gets_an_alert(
    app: BriefApplication, recorder: RecordingRequest, data: str
) -> None:
    await app.process_update(make_callback_update(data, 5, bot=app.bot, chat_id=CHAT))
    [answer] = recorder.calls("answerCallbackQuery")
    assert answer.params["text"] == EXPIRED
    assert answer.params["show_alert"] is True
    assert not recorder.calls("editMessageText")


async def test_a_malformed_page_button_gets_an_alert(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await app.process_update(make_callback_update("pp:x:y", 5, bot=app.bot, chat_id=CHAT))
    [answer] = recorder.calls("answerCallbackQuery")
    assert answer.params["text"] == EXPIRED


async def test_a_store_that_cannot_be_reached_gets_a_clear_message(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    runtime = runtime_of(app)
    await runtime.close()
    runtime.engine = create_engine("postgresql+asyncpg://nobody:nothing@127.0.0.1:9/none")
    runtime.sessions = runtime.readers = make_session_factory(runtime.engine)
    runtime.reader_engine = None
    await send(app, "/who")
    assert [m["text"] for m in sent(recorder)] == [STORE_DOWN]
    [report] = sent(recorder, ADMIN_ID)
    assert "error" in report["text"]


async def test_a_crash_in_a_handler_is_apologised_for_and_reported(
    app: BriefApplication, recorder: RecordingRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(core.COMMANDS, "who", broken)
    await send(app, "/who")
    assert [m["text"] for m in sent(recorder)] == [SORRY]
    [report] = sent(recorder, ADMIN_ID)
    assert "ZeroDivisionError: boom" in report["text"]
    assert report["parse_mode"] == "HTML"


def buttons(message: dict[str, Any]) -> list[str]:
    """The texts of a message's first row of inline buttons."""
    return [button["text"] for button in message["reply_markup"]["inline_keyboard"][0]]


async def test_a_long_reply_is_paged_and_the_arrows_turn_the_pages(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await add_articles(app, 150)
    await send(app, "/sources")
    [first] = sent(recorder)
    count = int(buttons(first)[0].split("/")[1])
    assert count >= 2
    assert buttons(first) == [f"1/{count}", "▶"]
    pages = [first["text"]]
    data = first["reply_markup"]["inline_keyboard"][0][-1]["callback_data"]
    for number in range(2, count + 1):
        update = make_callback_update(data, 1, bot=app.bot, chat_id=CHAT)
        await app.process_update(update)
        edit = recorder.calls("editMessageText")[-1].params
        expected = ["◀", f"{number}/{count}"] + (["▶"] if number < count else [])
        assert buttons(edit) == expected
        pages.append(edit["text"])
        data = edit["reply_markup"]["inline_keyboard"][0][-1]["callback_data"]
    assert all(telegram_length(page) <= PAGE_LIMIT for page in pages)
    whole = await respond(runtime_of(app), "/sources")
    assert "\n".join(shown_text(page) for page in pages) == whole


async def test_a_command_too_long_for_the_buttons_is_kept_for_its_chat_only(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    await add_articles(app, 150)
    # /sources takes no words (only an article number); the spaces make the line too long.
    line = "/sources" + " " * 80
    await send(app, line)
    data = sent(recorder)[0]["reply_markup"]["inline_keyboard"][0][-1]["callback_data"]
    assert data.startswith("pp:") and len(data.encode()) <= 64
    await app.process_update(make_callback_update(data, 1, bot=app.bot, chat_id=CHAT + 1))
    assert recorder.calls("answerCallbackQuery")[-1].params["text"] == EXPIRED
    assert not recorder.calls("editMessageText")
    await app.process_update(make_callback_update(data, 1, bot=app.bot, chat_id=CHAT))
    assert recorder.calls("editMessageText")


async def test_a_turned_page_keeps_the_buttons_of_the_first(
    app: BriefApplication, recorder: RecordingRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    long_card = replace(
        reply([line(f"Line {n}: " + "x" * 300) for n in range(30)], ("/figures",)),
        share=Share("a7", "Someone"),
    )

    async def card(*_: object) -> Reply:
        return long_card

    monkeypatch.setitem(core.COMMANDS, "who", card)
    await send(app, "/who someone")
    [first] = sent(recorder)
    rows = first["reply_markup"]["inline_keyboard"]
    data = rows[0][-1]["callback_data"]
    await app.process_update(make_callback_update(data, 1, bot=app.bot, chat_id=CHAT))
    edited = recorder.calls("editMessageText")[-1].params["reply_markup"]["inline_keyboard"]
    assert edited[1:] == rows[1:]
    [[command], [share]] = rows[1:]
    assert command["callback_data"] == "cmd:/figures"
    assert "start%3Da7" in share["url"]
