"""Benchmark the digest fan-out: our own cost, the paced wall time, memory, and answers meanwhile.

Runs the real tick (`bot.core.digest_delivery.send_due_digests`) through the real
`TelegramDigestSender` and python-telegram-bot's real `Bot`, with a request class that answers
every call at once (no network), on a SQLite store holding the seed articles and N
subscribers, all due. Prints:
1. digests composed and sent per second for 10,000 subscribers with no rate limit (our own
   cost; target at least 300/s, ten times Telegram's 30/s);
2. with the rate limiter on, the wall time for 1,000 subscribers against the ideal
   1,000 / 27 s (30 a second less the 10% the send budget keeps for jitter; target within 5%), and the p99 latency of `/who` answered through
   `Application.process_update` during that fan-out (target under 1 s);
3. peak traced memory (tracemalloc) of the fan-out for 1,000 and 10,000 subscribers
   (target: flat, since due subscriptions are read and sent a batch at a time).

Usage: python bench/fanout.py [--large 10000] [--paced 1000]
    [--rounds 2] [--worker-subscribers 3000] [--paced-subscribers 600] [--limit 30]
With BENCH_POSTGRES_URL naming a test database (its tables are dropped), the own cost is
also measured on PostgreSQL, and so are 1, 2 and 3 worker processes sharing the fan-out,
unpaced and paced at the shared limit (the last four options; see bench/fanout_workers.py,
which also runs alone).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.core.digest_delivery import send_due_digests
from bot.core.extraction_worker import ExtractionWorker
from bot.settings import DEFAULT_HEADROOM, FREE_RATE, Settings
from bot.telegram_adapter.application import (
    BriefApplication,
    build_application,
    start_services,
    stop_services,
)
from bot.telegram_adapter.digest_sender import TelegramDigestSender
from storage import create_engine, delivery_summary, make_session_factory, subscribe
from storage.tables import Base
from tests.support.bot_api_objects import make_command_update
from tests.support.recording_request import RecordingRequest

if TYPE_CHECKING:
    from bench.fanout_workers import WorkerPlan

TOKEN = "123456:BENCH"
DUE = datetime(2025, 3, 21, 6, 0, tzinfo=UTC)
FIRST_CHAT = 100_000
ASKER = 42


class CountingRequest(RecordingRequest):
    """Answers like RecordingRequest but keeps no log and skips its HTML parsing.

    Telegram's work (parsing the HTML into entities) is not ours: a sent message is answered
    with a minimal Message, so the figures measure the bot alone.
    """

    sent = 0

    def _send_message(
        self, params: dict[str, Any], bot: dict[str, Any], **fields: Any
    ) -> dict[str, Any]:
        chat = {"id": int(params["chat_id"]), "type": "private"}
        return {"message_id": 1, "date": 0, "chat": chat, "from": bot, "text": "…"}

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Answer the call, count sends, forget it."""
        answer = await super().do_request(url, *args, **kwargs)
        self.sent += url.endswith("/sendMessage")
        self.clear()
        return answer


async def add_subscribers(url: str, count: int) -> None:
    """`count` subscribers, all due at DUE."""
    engine = create_engine(url)
    sessions = make_session_factory(engine)
    async with sessions.begin() as session:
        for n in range(count):
            await subscribe(
                session,
                chat_id=FIRST_CHAT + n,
                user_id=None,
                local_time=clock_time(8),
                zone="Europe/Kyiv",
                next_due_at=DUE,
                now=DUE - timedelta(days=1),
            )
    await engine.dispose()


async def started(
    store: Path | str, worker: ExtractionWorker, *, rate_limited: bool
) -> tuple[BriefApplication, CountingRequest]:
    """The bot on a store (a SQLite file or a database URL), services started, requests answered in process."""
    settings = Settings(
        database_url=store if isinstance(store, str) else f"sqlite+aiosqlite:///{store}",
        telegram_token=TOKEN,
        seeds_dir=Path(__file__).resolve().parents[1] / "seeds",
    )
    request = CountingRequest()
    application = build_application(
        settings, request=request, extraction=worker, rate_limited=rate_limited
    )
    await application.initialize()
    await start_services(application)
    return application, request


async def fresh_store(template: Path, directory: Path, count: int) -> Path:
    """A copy of the seeded store with `count` due subscribers."""
    store = directory / f"fanout-{count}-{time.monotonic_ns()}.db"
    shutil.copy(template, store)
    await add_subscribers(f"sqlite+aiosqlite:///{store}", count)
    return store


async def postgres_store(url: str, worker: ExtractionWorker, count: int) -> str:
    """The PostgreSQL test database emptied, migrated, seeded, with `count` due subscribers."""
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.drop_all)
        await connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    await engine.dispose()
    application, _ = await started(url, worker, rate_limited=False)
    await stop_services(application)
    await application.shutdown()
    await add_subscribers(url, count)
    return url


