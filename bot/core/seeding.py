"""Fill an empty store with the seed articles, so that every front end starts with a story."""

from __future__ import annotations

from bot.core.runtime import Runtime
from storage import list_articles
from storage.startup_lock import one_starting_at_a_time


async def ensure_seeded(runtime: Runtime) -> int:
    """Load the seed articles when the store is empty; return how many were loaded.

    Workers starting together on one store take turns, so only the first finds it empty.
    """
    async with one_starting_at_a_time(runtime.engine):
        return await _seed_if_empty(runtime)


async def _seed_if_empty(runtime: Runtime) -> int:
    """Load the seed articles if the store holds no article; how many were loaded."""
    async with runtime.sessions() as session:
        if await list_articles(session):
            return 0
    # Imported only for an empty store: the loader brings spaCy, the HTML reader and the
    # fetcher, which a command answered from a seeded store never needs.
    from bot.core.bulk_loading import load_path

    seeds = sorted(runtime.settings.seeds_dir.glob("*.txt"))
    outcomes = [await load_path(runtime, path) for path in seeds]
    return sum(1 for o in outcomes if o.saved is not None)
