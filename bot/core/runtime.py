"""Long-lived services of one process: settings, database engine, sessions and the spaCy pipeline."""

from __future__ import annotations

import asyncio
import gc
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.settings import Settings
from briefings.vocabulary.sides import actor_side
from storage import (
    Engine,
    SessionFactory,
    create_engine,
    create_reader_engine,
    make_session_factory,
)
from storage.poller_lock import PollerLock
from storage.side_backfill import upgrade_filling_sides

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass
class Runtime:
    """What commands need: settings, a migrated store and, on first use, the pipeline."""

    settings: Settings
    engine: Engine
    sessions: SessionFactory
    # Read-only sessions for answers: on a SQLite file, run inline (storage.inline_sqlite).
    readers: SessionFactory
    reader_engine: Engine | None = field(default=None, repr=False)
    _nlp: Language | None = field(default=None, repr=False)
    # Held while this process writes to the store (an article, a digest's claim or outcome):
    # one writer at a time here, so SQLite never makes our own writers wait on each other.
    write_lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)
    # Held while this process polls Telegram (see storage/poller_lock.py).
    poller_lock: PollerLock | None = field(default=None, repr=False)
    _nlp_lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)

    async def nlp(self) -> Language:
        """The spaCy pipeline, loaded once, off the event loop."""
        # Imported on first use: spaCy takes about a second to import, and a command
        # answered from the store never needs it.
        from briefings.extraction.pipeline import build_pipeline

        async with self._nlp_lock:
            if self._nlp is None:
                self._nlp = await asyncio.to_thread(build_pipeline, self.settings.spacy_model)
            return self._nlp

    async def close(self) -> None:
        """Release the database connections."""
        if self.reader_engine is not None:
            await self.reader_engine.dispose()
        await self.engine.dispose()


async def open_runtime(settings: Settings, nlp: Language | None = None) -> Runtime:
    """Connect to the store named by the settings and migrate it; reuse a pipeline when given one."""
    engine = create_engine(settings.database_url)
    await upgrade_filling_sides(engine, actor_side)
    sessions = make_session_factory(engine)
    reader_engine = create_reader_engine(settings.database_url)
    readers = make_session_factory(reader_engine) if reader_engine else sessions
    return Runtime(settings, engine, sessions, readers, reader_engine, _nlp=nlp)


def settle_heap() -> None:
    """Collect once, then keep everything alive so far out of later collections (gc.freeze).

    The spaCy pipeline and what start-up built are millions of long-lived objects: every full
    collection would walk them all, stalling the event loop for about 100 ms (measured with
    bench/answer.py). Frozen, they are still freed by reference counting, never walked.
    """
    gc.collect()
    gc.freeze()
