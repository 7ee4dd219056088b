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
as a real one would). Every store is built first, then all are opened at once, and each
command is timed on them in turn, one answer each, the order reversed every other time
(A B B A): a burst of load on this shared machine then falls on every size and backend alike,
where timing one store's runs in a block let it set that store's p99 alone. Prints p50 and p99
per command, inline query ("@zelensky": the results of "@bot zelensky") and for the /ask
question set (tests/bot/ask_questions.json), per size and
backend, and the ratio p99(largest) / p99(smallest). Targets: p99 under 25 ms at 10,000
articles, at most 1.5x the p99 at 100.

Usage: python bench/answer.py [--sizes 100 1000 10000] [--runs 600] [--rounds 4] [--shared ../shared]
    [--keep DIR] [--only LINE ...]
Each command is answered `runs` times per store (and the question set as often in all): the p99
of 600 answers is their sixth slowest, where that of 200 was the second, which one stall of
this shared machine decided.
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
from contextlib import AsyncExitStack
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from spacy.language import Language
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import Pool
from telegram import Bot, Update

from bench.extract import article_files
from bench.variants import one_off_people, variant
from bot.core.extraction_worker import ExtractionWorker
from bot.settings import Settings
from bot.telegram_adapter import application as application_module
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
from storage.poller_lock import PollerLock
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
    # Inline queries, as "@bot zelensky" typed in any chat: the text after "@".
    "@zelensky",
    "@killed ukraine",
    "@",
)
TOKEN = "123456:BENCH"
MAX_BYTES = 2 * 1024 * 1024


ASK_SET = "/ask question set"
# Milliseconds per answer, by command line (and ASK_SET).
Timings = dict[str, list[float]]
QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "bot" / "ask_questions.json"
# Copies saved in one transaction while a store is built.
BATCH = 100
# The PostgreSQL schema new connections use: the store being built or answered from (one store
# per size in one test database). Set per task; SQLAlchemy's greenlets run in its context.
_SCHEMA: ContextVar[str | None] = ContextVar("bench_schema", default=None)


@dataclass(frozen=True)
class OpenStore:
    """One store being timed: its backend and size, and the bot answering from it."""

    backend: str
    size: int
    schema: str | None
    application: BriefApplication
    recorder: RecordingRequest


def extract_bases(nlp: Language, shared: Path) -> list[ExtractedArticle]:
    """The seed and development articles, extracted once by the real pipeline."""
    return [extract(nlp, read_path(path, max_bytes=MAX_BYTES)) for path in article_files(shared)]


@event.listens_for(Pool, "connect")
def _use_schema(dbapi_connection: Any, _record: Any) -> None:
    """Point a new PostgreSQL connection at the current store's schema."""
    schema = _SCHEMA.get()
    if schema and "asyncpg" in type(dbapi_connection).__module__:
        # On the raw connection, outside the adapter's transaction (a rollback would undo it).
        statement = f"SET search_path TO {schema}"
        dbapi_connection.run_async(lambda connection: connection.execute(statement))


async def build_store(url: str, bases: list[ExtractedArticle], size: int) -> None:
    """A fresh store at url (in the current schema on PostgreSQL) holding `size` variants."""
    engine = create_engine(url)
    if engine.dialect.name == "postgresql":
        async with engine.begin() as connection:
            await connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {_SCHEMA.get()} CASCADE")
            await connection.exec_driver_sql(f"CREATE SCHEMA {_SCHEMA.get()}")
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


async def _no_poller_lock(_engine: object) -> PollerLock:
    """A poller lock that holds nothing: the benchmark never polls, and its PostgreSQL stores
    share one database, whose one advisory lock would let only one of them open."""
    return PollerLock()


async def open_store(
    stack: AsyncExitStack, backend: str, url: str, size: int, worker: ExtractionWorker
) -> OpenStore:
    """The bot on one store, started (and stopped when the stack closes), its pools connected."""
    settings = Settings(database_url=_store(backend, url, size), telegram_token=TOKEN)
    recorder = RecordingRequest()
    application: BriefApplication = build_application(
        settings, request=recorder, extraction=worker, rate_limited=False
    )
    await stack.enter_async_context(application)
    await start_services(application)
    stack.push_async_callback(stop_services, application)
    store = OpenStore(backend, size, _SCHEMA.get(), application, recorder)
    # Connect the answers' pool now, on this store's schema.
    await _answer(store, make_command_update("/sources", bot=application.bot))
    return store


