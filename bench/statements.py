"""Benchmark one short read on SQLite through aiosqlite and through the inline reader.

Answers read through `storage.engine.create_reader_engine` (sqlite3 run on the event loop's
thread, storage/inline_sqlite.py); writes keep aiosqlite, which runs every call on a thread of
its own. This times the same statement, a select of one actor by primary key as answers make
dozens of, through an AsyncSession of each engine, rounds alternating (A B A B) so that the
machine's load swings hit both alike. Prints min and median per engine and the ratio
aiosqlite / inline.

Usage: python bench/statements.py [--rounds 4] [--runs 500]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import bindparam, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage import create_engine, create_reader_engine, upgrade_to_head
from storage.tables import ActorRow

BY_ID = select(ActorRow.id, ActorRow.name).where(ActorRow.id == bindparam("actor"))


async def prepared_store(url: str) -> None:
    """A migrated store at url holding a hundred actors."""
    engine = create_engine(url)
    await upgrade_to_head(engine)
    rows = [{"id": n, "name": f"Person {n}", "kind": "person"} for n in range(1, 101)]
    async with engine.begin() as connection:
        await connection.execute(insert(ActorRow), rows)
    await engine.dispose()


async def timed_reads(engine: AsyncEngine, runs: int) -> list[float]:
    """Milliseconds of each of `runs` reads by primary key, after a few unmeasured ones."""
    times = []
    async with AsyncSession(engine) as session:
        for n in range(runs + 20):
            started = time.perf_counter()
            (await session.execute(BY_ID, {"actor": 1 + n % 100})).all()
            if n >= 20:
                times.append((time.perf_counter() - started) * 1000)
    return times


async def main(rounds: int, runs: int) -> None:
    """Build the store, alternate the engines round by round, print the figures."""
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite+aiosqlite:///{Path(directory) / 'store.db'}"
        await prepared_store(url)
        reader = create_reader_engine(url)
        assert reader is not None
        engines = {"aiosqlite": create_engine(url), "inline": reader}
        times: dict[str, list[float]] = {name: [] for name in engines}
        for _ in range(rounds):
            for name, engine in engines.items():
                times[name] += await timed_reads(engine, runs)
        for engine in engines.values():
            await engine.dispose()
    for name, found in times.items():
        print(f"{name:10s} min {min(found):.3f} ms  median {statistics.median(found):.3f} ms")
    ratio = statistics.median(times["aiosqlite"]) / statistics.median(times["inline"])
    print(f"aiosqlite / inline, median: {ratio:.1f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--runs", type=int, default=500)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.rounds, arguments.runs))
