"""Benchmark /chart on the seeds: the matplotlib render alone, and the whole use case.

Loads the seed articles into a fresh SQLite store (untimed, through the real load path), then
times, for each topic: the first chart of the process (which pays matplotlib's import), then
`--rounds` renders of the same chart data (`render_chart`, what runs in the worker thread),
and `--rounds` whole answers (`answer(runtime, "/chart TOPIC")`: the store's reads, the chart
data, the render in a thread and the caption). Prints min and median of each, in milliseconds.
The target: under a second for a whole answer.

Usage: python bench/chart.py [--rounds N] [--out DIR] [TOPIC ...]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.core.chart_rendering import render_chart
from bot.core.charts import chart_figures
from bot.core.commands import answer
from bot.core.runtime import Runtime, open_runtime
from bot.core.seeding import ensure_seeded
from bot.settings import Settings
from briefings.replies.chart_data import ChartData, build_chart_data
from storage import source_dates

REPO = Path(__file__).resolve().parents[1]
TOPICS = ["soldiers killed", "", "territory"]


def describe(times: list[float]) -> str:
    """Min and median of some timings, in milliseconds."""
    return f"min {min(times) * 1000:6.1f} ms, median {statistics.median(times) * 1000:6.1f} ms"


async def timed(work: Callable[[], Awaitable[object]], rounds: int) -> list[float]:
    """The seconds each of `rounds` runs of `work` took."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        await work()
        times.append(time.perf_counter() - started)
    return times


async def bench(runtime: Runtime, topics: list[str], rounds: int, out: Path | None) -> None:
    """Time the first chart, then the render and the whole answer of each topic."""
    started = time.perf_counter()
    first = await answer(runtime, f"/chart {topics[0]}".strip())
    print(
        f"first chart of the process (matplotlib import included): "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )
    if first.photo is None:
        raise SystemExit(f"no chart for {topics[0]!r}: {first.plain}")
    for topic in topics:
        line = f"/chart {topic}".strip()
        reply = await answer(runtime, line)
        if reply.photo is None:
            print(f"{line!r}: no chart ({reply.plain})")
            continue
        data = await _chart_data(runtime, topic)
        renders = await timed(partial(asyncio.to_thread, render_chart, data), rounds)
        answers = await timed(partial(answer, runtime, line), rounds)
        print(f"{line!r}: PNG {len(reply.photo.png):,} bytes, caption {len(reply.plain)} chars")
        print(f"  render only   {describe(renders)}")
        print(f"  whole answer  {describe(answers)}")
        if out is not None:
            (out / reply.photo.name).write_bytes(reply.photo.png)


async def _chart_data(runtime: Runtime, topic: str) -> ChartData:
    """The chart data /chart TOPIC draws, for timing the render on its own."""
    async with runtime.sessions() as session:
        figures = await chart_figures(session, topic)
        sources = await source_dates(session, {f.article_id for f in figures})
    data = build_chart_data(figures, sources)
    if data is None:
        raise SystemExit("the seeds hold no chartable figures")
    return data


async def main() -> None:
    """Seed a scratch store, then benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topics", nargs="*", default=TOPICS)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--out", type=Path, help="also save each topic's chart in this folder")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(
            database_url=f"sqlite+aiosqlite:///{Path(scratch) / 'store.db'}",
            seeds_dir=REPO / "seeds",
        )
        runtime = await open_runtime(settings)
        try:
            print(f"seeded {await ensure_seeded(runtime)} articles (untimed)")
            await bench(runtime, options.topics, options.rounds, options.out)
        finally:
            await runtime.close()


if __name__ == "__main__":
    asyncio.run(main())