async def time_interleaved(
    stores: list[OpenStore], runs: int, only: list[str] | None = None
) -> dict[OpenStore, Timings]:
    """Milliseconds per answer of each command (or of those `only` names) and of the question
    set (not with `only`) on every store, the stores taking turns answer by answer."""
    timings: dict[OpenStore, Timings] = {store: {} for store in stores}
    for line in only or COMMANDS:
        for store, found in (await _time_line(stores, line, runs)).items():
            timings[store][line] = found
    asked = [] if only else questions()
    per_question = max(1, runs // max(1, len(asked)))
    for line in asked:
        for store, found in (await _time_line(stores, line, per_question)).items():
            timings[store].setdefault(ASK_SET, []).extend(found)
    return timings


async def _time_line(stores: list[OpenStore], line: str, runs: int) -> dict[OpenStore, list[float]]:
    """Milliseconds per answer of one line on each store, after two warm-up answers each; the
    stores answer in turn, in reverse order every other run."""
    updates = {store: make_update(line, store.application.bot) for store in stores}
    for store in stores:
        for _ in range(2):
            await _answer(store, updates[store])
    samples: dict[OpenStore, list[float]] = {store: [] for store in stores}
    for run in range(runs):
        for store in stores if run % 2 == 0 else reversed(stores):
            samples[store].append(await _answer(store, updates[store]))
    return samples


def make_update(line: str, bot: Bot) -> Update:
    """The update a line stands for: a command, or after "@" an inline query's text."""
    if not line.startswith("@"):
        return make_command_update(line, bot=bot)
    user = {"id": 4242, "is_bot": False, "first_name": "Bench", "language_code": "en"}
    query = {"id": "1", "from": user, "query": line[1:], "offset": "", "chat_type": "private"}
    return Update.de_json({"update_id": 1, "inline_query": query}, bot)


async def _answer(store: OpenStore, update: Update) -> float:
    """Milliseconds the bot takes to answer one update, the double's time left out."""
    _SCHEMA.set(store.schema)
    recorder = store.recorder
    started, served = time.perf_counter(), recorder.server_seconds
    await store.application.process_update(update)
    elapsed = time.perf_counter() - started - (recorder.server_seconds - served)
    recorder.clear()
    return elapsed * 1000


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
    _SCHEMA.set(f"bench_{size}" if backend == "postgresql" else None)
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


async def main(
    sizes: list[int],
    runs: int,
    rounds: int,
    shared: Path,
    keep: Path | None,
    only: list[str] | None = None,
) -> None:
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
        samples: dict[tuple[str, int], Timings] = {}
        application_module.acquire_poller_lock = _no_poller_lock  # type: ignore[assignment]
        worker = ExtractionWorker(Settings().spacy_model)  # one for all the stores' bots
        async with AsyncExitStack() as stack:
            stack.callback(worker.close)
            opened = [
                await open_store(stack, backend, url, size, worker)
                for size in sizes
                for backend, url in stores.items()
            ]
            for round_ in range(rounds):
                timed = await time_interleaved(opened, runs // rounds, only)
                for store, lines in timed.items():
                    for line, found in lines.items():
                        key = (store.backend, store.size)
                        samples.setdefault(key, {}).setdefault(line, []).extend(found)
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
    parser.add_argument("--runs", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--keep", type=Path, help="keep built stores here and reuse them")
    parser.add_argument("--only", nargs="+", help="time only these lines (no question set)")
    arguments = parser.parse_args()
    if arguments.keep:
        arguments.keep.mkdir(parents=True, exist_ok=True)
    asyncio.run(
        main(
            arguments.sizes,
            arguments.runs,
            arguments.rounds,
            arguments.shared,
            arguments.keep,
            arguments.only,
        )
    )
