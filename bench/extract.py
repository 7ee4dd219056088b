"""Benchmark `briefbot load`'s path (read, extract, store) against bare `nlp.pipe` of the same model.

Both run in this process on the same texts (the seeds and both development sets), after both
pipelines are loaded and warmed up and the stores are created and migrated (start-up costs, timed
for neither side). Rounds alternate, bare then ours, so a change in the machine's load skews
neither. Prints words per second of each (median and best round), the per-round cost ratio (min
and median; target: our path costs at most 2x the bare model), and peak memory: Python
allocations per phase (tracemalloc, in a separate untimed pass) and the process's peak resident
set.

Usage: python bench/extract.py [--rounds N] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import spacy

from bot.settings import Settings
from briefings.extraction.extractors import extract
from briefings.extraction.pipeline import build_pipeline
from briefings.identity.rules import IDENTITY_RULES
from briefings.model import ExtractedArticle
from briefings.reading.articles import read_article
from storage import create_engine, make_session_factory, save_extracted, upgrade_to_head

MAX_BYTES = 2 * 1024 * 1024


def article_files(shared: Path) -> list[Path]:
    """The seed articles and both development sets."""
    dev = sorted(p for p in (shared / "eval" / "dev").iterdir() if p.name.startswith("d"))
    dev2 = sorted(p for p in (shared / "eval" / "dev2").iterdir() if p.name.startswith("e"))
    return sorted(Path("seeds").glob("*.txt")) + dev + dev2


def store_url(workdir: Path, n: int) -> str:
    """The SQLite store of round n."""
    return f"sqlite+aiosqlite:///{workdir / f'round{n}.db'}"


async def migrate(url: str) -> None:
    """Create a store at the newest schema (start-up work, like loading the model: not timed)."""
    engine = create_engine(url)
    await upgrade_to_head(engine)
    await engine.dispose()


async def store_all(url: str, extracted: list[ExtractedArticle]) -> None:
    """Save every extracted article, one transaction each, as `briefbot load` does."""
    engine = create_engine(url)
    sessions = make_session_factory(engine)
    for article in extracted:
        async with sessions.begin() as session:
            await save_extracted(session, extracted=article, rules=IDENTITY_RULES)
    await engine.dispose()


def our_path(nlp: spacy.Language, raw: list[tuple[bytes, str]], workdir: Path, n: int) -> None:
    """Read, extract and store every article into round n's empty store."""
    sources = [read_article(data, source=name, max_bytes=MAX_BYTES) for data, name in raw]
    extracted = [extract(nlp, source) for source in sources]
    asyncio.run(store_all(store_url(workdir, n), extracted))


def bare_path(nlp: spacy.Language, texts: list[str]) -> None:
    """The trained model alone, over the same bodies."""
    for _ in nlp.pipe(texts):
        pass


def describe(words: int, times: list[float]) -> str:
    """Throughput of a path's rounds: at the median round and at the fastest."""
    median, fastest = statistics.median(times), min(times)
    return f"median {words / median:,.0f} words/s, best {words / fastest:,.0f} words/s"


def timed(work: Callable[[], None]) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def traced_peak(work: Callable[[], None]) -> float:
    """Peak Python allocations of one call, in MiB."""
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    """Run both paths and print their throughput, ratio and memory."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    options = parser.parse_args()
    model = Settings().spacy_model
    raw = [(p.read_bytes(), p.name) for p in article_files(options.shared)]
    texts = [read_article(data, source=name, max_bytes=MAX_BYTES).text for data, name in raw]
    words = sum(len(t.split()) for t in texts)
    bare, ours = spacy.load(model), build_pipeline(model)
    bare_path(bare, texts)  # warm up both pipelines before timing
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for n in range(-1, options.rounds + 1):
            asyncio.run(migrate(store_url(workdir, n)))
        our_path(ours, raw, workdir, -1)
        # Rounds alternate (bare, ours, bare, ours…) so that a swing in the machine's load
        # lands on both paths alike; each round's ratio compares neighbours in time.
        bare_times, our_times = [], []
        for n in range(options.rounds):
            bare_times.append(timed(lambda: bare_path(bare, texts)))
            our_times.append(timed(lambda n=n: our_path(ours, raw, workdir, n)))
        bare_mib = traced_peak(lambda: bare_path(bare, texts))
        ours_mib = traced_peak(lambda: our_path(ours, raw, workdir, options.rounds))
    ratios = [o / b for o, b in zip(our_times, bare_times, strict=True)]
    print(
        f"articles: {len(texts)}, words per round: {words}, rounds: {options.rounds} (alternating)"
    )
    print(f"bare nlp.pipe ({model}): {describe(words, bare_times)}")
    print(f"briefbot load path (read, extract, store): {describe(words, our_times)}")
    print(
        f"cost ratio per round (ours / bare, target <= 2.0): min {min(ratios):.2f}x, "
        f"median {statistics.median(ratios):.2f}x"
    )
    print(f"peak Python allocations: bare {bare_mib:.1f} MiB, ours {ours_mib:.1f} MiB")
    print(
        f"peak resident set of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
