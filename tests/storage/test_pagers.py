"""Tests of storage.pagers: a pager's command kept per chat, ids, and expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy.ext.asyncio import AsyncSession

from storage import get_pager, save_pager


async def test_a_pager_keeps_its_command_for_its_chat_only(session: AsyncSession) -> None:
    pager_id = await save_pager(session, chat_id=42, command="/figures drones")

    assert await get_pager(session, pager_id=pager_id, chat_id=42) == "/figures drones"
    assert await get_pager(session, pager_id=pager_id, chat_id=43) is None
    assert await get_pager(session, pager_id=pager_id + 1000, chat_id=42) is None


async def test_pagers_get_their_own_ids(session: AsyncSession) -> None:
    first = await save_pager(session, chat_id=1, command="/who")
    second = await save_pager(session, chat_id=1, command="/sources")
    assert first != second
    assert await get_pager(session, pager_id=second, chat_id=1) == "/sources"


async def test_saving_a_pager_drops_expired_ones(session: AsyncSession) -> None:
    start = datetime(2025, 3, 1, 12, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        old = await save_pager(session, chat_id=7, command="/who")
    with time_machine.travel(start + timedelta(days=20), tick=False):
        recent = await save_pager(session, chat_id=7, command="/sources")
    with time_machine.travel(start + timedelta(days=31), tick=False):
        await save_pager(session, chat_id=8, command="/figures")

    assert await get_pager(session, pager_id=old, chat_id=7) is None
    assert await get_pager(session, pager_id=recent, chat_id=7) == "/sources"
