"""Long-lived services of one process: settings, database engine, sessions and the extraction worker."""

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
from storage.startup_lock import one_starting_at_a_time

if TYPE_CHECKING:
    from bot.core.extraction_worker import ExtractionWorker


@dataclass(frozen=True)
class KeptAnswer:
    """An answer kept for a while: the newest article it saw, when it was made (monotonic
    seconds), and what it holds."""

    newest_article_id: int
    made_at: float
    results: tuple[object, ...]


@dataclass
class Runtime:
    """What commands need: settings, a migrated store and, on first use, the extraction worker."""

    settings: Settings
    engine: Engine
    sessions: SessionFactory
    # Read-only sessions for answers: on a SQLite file, run inline (storage.inline_sqlite).
    readers: SessionFactory
    reader_engine: Engine | None = field(default=None, repr=False)
    _extraction: ExtractionWorker | None = field(default=None, repr=False)
    # A worker handed in by the caller (tests and benches share one) is theirs to close.
    _owns_extraction: bool = field(default=True, repr=False)
    # Held while this process writes to the store (an article, a digest's claim or outcome):
    # one writer at a time here, so SQLite never makes our own writers wait on each other.
    write_lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)
    # Held while this process polls Telegram (see storage/poller_lock.py).
    poller_lock: PollerLock | None = field(default=None, repr=False)
    # Answers every user of a language gets alike, kept briefly by language: inline mode's
    # offers for an empty query (bot.core.inline_search).
    kept_offers: dict[str, KeptAnswer] = field(default_factory=dict, repr=False)
    # When this process last deleted expired records (monotonic seconds; bot.core.pruning).
    pruned_at: float | None = field(default=None, repr=False)

    @property
    def extraction(self) -> ExtractionWorker:
        """The process that extracts articles (spaCy runs there, never here), started on first use."""
        if self._extraction is None:
            # Imported on first use: a command answered from the store never extracts.
            from bot.core.extraction_worker import ExtractionWorker

            self._extraction = ExtractionWorker(self.settings.spacy_model)
        return self._extraction

    async def close(self) -> None:
        """Stop the extraction worker (unless the caller's) and release the database connections."""
        if self._extraction is not None and self._owns_extraction:
            self._extraction.close()
        if self.reader_engine is not None:
            await self.reader_engine.dispose()
        await self.engine.dispose()


async def open_runtime(settings: Settings, extraction: ExtractionWorker | None = None) -> Runtime:
    """Connect to the store named by the settings and migrate it; share a worker when given one.

    A store that cannot be opened raises (storage.failures says why) and keeps no connection.
    """
    engine = create_engine(settings.database_url)
    try:
        async with one_starting_at_a_time(engine):
            await upgrade_filling_sides(engine, actor_side)
    except BaseException:
        await engine.dispose()
        raise
    sessions = make_session_factory(engine)
    reader_engine = create_reader_engine(settings.database_url)
    readers = make_session_factory(reader_engine) if reader_engine else sessions
    return Runtime(
        settings,
        engine,
        sessions,
        readers,
        reader_engine,
        _extraction=extraction,
        _owns_extraction=extraction is None,
    )


def settle_heap() -> None:
    """Collect once, then keep everything alive so far out of later collections (gc.freeze).

    What start-up built lives as long as the process: every full collection would walk it all.
    While the spaCy pipeline lived in this process (it now lives in the extraction worker),
    those walks stalled the event loop for about 100 ms (measured with bench/answer.py).
    Frozen, the objects are still freed by reference counting, never walked.
    """
    gc.collect()
    gc.freeze()
