"""Benchmark a search on PostgreSQL planned for its words against a plan made for any words.

Statements are prepared once and run with new values (asyncpg's statement cache); after five
runs PostgreSQL may keep one plan for any values, which can be far worse for a search than one
made for its words (storage.search.planned_for_the_words asks for the latter). This
times `search_sentences` on an existing store (a bench/answer.py schema, for example) with
`plan_cache_mode` forced each way for the whole connection, and planned_for_the_words made a
no-op (its SET would otherwise plan the ranking for its words in both modes), rounds
alternating (A B A B). Prints min and median per mode and the ratio.

Usage: python bench/search_plans.py URL [--schema bench_10000] [--rounds 4] [--runs 20] [WORD ...]
URL is a postgresql+asyncpg:// URL of a store holding articles.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

from storage import search
from storage.search import search_sentences


@asynccontextmanager
async def as_the_connection_plans(_session: AsyncSession) -> AsyncIterator[None]:
    """Stand-in for planned_for_the_words: leave the mode the connection was given."""
    yield


MODES = ("force_custom_plan", "force_generic_plan")


def engine_for(url: str, schema: str, mode: str) -> AsyncEngine:
    """An engine whose connections use the schema and plan every statement one way."""
    settings = {"search_path": schema, "jit": "off", "plan_cache_mode": mode}
    settings["max_parallel_workers_per_gather"] = "0"
    return create_async_engine(url, connect_args={"server_settings": settings})


async def timed_searches(engine: AsyncEngine, words: list[str], runs: int) -> list[float]:
    """Milliseconds of each of `runs` searches, after the five runs that settle a plan."""
    times = []
    async with AsyncSession(engine) as session:
        for n in range(runs + 6):
            started = time.perf_counter()
            await search_sentences(session, words, limit=20)
            if n >= 6:
                times.append((time.perf_counter() - started) * 1000)
            await session.rollback()
    return times


async def main(url: str, schema: str, rounds: int, runs: int, words: list[str]) -> None:
    """Alternate the modes round by round and print the figures."""
    search.planned_for_the_words = as_the_connection_plans  # type: ignore[assignment]
    engines = {mode: engine_for(url, schema, mode) for mode in MODES}
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    for _ in range(rounds):
        for mode, engine in engines.items():
            times[mode] += await timed_searches(engine, words, runs)
    for engine in engines.values():
        await engine.dispose()
    print(f"search for {' '.join(words)!r}, {rounds} rounds of {runs}")
    for mode, found in times.items():
        print(f"{mode:20s} min {min(found):.2f} ms  median {statistics.median(found):.2f} ms")
    ratio = statistics.median(times[MODES[1]]) / statistics.median(times[MODES[0]])
    print(f"generic / custom, median: {ratio:.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url")
    parser.add_argument("--schema", default="bench_10000")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("words", nargs="*", default=["trump", "meet", "paris"])
    arguments = parser.parse_args()
    asyncio.run(
        main(arguments.url, arguments.schema, arguments.rounds, arguments.runs, arguments.words)
    )
