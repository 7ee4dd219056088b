"""Benchmark `briefbot load`'s path (read, extract, store) against bare `nlp.pipe` of the same model.

Both run in this process on the same texts, after both pipelines are loaded and warmed up and the
stores are created and migrated (start-up costs, timed for neither side) (the seeds and the development set, repeated), so the
ratio compares like with like. Prints words per second of each, their ratio (target: our path
costs at most 2x the bare model), and peak memory: Python allocations per phase (tracemalloc, in
a separate untimed pass) and the process's peak resident set.

Usage: python bench/extract.py [--rounds N] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
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
    """The seed and development articles."""
    dev = sorted(p for p in (shared / "eval" / "dev").iterdir() if p.name.startswith("d"))
    return sorted(Path("seeds").glob("*.txt")) + dev


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
        bare_s = sum(timed(lambda: bare_path(bare, texts)) for _ in range(options.rounds))
        ours_s = sum(
            timed(lambda n=n: our_path(ours, raw, workdir, n)) for n in range(options.rounds)
        )
        bare_mib = traced_peak(lambda: bare_path(bare, texts))
        ours_mib = traced_peak(lambda: our_path(ours, raw, workdir, options.rounds))
    total = words * options.rounds
    print(f"articles: {len(texts)}, words per round: {words}, rounds: {options.rounds}")
    print(f"bare nlp.pipe ({model}): {total / bare_s:,.0f} words/s")
    print(f"briefbot load path (read, extract, store): {total / ours_s:,.0f} words/s")
    print(f"cost ratio (ours / bare, target <= 2.0): {ours_s / bare_s:.2f}x")
    print(f"peak Python allocations: bare {bare_mib:.1f} MiB, ours {ours_mib:.1f} MiB")
    print(
        f"peak resident set of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
