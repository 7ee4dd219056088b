"""Score extraction on the seed and development sets, article by article, through the real load path.

Each article is loaded alone into a fresh SQLite store (read, extract, save), the store is exported
as `briefbot export` prints it, and ../shared/eval/score.py scores the export against the gold.

Usage: python scripts/score_sets.py [--verbose] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bot.core.bulk_loading import load_path
from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from storage import export_store


async def export_one(path: Path, worker: ExtractionWorker, workdir: Path) -> dict[str, object]:
    """Load one article into a fresh store and return the export."""
    settings = Settings(database_url=f"sqlite+aiosqlite:///{workdir / (path.stem + '.db')}")
    runtime: Runtime = await open_runtime(settings, worker)  # one worker for all articles
    try:
        outcome = await load_path(runtime, path)
        if outcome.failed:
            raise SystemExit(f"{path.name}: {outcome.error}")
        async with runtime.sessions() as session:
            return dict(await export_store(session))
    finally:
        await runtime.close()


def score(export_file: Path, gold: Path, key: str, scorer: Path, verbose: bool) -> float:
    """Run the shared scorer and return the macro F1 it prints on its last line."""
    args = [sys.executable, str(scorer), str(export_file), str(gold), key] + (
        ["--verbose"] if verbose else []
    )
    output = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    for line in output.splitlines()[:-1]:
        print("   " + line)
    return float(output.strip().splitlines()[-1].split()[-1])


async def main() -> None:
    """Score every article of the three sets and print per-article and mean macro F1."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared"
    )
    options = parser.parse_args()
    eval_dir = options.shared / "eval"
    sets = {
        "seeds": (sorted(Path("seeds").glob("*.txt")), eval_dir / "gold_seeds.json"),
        "dev": (
            sorted(p for p in (eval_dir / "dev").iterdir() if p.name[:1] == "d"),
            eval_dir / "dev" / "gold_dev.json",
        ),
        "dev2": (
            sorted(p for p in (eval_dir / "dev2").iterdir() if p.name[:1] == "e"),
            eval_dir / "dev2" / "gold_dev2.json",
        ),
    }
    worker = ExtractionWorker(Settings().spacy_model)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for name, (paths, gold) in sets.items():
            scores = []
            for path in paths:
                export_file = workdir / f"{path.stem}.json"
                export_file.write_text(
                    json.dumps(await export_one(path, worker, workdir), default=str)
                )
                print(f"{name} {path.name}")
                scores.append(
                    score(export_file, gold, path.name, eval_dir / "score.py", options.verbose)
                )
                print(f"   macro F1 {scores[-1]:.2f}")
            print(
                f"== {name}: mean macro F1 {sum(scores) / len(scores):.3f} over {len(scores)} articles "
                f"(min {min(scores):.2f})"
            )
    worker.close()


if __name__ == "__main__":
    asyncio.run(main())
