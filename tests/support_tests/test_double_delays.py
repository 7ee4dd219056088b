"""The double's delayed answers: a call is carried out and logged before it is answered."""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram import Bot

from tests.support.bot_api_double import BotApiDouble

# Timed against the wall clock: run alone, not beside other tests (scripts/test).
pytestmark = pytest.mark.timing


async def test_a_delayed_send_is_logged_before_its_answer_arrives(
    double: BotApiDouble, bot: Bot
) -> None:
    double.delay_answers("sendMessage", 0.3)
    started = time.monotonic()
    sending = asyncio.create_task(bot.send_message(5, "hello"))
    await double.wait_for("sendMessage", timeout=2)
    assert not sending.done()
    message = await sending
    assert message.text == "hello"
    assert time.monotonic() - started >= 0.3
