"""Benchmark reading a file of many short lines: is reading (furniture included) linear?

A file of N short lines ("Item 1234", "update 17", "19 December 2024", ...) goes through
`read_article` as `briefbot load` reads it: decoding, parsing, normalising, page furniture,
paragraph joining. Each round runs in a fresh interpreter; sizes alternate within a round
(10,000, 50,000, 190,000 lines, then again) so that the machine's load swings hit every size
alike. The reader refuses a file of more than 50,000 lines (`briefings/reading/sizes.py`), so
the limits on lines and paragraphs are lifted here: what is timed is the work a file within
them costs. Prints, per size, the min and median seconds and microseconds a line, and the
ratio of the per-line cost at the largest size to the smallest (1.0 is linear). With
`--baseline DIR` (another checkout, e.g. `git archive HEAD~1 briefings | tar -x -C DIR`) the
same rounds run on its code too, alternating with this tree's.

Usage: python bench/reading.py [--rounds N] [--sizes 10000,50000,190000] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHAPES = ("Item {i}", "update {i}", "{i}", "Kyiv", "19 December 2024", "By Anna Bond", "ok.")


def short_lines(count: int) -> bytes:
    """A title, then count short lines cycling through a few shapes (words, numbers, dates)."""
    lines = (SHAPES[i % len(SHAPES)].format(i=i) for i in range(count))
    return ("Many short lines\n\n" + "\n".join(lines) + "\n").encode()


def time_one(count: int) -> float:
    """Seconds to read a file of count short lines, in this process, line limits lifted."""
    from briefings.reading.articles import read_article

    try:
        from briefings.reading import sizes
    except ImportError:
        pass  # a baseline from before the limits
    else:
        sizes.MAX_LINES = sizes.MAX_PARAGRAPHS = sys.maxsize
    raw = short_lines(count)
    started = time.perf_counter()
    read_article(raw, source="lines.txt", max_bytes=len(raw))
    return time.perf_counter() - started


def run(checkout: Path, count: int) -> float:
    """One timing in a fresh interpreter with the checkout's code first on the path."""
    env = os.environ | {"PYTHONPATH": str(checkout)}
    command = [sys.executable, str(Path(__file__).resolve()), "--one", str(count)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return float(done.stdout)


def report(name: str, timings: dict[int, list[float]]) -> None:
    """Min, median and per-line cost for each size, and the largest-to-smallest ratio."""
    per_line = {}
    for count, seconds in timings.items():
        per_line[count] = statistics.median(seconds) / count * 1e6
        print(
            f"{name:9} {count:>8,} lines  min {min(seconds):7.3f} s  "
            f"median {statistics.median(seconds):7.3f} s  {per_line[count]:6.1f} µs a line"
        )
    smallest, largest = min(per_line), max(per_line)
    ratio = per_line[largest] / per_line[smallest]
    print(f"{name:9} per-line cost at {largest:,} / at {smallest:,}: {ratio:.2f}")


def main() -> None:
    """Alternate rounds over the sizes (and checkouts), then report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="10000,50000,190000")
    parser.add_argument("--baseline", type=Path)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(time_one(args.one))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    checkouts = {"this tree": REPO} | ({"baseline": args.baseline} if args.baseline else {})
    timings: dict[str, dict[int, list[float]]] = {
        name: {size: [] for size in sizes} for name in checkouts
    }
    for round_number in range(args.rounds):
        for size in sizes:
            for name, checkout in checkouts.items():
                timings[name][size].append(run(checkout, size))
        print(f"round {round_number + 1} of {args.rounds} done", file=sys.stderr)
    for name in checkouts:
        report(name, timings[name])


if __name__ == "__main__":
    main()
