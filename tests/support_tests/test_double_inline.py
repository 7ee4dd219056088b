"""Tests for the double's inline mode: inline queries as updates, and answerInlineQuery kept and
refused as Telegram refuses it."""

from __future__ import annotations

import re

import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from tests.support.bot_api_double import BotApiDouble


def article(
    result_id: str, text: str = "<b>Card</b> [1]", **fields: object
) -> InlineQueryResultArticle:
    """An article result whose message is HTML."""
    content = InputTextMessageContent(text, parse_mode=ParseMode.HTML)
    return InlineQueryResultArticle(result_id, "A title", content, **fields)  # type: ignore[arg-type]


async def test_an_inline_query_reaches_the_bot_and_its_answer_is_kept(
    double: BotApiDouble, bot: Bot
) -> None:
    query_id = double.push_inline_query("zelensky", 55, language_code="uk")
    [update] = await bot.get_updates()
    query = update.inline_query
    assert query is not None and query.id == query_id and query.query == "zelensky"
    assert query.from_user.id == 55 and query.from_user.language_code == "uk"
    assert double.inline_answer(query_id) is None
    button = InlineKeyboardButton("Open", url="https://t.me/some_bot?start=a1")
    result = article("a1", reply_markup=InlineKeyboardMarkup([[button]]))
    await bot.answer_inline_query(query_id, [result], cache_time=30, is_personal=True)
    answered = double.inline_answer(query_id)
    assert answered is not None
    assert answered.shown == {"a1": "Card [1]"}
    assert (answered.cache_time, answered.is_personal) == (30, True)
    assert answered.result("a1")["title"] == "A title"


async def test_a_query_is_answered_once(double: BotApiDouble, bot: Bot) -> None:
    query_id = double.push_inline_query("x")
    await bot.answer_inline_query(query_id, [])
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_inline_query(query_id, [])
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_inline_query("123", [])


@pytest.mark.parametrize(
    ("results", "refusal"),
    [
        ([article(str(n)) for n in range(51)], "RESULTS_TOO_MUCH"),
        ([article("a"), article("a")], "RESULT_ID_DUPLICATE"),
        ([article("x" * 65)], "RESULT_ID_INVALID"),
        ([article("é" * 33)], "RESULT_ID_INVALID"),  # 66 bytes
        ([article("a", "x" * 4097)], "MESSAGE_TOO_LONG"),
        ([article("a", "<b>x" * 10)], "can't parse entities"),
        ([article("a", "<b> </b>")], "MESSAGE_EMPTY"),
        (
            [
                article(
                    "a",
                    reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("o", url="ftp://x")]]),
                )
            ],
            "BUTTON_URL_INVALID",
        ),
    ],
)
async def test_answers_telegram_refuses_are_refused(
    double: BotApiDouble, bot: Bot, results: list[InlineQueryResultArticle], refusal: str
) -> None:
    query_id = double.push_inline_query("x")
    # PTB drops "Bad Request: " and capitalizes the rest.
    with pytest.raises(BadRequest, match=f"(?i){re.escape(refusal)}"):
        await bot.answer_inline_query(query_id, results)
    assert double.inline_answer(query_id) is None


async def test_a_message_of_4096_characters_shown_is_accepted(
    double: BotApiDouble, bot: Bot
) -> None:
    query_id = double.push_inline_query("x")
    # The limit is on the text shown: tags and escapes do not count.
    await bot.answer_inline_query(query_id, [article("a", "<b>" + "&lt;" * 4096 + "</b>")])
    answered = double.inline_answer(query_id)
    assert answered is not None and answered.shown["a"] == "<" * 4096
