"""The bot's rate limiter: every send waits its turn in the send budget, and a 429 holds all back.

Turns come from `bot.core.send_budget`: Telegram's overall and per-chat limits, kept in this
process or, with several workers on one PostgreSQL store, shared by all of them.
python-telegram-bot's AIORateLimiter has no per-chat limit for private chats, and after a
429 its gate is reopened by whichever concurrent request finishes first, so other sends may
go out before `retry_after` has passed. This limiter keeps one instant before which nothing is
sent: a 429 moves it forward by its `retry_after` (and holds the shared budget back, so other
workers wait too), and every request, new or retried, waits for it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.core.send_budget import LocalSendBudget, SendBudget, hold_everything, wait_turn
from bot.settings import FREE_RATE

log = logging.getLogger(__name__)

JSON = bool | dict[str, Any] | list[dict[str, Any]]


class FloodSafeRateLimiter(BaseRateLimiter[int]):
    """Every send within the send budget, and a 429's retry_after honoured by every send."""

    def __init__(self, max_retries: int = 3, budget: SendBudget | None = None) -> None:
        self._max_retries = max_retries
        self.budget: SendBudget = budget or LocalSendBudget(FREE_RATE)
        self._blocked_until = 0.0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSON:
        """Send when the budget gives a turn; after a 429, wait it out (everyone waits) and retry."""
        retries = rate_limit_args or self._max_retries
        chat_id = data.get("chat_id")
        for attempt in range(retries + 1):
            await self._wait_for_flood()
            try:
                if chat_id is None:
                    return await callback(*args, **kwargs)
                await wait_turn(self.budget, chat_id)
                await self._wait_for_flood()
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == retries:
                    raise
                await self._block(error.retry_after)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _wait_for_flood(self) -> None:
        """Sleep until the latest 429's retry_after has passed."""
        # A deadline that a later 429 may move on, rather than an event someone must set.
        while (delay := self._blocked_until - time.monotonic()) > 0:  # noqa: ASYNC110
            await asyncio.sleep(delay)

    async def _block(self, retry_after: Any) -> None:
        """Send nothing for retry_after (seconds, or a timedelta) from now, here and in the budget."""
        seconds = float(
            retry_after.total_seconds() if hasattr(retry_after, "total_seconds") else retry_after
        )
        log.warning("flood control: sending nothing for %.1f s", seconds)
        self._blocked_until = max(self._blocked_until, time.monotonic() + seconds + 0.1)
        await hold_everything(self.budget, seconds + 0.1)
