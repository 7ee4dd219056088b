"""Benchmark loading: per-article save time as the store grows, and `briefbot load`'s words per second.

1. Save time at 100, 1,000 and 10,000 stored articles. The stores are built once from the
   seeds and both development sets, extracted once by the real pipeline, then saved again and
   again as variants, as bench/answer.py builds its stores: each copy its own text hash and
   title, figures scaled a little, and the people of only one article renamed in every third
   copy (so that the store holds many actors, as a real one would). The 1,000 store continues
   the 100 one and the 10,000 store the 1,000 one. Each round starts every size from a fresh
   copy of its store (untimed), saves one warm-up article, then times `--saves` more, each
   in its own transaction under the write lock as `briefbot load` saves them. Sizes
   alternate (100, 1,000, 10,000, 100, …) so a swing in the machine's load lands on all.
   Prints min and median per size and the ratio 10,000 / 100 (target: at most 1.5).
2. Words per second of `briefbot load`'s path (bot.core.bulk_loading.load_files: read, skip
   stored texts, extract with nlp.pipe in batches, save each) over 50 files into an empty
   store, against bare `nlp.pipe` of the trained model over the same bodies. Rounds alternate,
   bare then ours; prints words per second of each and the cost ratio per round (min, median).

Usage: python bench/load.py [--sizes 100 1000 10000] [--rounds 4] [--saves 5] [--files 50]
                            [--shared ../shared] [--keep DIR]
With --keep, a SQLite store DIR/bench_SIZE.db that bench/answer.py --keep built (the same
variants) and that holds SIZE articles is used as that size's store instead of building it.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spacy

from bench.answer import stored_articles
from bench.extract import article_files
from bench.variants import one_off_people, variant
from bot.core.bulk_loading import load_files
from bot.core.extraction_worker import ExtractionWorker
from bot.core.loading import save_article
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from briefings.extraction.extractors import extract
from briefings.extraction.pipeline import build_pipeline
from briefings.identity.rules import IDENTITY_RULES
from briefings.model import ExtractedArticle
from briefings.reading.articles import read_path
from storage import create_engine, make_session_factory, save_extracted, upgrade_to_head

MAX_BYTES = 2 * 1024 * 1024


def sqlite_url(path: Path) -> str:
    """The store in a SQLite file."""
    return f"sqlite+aiosqlite:///{path}"


async def build_stores(
    bases: list[ExtractedArticle], sizes: list[int], directory: Path
) -> dict[int, Path]:
    """One store file per size, each grown from the one before by saving variants."""
    work = directory / "growing.db"
    engine = create_engine(sqlite_url(work))
    await upgrade_to_head(engine)
    sessions = make_session_factory(engine)
    rename, built, stores = one_off_people(bases), 0, {}
    for size in sorted(sizes):
        started = time.perf_counter()
        for copy in range(built, size):
            async with sessions.begin() as session:
                extracted = variant(bases[copy % len(bases)], copy, rename)
                await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
        built = size
        await engine.dispose()  # checkpoints the WAL into the file before it is copied
        stores[size] = directory / f"store{size}.db"
        shutil.copy(work, stores[size])
        print(f"  store of {size:,} articles built in {time.perf_counter() - started:.0f} s")
    return stores


async def time_saves(
    template: Path, working: Path, bases: list[ExtractedArticle], first: int, saves: int
) -> list[float]:
    """Milliseconds of each save into a fresh copy of a store, after one warm-up save."""
    for stale in working.parent.glob(working.name + "*"):
        stale.unlink()
    shutil.copy(template, working)
    runtime = await open_runtime(Settings(database_url=sqlite_url(working)))
    rename = one_off_people(bases)
    try:
        timings = []
        for n in range(saves + 1):
            copy = first + n
            extracted = variant(bases[copy % len(bases)], copy, rename)
            started = time.perf_counter()
            await save_article(runtime, extracted)
            if n:  # the first save warms the new engine's caches
                timings.append((time.perf_counter() - started) * 1000)
        return timings
    finally:
        await runtime.close()


async def kept_stores(keep: Path | None, sizes: list[int]) -> dict[int, Path]:
    """The stores bench/answer.py --keep left in a folder, of the sizes asked for and whole."""
    found = {}
    for size in sizes:
        path = (keep or Path()) / f"bench_{size}.db"
        if keep and path.exists() and await stored_articles(sqlite_url(path)) == size:
            print(f"  store of {size:,} articles kept in {path}")
            found[size] = path
    return found


async def bench_saves(
    bases: list[ExtractedArticle],
    sizes: list[int],
    rounds: int,
    saves: int,
    directory: Path,
    keep: Path | None = None,
) -> None:
    """Print the save time per article at each store size, sizes alternating across rounds."""
    print("per-article save time (SQLite):")
    stores = await kept_stores(keep, sizes)
    missing = [size for size in sizes if size not in stores]
    stores |= await build_stores(bases, missing, directory) if missing else {}
    samples: dict[int, list[float]] = {size: [] for size in sizes}
    for round_ in range(rounds):
        for size in sizes:
            first = 10**6 + round_ * (saves + 1)  # copies no store holds yet
            samples[size] += await time_saves(
                stores[size], directory / "timed.db", bases, first, saves
            )
    for size in sizes:
        times = samples[size]
        print(
            f"  {size:>6,} articles: min {min(times):7.1f} ms, median {statistics.median(times):7.1f} ms"
            f"  ({len(times)} saves)"
        )
    small, large = min(sizes), max(sizes)
    low, high = samples[small], samples[large]
    print(
        f"  ratio {large:,} / {small:,} (target <= 1.5): min {min(high) / min(low):.2f}x, "
        f"median {statistics.median(high) / statistics.median(low):.2f}x"
    )


def write_files(paths: list[Path], count: int, folder: Path) -> list[Path]:
    """`count` article files, the given ones again and again, each copy's text its own."""
    folder.mkdir()
    written = []
    for n in range(count):
        original = paths[n % len(paths)]
        copy = folder / f"{n:03d}_{original.name}"
        marker = f"Copy {n} of this article."
        text = original.read_text(encoding="utf-8")
        # In a page, inside its first paragraph: the reader keeps only the article's own text.
        if "</p>" in text:
            text = text.replace("</p>", f" {marker}</p>", 1)
        else:
            text = f"{text}\n\n{marker}\n"
        copy.write_text(text, encoding="utf-8")
        written.append(copy)
    return written


