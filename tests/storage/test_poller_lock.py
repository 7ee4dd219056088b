"""Tests of storage.poller_lock: one holder per store, released on demand."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from storage import create_engine
from storage.poller_lock import acquire_poller_lock


async def test_only_one_holder_at_a_time(engine: AsyncEngine) -> None:
    other = create_engine(engine.url)
    try:
        first = await acquire_poller_lock(engine)
        assert first is not None
        assert await acquire_poller_lock(other) is None
        await first.release()
        second = await acquire_poller_lock(other)
        assert second is not None
        await second.release()
    finally:
        await other.dispose()
