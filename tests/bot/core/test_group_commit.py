"""Tests of bot.core.group_commit: concurrent items written together, each caller back once its item is."""

from __future__ import annotations

import asyncio

import pytest

from bot.core.group_commit import GroupCommit


class Store:
    """A slow store that keeps each write's items, and can be told to fail a write."""

    def __init__(self) -> None:
        self.writes: list[list[int]] = []
        self.poison: set[int] = set()

    async def write(self, items: list[int]) -> None:
        """Take some time, then keep the items (or refuse them all)."""
        await asyncio.sleep(0.01)
        if self.poison & set(items):
            raise OSError("disk full")
        self.writes.append(list(items))

    def written(self) -> list[int]:
        """Every item written so far, in order."""
        return [item for write in self.writes for item in write]


async def test_a_burst_is_written_in_few_writes_and_each_caller_waits_for_its_item() -> None:
    store = Store()
    commit = GroupCommit(store.write)
    seen_on_return: dict[int, bool] = {}

    async def add(item: int) -> None:
        await commit.add(item)
        seen_on_return[item] = item in store.written()

    await asyncio.gather(*(add(item) for item in range(20)))
    assert sorted(store.written()) == list(range(20))
    assert all(seen_on_return.values()) and len(seen_on_return) == 20
    # The first item goes alone; the 19 that arrived meanwhile go together.
    assert [len(write) for write in store.writes] == [1, 19]


async def test_one_caller_alone_is_written_at_once() -> None:
    store = Store()
    commit = GroupCommit(store.write)
    for item in range(3):
        await commit.add(item)
    assert store.writes == [[0], [1], [2]]


async def test_a_failed_write_fails_its_callers_only() -> None:
    store = Store()
    store.poison = {7}
    commit = GroupCommit(store.write)
    first = asyncio.create_task(commit.add(0))
    await asyncio.sleep(0)
    batch = [asyncio.create_task(commit.add(item)) for item in (6, 7, 8)]
    await first
    outcomes = await asyncio.gather(*batch, return_exceptions=True)
    assert all(isinstance(outcome, OSError) for outcome in outcomes)
    await commit.add(9)
    assert store.writes == [[0], [9]]
    with pytest.raises(OSError, match="disk full"):
        await commit.add(7)
