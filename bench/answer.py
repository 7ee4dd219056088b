"""Benchmark answer latency: each command through the full handler path, on stores of 100,
1,000 and 10,000 articles, on SQLite and PostgreSQL, in alternating rounds.

Every timed answer goes through `Application.process_update` of the real bot, with a
`RecordingRequest` in place of the network: parsing, the command core, the store queries,
rendering, paging and the sendMessage call as python-telegram-bot builds it and reads its
answer. The time the double spends answering as Telegram's servers would (parsing the
message's HTML into entities, about 1-2 ms) is the server's, not the bot's, and is left out. The rate
limiter is left out: it spaces sends to Telegram's 30 a second, which is Telegram's
throughput, not the bot's latency.

The stores are built from the seeds and the development sets, extracted once by the real
pipeline, then saved again and again as variants (through `save_extracted`, so each save runs
the identity rules): each copy gets its own text hash and title, a publication day that moves
on one day every 30 copies (so roles are stated over many days), figures scaled a little (so
that copies disagree, the worst case for /figures), and the people who appear in only one base
article renamed with a new surname in every third copy (so that the store holds many actors,
as a real one would). Every store is built first; then rounds take each size and backend in
turn (A B A B), so that machine load favours none. Prints p50 and p99 per command and for the
/ask question set (tests/bot/ask_questions.json), per size and backend, and the ratio
p99(largest) / p99(smallest). Targets: p99 under 25 ms at 10,000 articles, at most 1.5x the
p99 at 100.

Usage: python bench/answer.py [--sizes 100 1000 10000] [--runs 200] [--rounds 4] [--shared ../shared]
    [--keep DIR]
PostgreSQL is measured when BENCH_POSTGRES_URL or TEST_POSTGRES_URL names a test database
(each size in a schema of its own, dropped and recreated). With --keep, SQLite stores are
built in DIR and kept, and a store (file or schema) already holding its number of articles is
reused rather than built again: building 10,000 articles takes about 15 minutes per backend.
A kept store is migrated to the code's schema when the bot opens it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from spacy.language import Language
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import Pool

from bench.extract import article_files
from bench.variants import one_off_people, variant
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
from briefings.model import ExtractedArticle
from briefings.reading.articles import read_path
from storage import create_engine, make_session_factory, save_extracted, upgrade_to_head
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


ASK_SET = "/ask question set"
QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "bot" / "ask_questions.json"
# Copies saved in one transaction while a store is built.
BATCH = 100
# The PostgreSQL schema new connections use (one store per size in one test database).
_schema: list[str] = []


def extract_bases(nlp: Language, shared: Path) -> list[ExtractedArticle]:
    """The seed and development articles, extracted once by the real pipeline."""
    return [extract(nlp, read_path(path, max_bytes=MAX_BYTES)) for path in article_files(shared)]


@event.listens_for(Pool, "connect")
def _use_schema(dbapi_connection: Any, _record: Any) -> None:
    """Point a new PostgreSQL connection at the current store's schema."""
    if _schema and "asyncpg" in type(dbapi_connection).__module__:
        # On the raw connection, outside the adapter's transaction (a rollback would undo it).
        statement = f"SET search_path TO {_schema[-1]}"
        dbapi_connection.run_async(lambda connection: connection.execute(statement))


async def build_store(url: str, bases: list[ExtractedArticle], size: int) -> None:
    """A fresh store at url (in the current schema on PostgreSQL) holding `size` variants."""
    engine = create_engine(url)
    if engine.dialect.name == "postgresql":
        async with engine.begin() as connection:
            await connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {_schema[-1]} CASCADE")
            await connection.exec_driver_sql(f"CREATE SCHEMA {_schema[-1]}")
        await engine.dispose()  # new connections, on the new schema
    await upgrade_to_head(engine)
    sessions = make_session_factory(engine)
    rename = one_off_people(bases)
    for start in range(0, size, BATCH):
        async with sessions.begin() as session:
            for copy in range(start, min(size, start + BATCH)):
                extracted = variant(bases[copy % len(bases)], copy, rename)
                await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    if engine.dialect.name == "postgresql":
        # Settle the store as autovacuum would, rather than time it while it analyses.
        async with engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql("VACUUM ANALYZE")
    await engine.dispose()


def questions() -> list[str]:
    """The /ask question set, as commands."""
    data = json.loads(QUESTIONS.read_text(encoding="utf-8"))
    return [f"/ask {item['question']}" for item in data["questions"]]


