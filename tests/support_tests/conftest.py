"""Fixtures for the Bot API fakes' own tests: a running double and a bot pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from telegram import Bot

from tests.support.bot_api_double import BotApiDouble

TOKEN = "123:ABC"


@pytest_asyncio.fixture
async def double() -> AsyncIterator[BotApiDouble]:
    """A running double for TOKEN."""
    async with BotApiDouble(token=TOKEN) as double:
        yield double


@pytest_asyncio.fixture
async def bot(double: BotApiDouble) -> AsyncIterator[Bot]:
    """An initialized Bot whose API and file URLs point at the double."""
    root = double.base_url
    async with Bot(TOKEN, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot") as bot:
        yield bot
