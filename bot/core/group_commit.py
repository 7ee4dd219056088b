"""Group commit: items from many concurrent callers written together, each caller waiting for its own."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class _Batch(Generic[T]):
    """Items waiting to be written together, and the future their callers wait on."""

    items: list[T] = field(default_factory=list)
    written: asyncio.Future[None] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class GroupCommit(Generic[T]):
    """Writes items handed in by concurrent callers in batches, one batch at a time.

    `add` returns once a write holding its item has finished, and raises what that write
    raised. While a batch is being written, new items gather in the next one, so a burst of
    N callers costs about two writes instead of N, and no caller returns before its item is.
    """

    def __init__(self, write: Callable[[list[T]], Awaitable[None]]) -> None:
        self._write = write
        self._open: _Batch[T] | None = None
        self._turn = asyncio.Lock()

    async def add(self, item: T) -> None:
        """Write an item with whatever else is waiting; return when it is written."""
        if self._open is None:
            self._open = _Batch()
        batch = self._open
        batch.items.append(item)
        async with self._turn:
            if not batch.written.done():
                if self._open is batch:
                    self._open = None
                await self._flush(batch)
        await batch.written

    async def _flush(self, batch: _Batch[T]) -> None:
        """Write one batch and settle its future with the outcome."""
        try:
            await self._write(batch.items)
        except asyncio.CancelledError:
            batch.written.cancel()
            raise
        except Exception as error:  # every caller of the batch sees the write's failure
            batch.written.set_exception(error)
        else:
            batch.written.set_result(None)
