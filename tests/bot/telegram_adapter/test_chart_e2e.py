"""End-to-end /chart: the polling bot sends a PNG with a sourced caption through the Bot API double."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from bot.core.commands import answer
from bot.telegram_adapter.application import BriefApplication
from tests.support.bot_api_double import BotApiDouble, Call

CHAT = 6161
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def to_chat(method: str) -> Callable[[Call], bool]:
    """A predicate for successful calls of `method` to CHAT."""
    return lambda call: call.method == method and call.ok and call.params.get("chat_id") == CHAT


async def first_sent(double: BotApiDouble, method: str) -> dict[str, Any]:
    """The message the first successful call of `method` to CHAT sent, once it is sent."""
    await double.wait_for(method, to_chat(method), timeout=10)
    return double.sent_messages(CHAT)[-1]


async def test_chart_sends_a_photo_whose_caption_cites_its_sources(
    double: BotApiDouble, polling_bot: BriefApplication
) -> None:
    double.push_command("/chart soldiers killed", chat_id=CHAT)
    photo = await first_sent(double, "sendPhoto")

    png = double.file_bytes(photo["photo"][-1]["file_id"])
    assert png.startswith(PNG_SIGNATURE)
    assert photo["photo"][-1]["width"] > 500
    caption = photo["caption"]
    assert caption.startswith("⚠️ Soldiers killed and wounded — Ukraine")
    assert "• Donald Trump: 400,000 [1]" in caption
    assert "[2] themoscowtimes.com, 8 Dec 2024" in caption
    # What Telegram shows is what the console prints, and the PNG is the same picture.
    runtime = polling_bot.bot_data.runtime
    assert runtime is not None
    reply = await answer(runtime, "/chart soldiers killed")
    assert caption == reply.plain
    assert reply.photo is not None and png == reply.photo.png
    [call] = double.calls("sendPhoto")
    assert call.params["parse_mode"] == "HTML"
    assert html.escape("'immediate", quote=False) in call.params["caption"]


async def test_an_unknown_topic_is_answered_in_text(
    double: BotApiDouble, polling_bot: BriefApplication
) -> None:
    double.push_command("/chart bananas", chat_id=CHAT)
    message = await first_sent(double, "sendMessage")

    assert message["text"] == "No figures about “bananas” to chart. /figures lists them all."
    assert double.calls("sendPhoto") == []


async def test_the_chart_button_under_figures_sends_the_chart(
    double: BotApiDouble, polling_bot: BriefApplication
) -> None:
    double.push_command("/figures killed", chat_id=CHAT)
    figures = await first_sent(double, "sendMessage")
    [[button]] = figures["reply_markup"]["inline_keyboard"]
    assert (button["text"], button["callback_data"]) == ("📈 Chart", "cmd:/chart killed")

    double.push_callback(button["callback_data"], chat_id=CHAT, message_id=figures["message_id"])
    photo = await first_sent(double, "sendPhoto")

    assert photo["caption"].startswith("⚠️ Soldiers killed and wounded — Ukraine")
    assert "/figures killed lists them" in photo["caption"]
    await double.wait_for("answerCallbackQuery")


async def test_help_and_the_menu_list_chart(
    double: BotApiDouble, polling_bot: BriefApplication
) -> None:
    assert "chart" in [c["command"] for c in double.commands()]
    double.push_command("/help", chat_id=CHAT)
    message = await first_sent(double, "sendMessage")
    assert "\n/chart [topic] — " in message["text"]
