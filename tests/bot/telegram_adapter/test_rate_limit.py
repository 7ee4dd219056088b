"""Tests of bot.telegram_adapter.rate_limit: per-chat pacing and a 429 that holds every send back."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.telegram_adapter.rate_limit import FloodSafeRateLimiter

# Timed against the wall clock: run alone, not beside other tests (scripts/test).
pytestmark = pytest.mark.timing


async def test_a_private_chat_gets_one_message_a_second_after_a_short_burst() -> None:
    limiter = FloodSafeRateLimiter()
    sent: list[tuple[int, float]] = []

    async def send(chat: int) -> bool:
        sent.append((chat, time.monotonic()))
        return True

    async def call(chat: int) -> Any:
        return await limiter.process_request(
            send, (chat,), {}, "sendMessage", {"chat_id": chat}, None
        )

    started = time.monotonic()
    await asyncio.gather(*(call(1) for _ in range(5)), call(2), call(3))
    times = {chat: [at - started for c, at in sent if c == chat] for chat in (1, 2, 3)}
    assert max(times[1][:3]) < 0.5  # the burst
    assert times[1][3] >= 0.9 and times[1][4] - times[1][3] >= 0.9
    assert times[2][0] < 0.5 and times[3][0] < 0.5


async def test_after_a_429_nothing_is_sent_until_retry_after_has_passed() -> None:
    limiter = FloodSafeRateLimiter()
    sent: list[float] = []
    refused: list[float] = []

    async def send(chat: int) -> bool:
        if not refused:
            refused.append(time.monotonic())
            raise RetryAfter(1)
        sent.append(time.monotonic())
        await asyncio.sleep(0.01)
        return True

    async def call(chat: int) -> Any:
        return await limiter.process_request(
            send, (chat,), {}, "sendMessage", {"chat_id": chat}, None
        )

    first = asyncio.create_task(call(10))
    await asyncio.sleep(0.05)
    results = await asyncio.gather(first, *(call(chat) for chat in range(11, 16)))
    assert results == [True] * 6
    assert min(sent) - refused[0] >= 1.0


async def test_a_429_on_the_last_try_is_raised() -> None:
    limiter = FloodSafeRateLimiter(max_retries=1)

    async def flooded() -> bool:
        raise RetryAfter(0)

    with pytest.raises(RetryAfter):
        await limiter.process_request(flooded, (), {}, "sendMessage", {"chat_id": 1}, None)
