"""Arguments no command takes: sent to the polling bot through the Bot API double, and as the
data of forged button presses through `process_update`."""

from __future__ import annotations

import asyncio

import pytest
from app_builders import ADMIN_ID

from bot.telegram_adapter.application import BriefApplication
from bot.telegram_adapter.replying import EXPIRED
from tests.support.bot_api_double import BotApiDouble
from tests.support.bot_api_objects import make_callback_update
from tests.support.recording_request import RecordingRequest

CHAT = 6161
ARTICLE_NUMBER = (
    "Article numbers are whole numbers such as 3, cited as [3] in answers; /sources lists them."
)


async def reply_to(double: BotApiDouble, text: str, *, chat_id: int = CHAT) -> str:
    """Send a message to the bot and return the text of its reply."""
    return await double.reply_to(text, chat_id=chat_id)


@pytest.mark.parametrize("argument", ["²", "1234567890123456789012345", "-1", "0"])
async def test_sources_with_no_article_number_gets_one_sentence_and_no_admin_is_told(
    double: BotApiDouble, polling_bot: BriefApplication, argument: str
) -> None:
    assert await reply_to(double, f"/sources {argument}") == ARTICLE_NUMBER
    # An error would be reported to the admins after the apology; give it the time to arrive.
    await asyncio.sleep(0.3)
    assert not [c for c in double.calls("sendMessage") if c.params.get("chat_id") == ADMIN_ID]
    assert len(double.sent_messages(CHAT)) == 1


async def test_a_right_to_left_override_is_not_echoed_back(
    double: BotApiDouble, polling_bot: BriefApplication
) -> None:
    shown = await reply_to(double, "/who \u202enobody\u202c")
    assert shown == "No actor called “nobody” in the articles. /who lists them all."


@pytest.mark.parametrize(
    "data",
    ["pg:²:/who", "pp:²:1", "pp:1:²", "pp:99999999999999999999:1", "pg:1" + "0" * 5000 + ":/who"],
)
async def test_a_forged_page_button_gets_an_alert_not_an_error(
    app: BriefApplication, recorder: RecordingRequest, data: str
) -> None:
    await app.process_update(make_callback_update(data, 5, bot=app.bot, chat_id=CHAT))
    [answer] = recorder.calls("answerCallbackQuery")
    assert answer.params["text"] == EXPIRED
    assert not recorder.calls("sendMessage")
