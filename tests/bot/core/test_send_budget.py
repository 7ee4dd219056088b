"""Tests of bot.core.send_budget: turns kept in memory and shared through PostgreSQL."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from sqlalchemy import text

from bot.core.send_budget import (
    ALL_SENDS,
    LocalSendBudget,
    SendBudget,
    SharedSendBudget,
    chat_pace,
    hold_everything,
    overall_pace,
    wait_turn,
)
from storage import create_engine, upgrade_to_head
from storage.engine import Engine
from storage.send_slots import forget_idle_keys
from tests.support.postgres import postgres_url
from tests.support.send_windows import busiest_second

# Timed against the wall clock: run alone, not beside other tests (scripts/test).
pytestmark = pytest.mark.timing

# The headroom of a shared budget on a loaded machine (TELEGRAM_RATE_HEADROOM).
LOADED_HEADROOM = 0.3


async def send_times(budget: SendBudget, chats: list[int]) -> list[float]:
    """Wait a turn for each chat at once; the instant each turn came."""

    async def one(chat: int) -> float:
        await wait_turn(budget, chat)
        return time.monotonic()

    return list(await asyncio.gather(*(one(chat) for chat in chats)))


async def test_turns_never_put_more_than_the_rate_in_one_second() -> None:
    times = await send_times(LocalSendBudget(rate=20), list(range(1, 51)))
    assert busiest_second(times) <= 20
    span = max(times) - min(times)
    # 50 turns at 20 a second less the 10% jitter allowance: 49 intervals of 1/18 s.
    assert 49 / 18 - 0.05 <= span <= 49 / 18 + 0.5


async def test_a_private_chat_gets_a_burst_of_three_then_one_a_second() -> None:
    started = time.monotonic()
    times = [t - started for t in await send_times(LocalSendBudget(rate=30), [7] * 5)]
    times.sort()
    assert times[2] < 0.5
    assert times[3] >= 0.9 and times[4] - times[3] >= 0.9


def test_groups_get_twenty_a_minute_and_private_chats_one_a_second() -> None:
    assert chat_pace(-100123)[1].interval == 3.0
    assert chat_pace("@channel")[1].interval == 3.0
    assert chat_pace(42) == ("chat:42", chat_pace("42")[1])
    assert chat_pace(42)[1].interval == 1.0
    assert overall_pace(30, 0.1).interval == pytest.approx(1 / 27)
    assert overall_pace(100, 0.3).interval == pytest.approx(1 / 70)


async def test_a_hold_gives_no_turn_until_it_has_passed() -> None:
    budget = LocalSendBudget(rate=30)
    await hold_everything(budget, 0.6)
    started = time.monotonic()
    await wait_turn(budget, 1)
    assert time.monotonic() - started >= 0.55


@pytest_asyncio.fixture
async def postgres_engine() -> AsyncIterator[Engine]:
    """An engine on the migrated PostgreSQL test store, its send slots emptied."""
    engine = create_engine(postgres_url())
    await upgrade_to_head(engine)
    async with engine.begin() as connection:
        await connection.execute(text("DELETE FROM send_slots"))
    yield engine
    await engine.dispose()


@pytest.mark.postgres
async def test_workers_sharing_the_store_share_one_rate(postgres_engine: Engine) -> None:
    # Three workers, each with its own engine (its own pool), as three processes would. The
    # headroom is the one a loaded machine needs (as in test_workers_e2e): with the tests on
    # both cores, the default 10% once let a stall put 21 turns in one second at 20.
    engines = [create_engine(postgres_url()) for _ in range(3)]
    budgets = [SharedSendBudget(engine, rate=20, headroom=LOADED_HEADROOM) for engine in engines]
    try:
        each = await asyncio.gather(
            *(send_times(b, list(range(n * 100, n * 100 + 20))) for n, b in enumerate(budgets))
        )
    finally:
        for engine in engines:
            await engine.dispose()
    merged = [t for times in each for t in times]
    assert busiest_second(merged) <= 20
    # Alone, each worker would send its 20 in about a second; together they take over four
    # (59 intervals at 20 a second less the headroom: 14 a second).
    assert max(merged) - min(merged) >= 59 / 14 - 0.1
    assert all(len(times) == 20 for times in each)


@pytest.mark.postgres
async def test_a_hold_from_one_worker_holds_the_others(postgres_engine: Engine) -> None:
    other = create_engine(postgres_url())
    try:
        await hold_everything(SharedSendBudget(postgres_engine, rate=30), 0.8)
        started = time.monotonic()
        await wait_turn(SharedSendBudget(other, rate=30), 5)
        assert time.monotonic() - started >= 0.7
    finally:
        await other.dispose()


@pytest.mark.postgres
async def test_a_chats_turns_are_shared_too(postgres_engine: Engine) -> None:
    first, second = SharedSendBudget(postgres_engine, 30), SharedSendBudget(postgres_engine, 30)
    started = time.monotonic()
    for budget in (first, second, first, second):
        await wait_turn(budget, 9)
    # A burst of three, then the fourth a second after the first.
    assert time.monotonic() - started >= 0.9


@pytest.mark.postgres
async def test_idle_keys_are_forgotten(postgres_engine: Engine) -> None:
    budget = SharedSendBudget(postgres_engine, rate=30)
    await wait_turn(budget, 11)
    async with postgres_engine.connect() as connection:
        await connection.execute(
            text("UPDATE send_slots SET next_at = next_at - interval '2 hours' WHERE key = :k"),
            {"k": "chat:11"},
        )
        gone = await forget_idle_keys(connection, idle_seconds=3600)
        await connection.commit()
        keys = set((await connection.execute(text("SELECT key FROM send_slots"))).scalars())
    assert gone == 1
    assert keys == {ALL_SENDS}