async def own_cost(
    template: Path,
    directory: Path,
    worker: ExtractionWorker,
    count: int,
    postgres: str | None = None,
) -> None:
    """Digests per second with no pacing and no rate limiter."""
    if postgres:
        store: Path | str = await postgres_store(postgres, worker, count)
    else:
        store = await fresh_store(template, directory, count)
    application, _ = await started(store, worker, rate_limited=False)
    runtime = application.bot_data.runtime
    assert runtime is not None
    began = time.perf_counter()
    report = await send_due_digests(runtime, TelegramDigestSender(application.bot), now=DUE)
    elapsed = time.perf_counter() - began
    backend = "PostgreSQL" if postgres else "SQLite"
    print(
        f"own cost ({backend}): {report.sent:,} digests in {elapsed:.1f} s = "
        f"{report.sent / elapsed:,.0f}/s (target >= 300/s)"
    )
    await stop_services(application)
    await application.shutdown()


async def paced(template: Path, directory: Path, worker: ExtractionWorker, count: int) -> None:
    """Wall time with the limiter on, and /who latency meanwhile."""
    application, _request = await started(
        await fresh_store(template, directory, count), worker, rate_limited=True
    )
    runtime = application.bot_data.runtime
    assert runtime is not None
    began = time.perf_counter()
    fanout = asyncio.create_task(
        send_due_digests(runtime, TelegramDigestSender(application.bot), now=DUE)
    )
    latencies: list[float] = []
    while not fanout.done():
        update = make_command_update(
            "/who", bot=application.bot, chat_id=ASKER, update_id=len(latencies) + 1
        )
        asked = time.perf_counter()
        await application.process_update(update)
        latencies.append(time.perf_counter() - asked)
        await asyncio.sleep(1.0)
    report = await fanout
    elapsed = time.perf_counter() - began
    # Turns come at the free rate less the share kept for jitter (bot.core.send_budget).
    ideal = count / (FREE_RATE * (1 - DEFAULT_HEADROOM))
    p99 = sorted(latencies)[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    print(
        f"paced: {report.sent:,} digests in {elapsed:.1f} s; ideal {ideal:.1f} s; "
        f"{(elapsed / ideal - 1) * 100:+.1f}% (target within 5%)"
    )
    print(
        f"/who during the fan-out: {len(latencies)} answers, p50 {statistics.median(latencies) * 1000:.0f} ms, "
        f"p99 {p99 * 1000:.0f} ms (target under 1 s)"
    )
    await stop_services(application)
    await application.shutdown()


async def peak_memory(
    template: Path, directory: Path, worker: ExtractionWorker, count: int
) -> float:
    """Peak traced memory of one unpaced fan-out to `count` subscribers, in MB."""
    application, _ = await started(
        await fresh_store(template, directory, count), worker, rate_limited=False
    )
    runtime = application.bot_data.runtime
    assert runtime is not None
    tracemalloc.start()
    report = await send_due_digests(runtime, TelegramDigestSender(application.bot), now=DUE)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    async with runtime.sessions() as session:
        assert (await delivery_summary(session)).get("sent") == report.sent == count
    await stop_services(application)
    await application.shutdown()
    return peak / 1e6


async def seeded_template(directory: Path, worker: ExtractionWorker) -> Path:
    """A store holding the seed articles, built once."""
    store = directory / "seeded.db"
    application, _ = await started(store, worker, rate_limited=False)
    await stop_services(application)
    await application.shutdown()
    return store


async def main(large: int, paced_count: int, plan: WorkerPlan) -> None:
    """Run the measurements and print their figures (workers: on PostgreSQL only)."""
    # Imported here, not at the top: bench.fanout_workers builds on this module.
    from bench.fanout_workers import workers_section

    worker = ExtractionWorker(Settings().spacy_model)  # one for every bot started here
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        template = await seeded_template(directory, worker)
        await own_cost(template, directory, worker, large)
        postgres = os.environ.get("BENCH_POSTGRES_URL")
        if postgres:
            await own_cost(template, directory, worker, large, postgres)
        await paced(template, directory, worker, paced_count)
        small_peak = await peak_memory(template, directory, worker, paced_count)
        large_peak = await peak_memory(template, directory, worker, large)
        print(
            f"peak memory of the fan-out: {small_peak:.1f} MB at {paced_count:,}, "
            f"{large_peak:.1f} MB at {large:,} ({large_peak / small_peak:.2f}x; target flat)"
        )
        if postgres:
            await workers_section(postgres, worker, plan)
    worker.close()


if __name__ == "__main__":
    from bench.fanout_workers import add_worker_arguments, worker_plan

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--large", type=int, default=10_000)
    parser.add_argument("--paced", type=int, default=1_000)
    add_worker_arguments(parser)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.large, arguments.paced, worker_plan(arguments)))
