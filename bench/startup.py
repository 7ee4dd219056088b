"""Benchmark how long `briefbot ask` takes from a cold process, on a seeded SQLite store.

Each round starts a fresh interpreter (`python -m bot.terminal.cli ask LINE`), so it pays every
import the command makes. With `--baseline DIR` (another checkout of the project, e.g. a git
worktree of an older commit) the same commands run from that checkout too, rounds alternating
(A B A B) so that the machine's load swings hit both alike; the ratio new / baseline is printed
per command. Also prints how many modules each run imported.

Usage: python bench/startup.py [--rounds N] [--baseline DIR] [LINE ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LINES = ["/who", "/who zelensky", "/figures", "who is Peskov?"]


def settings_env(store: Path, checkout: Path) -> dict[str, str]:
    """The environment of a run: the store, the checkout's code first, no token, no .env."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    seeds = str(checkout / "seeds")
    return env | {
        "DATABASE_URL": f"sqlite+aiosqlite:///{store}",
        "SEEDS_DIR": seeds,
        "PYTHONPATH": str(checkout),
    }


def cli_module(checkout: Path) -> str:
    """The module of `briefbot` in a checkout (older ones kept it at bot/cli.py)."""
    return "bot.terminal.cli" if (checkout / "bot" / "terminal" / "cli.py").exists() else "bot.cli"


def run(checkout: Path, store: Path, line: str, workdir: Path) -> tuple[float, int, str]:
    """One cold `briefbot ask LINE`: seconds taken, modules imported, the answer."""
    module = cli_module(checkout)
    command = [sys.executable, "-X", "importtime", "-m", module, "ask", line]
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=workdir, env=settings_env(store, checkout), capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{checkout}: `ask {line}` failed:\n{done.stderr[-2000:]}")
    return seconds, done.stderr.count("import time:") - 1, done.stdout


def seed(checkout: Path, store: Path, workdir: Path) -> None:
    """Load the seed articles into a fresh store with the checkout's own code (untimed)."""
    run(checkout, store, "/help", workdir)
    if not run(checkout, store, "/sources", workdir)[2].count("["):
        raise SystemExit(f"{checkout}: the store was not seeded")


def describe(times: list[float]) -> str:
    """Min and median of a run's times, in milliseconds."""
    return f"min {min(times) * 1000:6.0f} ms, median {statistics.median(times) * 1000:6.0f} ms"


def main() -> None:
    """Time each command, alternating with the baseline when one is given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lines", nargs="*", default=LINES)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", type=Path)
    options = parser.parse_args()
    checkouts = {"new": REPO} | ({"baseline": options.baseline} if options.baseline else {})
    with tempfile.TemporaryDirectory() as scratch:
        workdir = Path(scratch)
        stores = {name: workdir / f"{name}.db" for name in checkouts}
        for name, checkout in checkouts.items():
            seed(checkout, stores[name], workdir)
        for line in options.lines:
            report(line, checkouts, stores, workdir, options.rounds)


def report(
    line: str, checkouts: dict[str, Path], stores: dict[str, Path], workdir: Path, rounds: int
) -> None:
    """Alternate the checkouts' runs of one command, then print each one's figures."""
    times: dict[str, list[float]] = {name: [] for name in checkouts}
    modules: dict[str, int] = {}
    for _ in range(rounds):
        for name, checkout in checkouts.items():
            seconds, modules[name], _ = run(checkout, stores[name], line, workdir)
            times[name].append(seconds)
    print(f"briefbot ask {line!r}")
    for name in checkouts:
        print(f"  {name:8} {describe(times[name])}, {modules[name]} modules imported")
    if "baseline" in times:
        ratio = statistics.median(times["new"]) / statistics.median(times["baseline"])
        print(f"  new / baseline (medians): {ratio:.2f}")


if __name__ == "__main__":
    main()
