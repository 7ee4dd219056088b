"""Benchmark answer latency: each command through the full handler path, on stores of 100 and 1,000 articles.

Every timed answer goes through `Application.process_update` of the real bot, with a
`RecordingRequest` in place of the network: parsing, the command core, the store queries,
rendering, paging and the sendMessage call as python-telegram-bot builds it. The rate
limiter is left out: it spaces sends to Telegram's 30 a second, which is Telegram's
throughput, not the bot's latency.

The stores are built from the seeds and the development set, extracted once by the real
pipeline, then saved again and again as variants: each copy gets its own text hash and title,
figures scaled a little (so that copies disagree, the worst case for /figures), and the
people who appear in only one article renamed in every third copy (so that the store holds
many actors, as a real one would). Prints p50 and p99 per command, per store size and backend,
and the growth of p99 from 100 to 1,000 articles (targets: p99 under 25 ms at 1,000 articles,
growth under 3x).

Usage: python bench/answer.py [--sizes 100 1000] [--runs 200] [--shared ../shared]
PostgreSQL is measured when BENCH_POSTGRES_URL or TEST_POSTGRES_URL names a test database
(its tables are dropped and recreated).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.extract import article_files
from bot.settings import Settings
from bot.telegram_adapter.application import (
    BriefApplication,
    build_application,
    start_services,
    stop_services,
)
from briefings.extraction.extractors import extract
from briefings.extraction.pipeline import build_pipeline
from briefings.identity.rules import IDENTITY_RULES
from briefings.model import ActorKind, ExtractedArticle
from briefings.reading.articles import read_path
from storage import create_engine, make_session_factory, save_extracted, upgrade_to_head
from storage.tables import Base
from tests.support.bot_api_objects import make_command_update
from tests.support.recording_request import RecordingRequest

COMMANDS = (
    "/help",
    "/who",
    "/who zelensky",
    "/figures",
    "/figures killed",
    "/demands",
    "/demands russia",
    "/sources",
    "/ask how many soldiers has Ukraine lost?",
    "/ask what does Russia want?",
    "/ask who is Kellogg?",
    "/ask what did Zelensky say about peace?",
    "/ask when did Moscow claim Blagodatne?",
    "/ask where did the leaders meet?",
)
TOKEN = "123456:BENCH"
MAX_BYTES = 2 * 1024 * 1024


def extract_bases(shared: Path) -> list[ExtractedArticle]:
    """The seed and development articles, extracted once by the real pipeline."""
    nlp = build_pipeline(Settings().spacy_model)
    return [extract(nlp, read_path(path, max_bytes=MAX_BYTES)) for path in article_files(shared)]


def one_off_people(bases: list[ExtractedArticle]) -> set[str]:
    """Names of people who appear in only one base article."""
    seen = Counter(a.name for base in bases for a in base.actors if a.kind is ActorKind.PERSON)
    return {name for name, count in seen.items() if count == 1}


def variant(base: ExtractedArticle, copy: int, rename: set[str]) -> ExtractedArticle:
    """Copy `copy` of a base article: its own hash and title, scaled figures, maybe new people."""
    names = {name: f"{name} {copy}" for name in rename} if copy % 3 == 0 else {}
    source = dataclasses.replace(
        base.source, title=f"{base.source.title} (copy {copy})", text=f"{base.source.text} #{copy}"
    )
    scale = 1 + copy / 1000
    return dataclasses.replace(
        base,
        source=source,
        actors=tuple(dataclasses.replace(a, name=names.get(a.name, a.name)) for a in base.actors),
        figures=tuple(
            dataclasses.replace(
                f,
                value=round(f.value * scale),
                claimed_by=names.get(f.claimed_by or "", f.claimed_by),
            )
            for f in base.figures
        ),
        demands=tuple(
            dataclasses.replace(d, party=names.get(d.party, d.party)) for d in base.demands
        ),
    )


async def build_store(url: str, bases: list[ExtractedArticle], size: int) -> None:
    """A fresh store at url holding `size` variants of the base articles."""
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.drop_all)
        await connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        await connection.exec_driver_sql("DROP TABLE IF EXISTS sentence_search")
    await upgrade_to_head(engine)
    sessions = make_session_factory(engine)
    rename = one_off_people(bases)
    for copy in range(size):
        async with sessions.begin() as session:
            await save_extracted(
                session,
                extracted=variant(bases[copy % len(bases)], copy, rename),
                rules=IDENTITY_RULES,
            )
    if engine.dialect.name == "postgresql":
        # Settle the store as autovacuum would, rather than time it while it analyses.
        async with engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql("VACUUM ANALYZE")
    await engine.dispose()


async def time_commands(url: str, runs: int) -> dict[str, list[float]]:
    """Milliseconds per answer of each command, through process_update, after a warm-up."""
    settings = Settings(database_url=url, telegram_token=TOKEN)
    recorder = RecordingRequest()
    application: BriefApplication = build_application(
        settings, request=recorder, rate_limited=False
    )
    timings: dict[str, list[float]] = {}
    async with application:
        await start_services(application)
        for line in COMMANDS:
            update = make_command_update(line, bot=application.bot)
            for _ in range(5):
                await application.process_update(update)
            samples = []
            for _ in range(runs):
                started = time.perf_counter()
                await application.process_update(update)
                samples.append((time.perf_counter() - started) * 1000)
                recorder.clear()
            timings[line] = samples
        await stop_services(application)
    return timings


def percentile(samples: list[float], share: float) -> float:
    """The value below which `share` of the samples lie."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def backends(directory: Path) -> list[tuple[str, str]]:
    """SQLite always; PostgreSQL when a test database is named in the environment."""
    found = [("sqlite", f"sqlite+aiosqlite:///{directory / 'bench.db'}")]
    url = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("TEST_POSTGRES_URL")
    if url:
        found.append(("postgresql", url))
    else:
        print("(PostgreSQL skipped: set BENCH_POSTGRES_URL or TEST_POSTGRES_URL)")
    return found


async def main(sizes: list[int], runs: int, shared: Path) -> None:
    """Build each store, time each command on it, print the table and the growth."""
    bases = extract_bases(shared)
    with tempfile.TemporaryDirectory() as directory:
        for backend, url in backends(Path(directory)):
            p99s: dict[int, dict[str, float]] = {}
            for size in sizes:
                built = time.perf_counter()
                await build_store(url, bases, size)
                print(
                    f"\n{backend}, {size} articles (built in {time.perf_counter() - built:.1f} s)"
                )
                timings = await time_commands(url, runs)
                p99s[size] = {}
                for line, samples in timings.items():
                    p50, p99 = statistics.median(samples), percentile(samples, 0.99)
                    p99s[size][line] = p99
                    print(f"  {line:45s} p50 {p50:6.2f} ms   p99 {p99:6.2f} ms")
            if len(sizes) >= 2:
                small, large = sizes[0], sizes[-1]
                print(f"\n{backend}: p99 growth from {small} to {large} articles")
                for line in COMMANDS:
                    ratio = p99s[large][line] / p99s[small][line]
                    print(f"  {line:45s} {ratio:4.2f}x")
                worst = max(p99s[large].values())
                print(f"  worst p99 at {large}: {worst:.2f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    arguments = parser.parse_args()
    asyncio.run(main(arguments.sizes, arguments.runs, arguments.shared))