async def time_commands(url: str, nlp: Language, runs: int) -> dict[str, list[float]]:
    """Milliseconds per answer of each command and of the question set, after a warm-up."""
    settings = Settings(database_url=url, telegram_token=TOKEN)
    recorder = RecordingRequest()
    application: BriefApplication = build_application(
        settings, request=recorder, nlp=nlp, rate_limited=False
    )
    timings: dict[str, list[float]] = {}
    asked = questions()
    async with application:
        await start_services(application)
        for line in COMMANDS:
            timings[line] = await _time_line(application, recorder, line, runs)
        per_question = max(1, runs // len(asked))
        timings[ASK_SET] = [
            sample
            for line in asked
            for sample in await _time_line(application, recorder, line, per_question)
        ]
        await stop_services(application)
    return timings


async def _time_line(
    application: BriefApplication, recorder: RecordingRequest, line: str, runs: int
) -> list[float]:
    """Milliseconds per answer of one line, after two warm-up answers."""
    update = make_command_update(line, bot=application.bot)
    for _ in range(2):
        await application.process_update(update)
    samples = []
    for _ in range(runs):
        started, served = time.perf_counter(), recorder.server_seconds
        await application.process_update(update)
        elapsed = time.perf_counter() - started - (recorder.server_seconds - served)
        samples.append(elapsed * 1000)
        recorder.clear()
    return samples


def percentile(samples: list[float], share: float) -> float:
    """The value below which `share` of the samples lie."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def backends(directory: Path) -> dict[str, str]:
    """SQLite always; PostgreSQL when a test database is named in the environment."""
    found = {"sqlite": f"sqlite+aiosqlite:///{directory}/bench_{{size}}.db"}
    url = os.environ.get("BENCH_POSTGRES_URL") or os.environ.get("TEST_POSTGRES_URL")
    if url and "test" in url.rsplit("/", 1)[-1]:
        found["postgresql"] = url
    else:
        print(
            "(PostgreSQL skipped: set BENCH_POSTGRES_URL or TEST_POSTGRES_URL to a test database)"
        )
    return found


def _store(backend: str, url: str, size: int) -> str:
    """The URL of one store, its schema made current on PostgreSQL."""
    _schema.append(f"bench_{size}")
    return url.format(size=size) if backend == "sqlite" else url


async def stored_articles(url: str) -> int:
    """How many articles a store holds; 0 when it has none or no tables yet."""
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            found = await connection.exec_driver_sql("SELECT count(*) FROM articles")
            return int(found.scalar_one())
    except DBAPIError:
        return 0
    finally:
        await engine.dispose()


async def main(sizes: list[int], runs: int, rounds: int, shared: Path, keep: Path | None) -> None:
    """Build every store, time each in alternating rounds, print the table and the ratios."""
    nlp = build_pipeline(Settings().spacy_model)
    bases = extract_bases(nlp, shared)
    with tempfile.TemporaryDirectory() as directory:
        stores = backends(keep or Path(directory))
        for size in sizes:
            for backend, url in stores.items():
                if keep and await stored_articles(_store(backend, url, size)) == size:
                    print(f"kept {backend} {size:>6} articles", flush=True)
                    continue
                built = time.perf_counter()
                await build_store(_store(backend, url, size), bases, size)
                took = time.perf_counter() - built
                print(f"built {backend} {size:>6} articles in {took:6.1f} s", flush=True)
        samples: dict[tuple[str, int], dict[str, list[float]]] = {}
        for round_ in range(rounds):
            for size in sizes:
                for backend, url in stores.items():
                    timed = await time_commands(_store(backend, url, size), nlp, runs // rounds)
                    for line, found in timed.items():
                        samples.setdefault((backend, size), {}).setdefault(line, []).extend(found)
            print(f"round {round_ + 1} of {rounds} done", flush=True)
    report(samples, sizes, list(stores))


def report(
    samples: dict[tuple[str, int], dict[str, list[float]]], sizes: list[int], names: list[str]
) -> None:
    """p50 and p99 per command, size and backend, and p99(largest) / p99(smallest)."""
    small, large = sizes[0], sizes[-1]
    for backend in names:
        print(f"\n{backend}: p50 / p99 ms by store size; ratio of p99 at {large} to {small}")
        print(f"  {'command':42s}" + "".join(f"{size:>16}" for size in sizes) + "   ratio")
        for line in samples[(backend, small)]:
            cells, p99 = "", {}
            for size in sizes:
                found = samples[(backend, size)][line]
                p99[size] = percentile(found, 0.99)
                cells += f"  {statistics.median(found):6.2f} /{p99[size]:6.2f}"
            print(f"  {line[:42]:42s}{cells}   {p99[large] / p99[small]:4.2f}x")
        worst = max(percentile(found, 0.99) for found in samples[(backend, large)].values())
        print(f"  worst p99 at {large}: {worst:.2f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--keep", type=Path, help="keep built stores here and reuse them")
    arguments = parser.parse_args()
    if arguments.keep:
        arguments.keep.mkdir(parents=True, exist_ok=True)
    asyncio.run(
        main(arguments.sizes, arguments.runs, arguments.rounds, arguments.shared, arguments.keep)
    )