async def our_round(worker: ExtractionWorker, files: list[Path], store: Path) -> float:
    """Seconds `briefbot load`'s path takes over the files into an empty store (opened untimed)."""
    runtime: Runtime = await open_runtime(Settings(database_url=sqlite_url(store)), worker)
    try:
        started = time.perf_counter()
        outcomes = [o async for o in load_files(runtime, files)]
        elapsed = time.perf_counter() - started
    finally:
        await runtime.close()
    assert all(o.saved for o in outcomes), [o.error for o in outcomes if not o.saved]
    return elapsed


def bare_round(nlp: spacy.Language, texts: list[str]) -> float:
    """Seconds the trained model alone takes over the same bodies."""
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - started


async def bench_throughput(shared: Path, count: int, rounds: int, directory: Path) -> None:
    """Print words per second of the load path and of bare nlp.pipe, rounds alternating."""
    model = Settings().spacy_model
    files = write_files(article_files(shared), count, directory / "files")
    texts = [read_path(path, max_bytes=MAX_BYTES).text for path in files]
    words = sum(len(text.split()) for text in texts)
    # Ours is the load path's own: the pipeline in the extraction worker's process.
    bare, ours = spacy.load(model), ExtractionWorker(model)
    bare_round(bare, texts)  # warm up both before timing
    await our_round(ours, files, directory / "warm.db")
    bare_times, our_times = [], []
    for n in range(rounds):
        bare_times.append(bare_round(bare, texts))
        our_times.append(await our_round(ours, files, directory / f"load{n}.db"))
    ours.close()
    ratios = [o / b for o, b in zip(our_times, bare_times, strict=True)]
    print(f"\nbriefbot load over {count} files ({words:,} words), {rounds} rounds alternating:")
    for name, times in (("bare nlp.pipe", bare_times), ("briefbot load path", our_times)):
        print(
            f"  {name:20s} median {words / statistics.median(times):7,.0f} words/s, "
            f"best {words / min(times):7,.0f} words/s"
        )
    print(
        f"  cost ratio per round (ours / bare): min {min(ratios):.2f}x, "
        f"median {statistics.median(ratios):.2f}x"
    )


async def main(options: argparse.Namespace) -> None:
    """Run both benchmarks in one scratch directory."""
    paths = article_files(options.shared)
    nlp = build_pipeline(Settings().spacy_model)
    bases = [extract(nlp, read_path(path, max_bytes=MAX_BYTES)) for path in paths]
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        if options.sizes:
            await bench_saves(
                bases, options.sizes, options.rounds, options.saves, directory, options.keep
            )
        if options.files:
            await bench_throughput(options.shared, options.files, options.rounds, directory)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--files", type=int, default=50)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--keep", type=Path, help="use the stores bench/answer.py --keep left here")
    asyncio.run(main(parser.parse_args()))
