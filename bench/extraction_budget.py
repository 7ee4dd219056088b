"""Measure what EXTRACTION_TIMEOUT_SECONDS must allow: the largest legitimate article, extracted.

The largest article accepted is MAX_INPUT_BYTES (2 MB); the time limit must let a real one
through on this machine. The text is the development sets' articles (../shared/eval/dev and
dev2: their .txt, .md and .html articles, each read as `briefbot load` reads it) joined, the
set over and over until the next one would pass the size (a few paragraphs joined into one,
as reading refuses more than 20,000 and real articles have longer ones), then read once more as a whole. It
is extracted through the bot's own path, the extraction worker's process, after the worker has
started (start-up is not part of an article's time limit). One typical article (the median of
the set's articles, extracted one by one) is timed too, for scale.

Prints the wall time of each, the 2 MB text's size, its words, and the default that allows three
times the measured time.

Usage: python bench/extraction_budget.py [--shared ../shared] [--bytes N]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from bot.core.extraction_worker import ExtractionWorker
from bot.settings import Settings
from briefings.errors import InputTooLargeError
from briefings.model import SourceText
from briefings.reading.articles import read_article, read_path

# The worker is given all the time it needs here: this measures the time, it does not limit it.
UNLIMITED = 24 * 3600.0


def article_files(shared: Path) -> list[Path]:
    """The development sets' article files (not their README or gold files)."""
    folders = (shared / "eval" / "dev", shared / "eval" / "dev2")
    suffixes = {".txt", ".md", ".html"}
    return sorted(
        p for f in folders for p in f.iterdir() if p.suffix in suffixes and p.name[0] in "de"
    )


def largest_article(bodies: list[str], size: int) -> SourceText:
    """The articles' bodies joined, over and over, to just under `size` bytes, read as a whole.

    Reading refuses more than a few thousand paragraphs (briefings/reading/sizes.py), which
    2 MB of short news paragraphs would pass: consecutive paragraphs of each article are
    then joined, two, three… at a time, until the whole reads as one article.
    """
    for grouped in range(1, 20):
        raw = _joined([_grouped(body, grouped) for body in bodies], size).encode()
        try:
            return read_article(raw, source="largest.txt", max_bytes=size, content_type=None)
        except InputTooLargeError:
            continue
    raise SystemExit("no grouping of the paragraphs reads as one article")


def _grouped(body: str, n: int) -> str:
    """A body with each `n` consecutive paragraphs joined into one."""
    paragraphs = body.split("\n\n")
    groups = (paragraphs[i : i + n] for i in range(0, len(paragraphs), n))
    return "\n\n".join(" ".join(group) for group in groups)


def _joined(bodies: list[str], size: int) -> str:
    """The bodies, over and over, joined until the next one would pass `size` bytes."""
    parts: list[str] = ["Two megabytes of ceasefire reporting"]
    used = len(parts[0].encode())
    while True:
        for body in bodies:
            if used + len(body.encode()) + 2 > size:
                return "\n\n".join(parts)
            parts.append(body)
            used += len(body.encode()) + 2


async def timed(worker: ExtractionWorker, source: SourceText) -> float:
    """Seconds the worker takes to extract one article."""
    start = time.perf_counter()
    await worker.extract(source, budget=UNLIMITED)
    return time.perf_counter() - start


async def measure(shared: Path, size: int) -> None:
    """Time a typical article and the largest one through the worker, and print the figures."""
    sources = [read_path(path, max_bytes=size) for path in article_files(shared)]
    largest = largest_article([s.text for s in sources], size)
    worker = ExtractionWorker(Settings().spacy_model)
    try:
        await worker.start()
        typical = statistics.median([await timed(worker, source) for source in sources])
        seconds = await timed(worker, largest)
    finally:
        worker.close()
    n_bytes, words = len(largest.text.encode()), len(largest.text.split())
    print(f"typical article (median of {len(sources)}): {typical:.2f} s")
    print(f"largest article: {n_bytes:,} bytes, {words:,} words: {seconds:.1f} s")
    print(f"a default allowing 3x: EXTRACTION_TIMEOUT_SECONDS={3 * seconds:.0f}")


def main() -> None:
    """Parse the options and run the measurement."""
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    parser.add_argument("--bytes", type=int, default=Settings().max_input_bytes)
    options = parser.parse_args()
    asyncio.run(measure(options.shared, options.bytes))


if __name__ == "__main__":
    main()
