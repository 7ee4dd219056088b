"""The bot's rate limiter: Telegram's overall and per-chat limits, and flood waits kept by all.

python-telegram-bot's AIORateLimiter has no per-chat limit for private chats, and after a
429 its gate is reopened by whichever concurrent request finishes first, so other sends may
go out before `retry_after` has passed. This limiter keeps one instant before which nothing is
sent: a 429 moves it forward by its `retry_after`, and every request, new or retried, waits
for it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

JSON = bool | dict[str, Any] | list[dict[str, Any]]
# Telegram: about 30 messages a second in all, about one a second in one private chat (short
# bursts are tolerated: a reply and its edits), about 20 a minute in one group.
OVERALL_PER_SECOND = 30
PRIVATE_CHAT_BURST = 3
GROUP_PER_MINUTE = 20
# Kept per-chat limiters, at most; the least recently used go first.
KEPT_CHATS = 10_000


class FloodSafeRateLimiter(BaseRateLimiter[int]):
    """Overall and per-chat limits, and a 429's retry_after honoured by every send."""

    def __init__(self, max_retries: int = 3) -> None:
        self._max_retries = max_retries
        self._overall = AsyncLimiter(OVERALL_PER_SECOND, 1)
        self._chats: dict[int | str, AsyncLimiter] = {}
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
        """Send when the limits allow; after a 429, wait it out (everyone waits) and retry."""
        retries = rate_limit_args or self._max_retries
        chat_id = data.get("chat_id")
        for attempt in range(retries + 1):
            await self._wait_for_flood()
            try:
                if chat_id is None:
                    return await callback(*args, **kwargs)
                async with self._chat_limiter(chat_id), self._overall:
                    await self._wait_for_flood()
                    return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == retries:
                    raise
                self._block(error.retry_after)
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _wait_for_flood(self) -> None:
        """Sleep until the latest 429's retry_after has passed."""
        # A deadline that a later 429 may move on, rather than an event someone must set.
        while (delay := self._blocked_until - time.monotonic()) > 0:  # noqa: ASYNC110
            await asyncio.sleep(delay)

    def _block(self, retry_after: Any) -> None:
        """Send nothing for retry_after (seconds, or a timedelta) from now."""
        seconds = (
            retry_after.total_seconds() if hasattr(retry_after, "total_seconds") else retry_after
        )
        log.warning("flood control: sending nothing for %.1f s", seconds)
        self._blocked_until = max(self._blocked_until, time.monotonic() + float(seconds) + 0.1)

    def _chat_limiter(self, chat_id: int | str) -> AsyncLimiter:
        """The limiter of one chat: one a second on average in private chats, 20 a minute in groups."""
        key = _chat_key(chat_id)
        limiter = self._chats.pop(key, None)
        if limiter is None:
            group = isinstance(key, str) or key < 0
            limiter = (
                AsyncLimiter(GROUP_PER_MINUTE, 60)
                if group
                else AsyncLimiter(PRIVATE_CHAT_BURST, PRIVATE_CHAT_BURST)
            )
        self._chats[key] = limiter
        if len(self._chats) > KEPT_CHATS:
            del self._chats[next(iter(self._chats))]
        return limiter


def _chat_key(chat_id: int | str) -> int | str:
    """A chat id as an int where it is one (PTB may pass it as a string)."""
    try:
        return int(chat_id)
    except (TypeError, ValueError):
        return str(chat_id)
