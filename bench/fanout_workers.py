"""Benchmark the digest fan-out split across 1, 2 and 3 worker processes on one PostgreSQL store.

Each worker is a process (multiprocessing, spawn), started with the others at a barrier, that
runs one real tick (`send_due_digests`: claims FOR UPDATE SKIP LOCKED) through the real
`TelegramDigestSender` and python-telegram-bot's `Bot`, its requests answered in process
(bench.fanout's CountingRequest, here also noting each send's instant and chat). Prints, for
N = 1, 2, 3 side by side, and each worker's share of the sends:
1. unpaced (no rate limiter), `--worker-subscribers` due: digests a second of all the
   workers together, from the first worker's start to the last one's end;
2. paced (the real rate limiter, the send budget shared through PostgreSQL at `--limit`),
   `--paced-subscribers` due: the combined rate, (sends - 1) / (last send - first send),
   and the most sends in any 1-second window of the merged send instants, against the limit
   (turns come at the limit less the 10% kept for jitter: 27/s for 30).
Rounds alternate N (1 2 3 1 2 3 ...) `--rounds` times; min and median are printed, and the
worst round's busiest second. Every round checks that each subscriber got exactly one
digest: sent deliveries = subscribers, one per subscription, no chat sent twice.

Usage: BENCH_POSTGRES_URL=postgresql+asyncpg://... python bench/fanout_workers.py
    [--rounds 2] [--worker-subscribers 3000] [--paced-subscribers 600] [--limit 30]
(bench/fanout.py runs it too when BENCH_POSTGRES_URL is set). The database is migrated and
seeded when empty; its subscriptions, deliveries and send slots are emptied every round.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import sys
import time
from dataclasses import dataclass
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.fanout import DUE, TOKEN, CountingRequest, add_subscribers, started
from bot.core.digest_delivery import send_due_digests
from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import open_runtime
from bot.settings import DEFAULT_HEADROOM, FREE_RATE, Settings
from bot.telegram_adapter.application import build_application, share_send_budget, stop_services
from bot.telegram_adapter.digest_sender import TelegramDigestSender
from storage import create_engine
from tests.support.send_windows import busiest_second

WORKER_COUNTS = (1, 2, 3)
# How long workers wait for each other at the start, and the parent for their results.
BARRIER_SECONDS = 120.0
RESULT_SECONDS = 900.0


@dataclass(frozen=True)
class WorkerPlan:
    """What the workers section runs: rounds, subscribers unpaced and paced, the limit."""

    rounds: int = 2
    subscribers: int = 3_000
    paced_subscribers: int = 600
    limit: float = FREE_RATE


@dataclass(frozen=True)
class Setup:
    """What each worker process of a run is given: the store, paced or not, the limit."""

    url: str
    paced: bool
    limit: float


@dataclass(frozen=True)
class WorkerRun:
    """What one worker process did: digests sent, when its tick began and ended, its sends."""

    name: str
    sent: int
    began: float
    ended: float
    # (time.time() when the Bot API double got it, chat id), one per sendMessage.
    sends: list[tuple[float, int]]


@dataclass(frozen=True)
class Measured:
    """One run of N workers: the combined rate, the most sends in a second, each one's share."""

    rate: float
    busiest_second: int
    shares: list[float]


class TimedRequest(CountingRequest):
    """CountingRequest noting when each message arrived (time.time()) and for which chat."""

    def __init__(self) -> None:
        super().__init__()
        self.sends: list[tuple[float, int]] = []

    def _send_message(
        self, params: dict[str, Any], bot: dict[str, Any], **fields: Any
    ) -> dict[str, Any]:
        self.sends.append((time.time(), int(params["chat_id"])))
        return super()._send_message(params, bot, **fields)


def worker_main(name: str, setup: Setup, barrier: Barrier, results: Queue[Any]) -> None:
    """A worker process: one tick started with the others; its WorkerRun (or error) put on `results`."""
    try:
        run = asyncio.run(one_tick(name, setup, barrier))
    except BaseException as error:
        barrier.abort()  # the others stop waiting for this one
        results.put(f"{name}: {error!r}")
        raise
    results.put(run)


async def one_tick(name: str, setup: Setup, barrier: Barrier) -> WorkerRun:
    """Connect, wait for the other workers, run the digest tick; what this worker did."""
    settings = Settings(
        database_url=setup.url,
        telegram_token=TOKEN,
        telegram_rate_per_second=setup.limit,
        allow_paid_broadcast=setup.limit > FREE_RATE,
    )
    request = TimedRequest()
    application = build_application(settings, request=request, rate_limited=setup.paced)
    await application.initialize()
    runtime = await open_runtime(settings)
    share_send_budget(application, runtime)  # paced: the budget shared through PostgreSQL
    try:
        barrier.wait(BARRIER_SECONDS)
        began = time.time()
        sender = TelegramDigestSender(application.bot)
        report = await send_due_digests(runtime, sender, now=DUE, worker=name)
        ended = time.time()
    finally:
        await runtime.close()
        await application.shutdown()
    return WorkerRun(name, report.sent, began, ended, request.sends)


def run_workers(setup: Setup, count: int) -> list[WorkerRun]:
    """Start `count` worker processes on the store together; what each did, by name."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(count)
    results: Queue[Any] = context.Queue()
    processes = [
        context.Process(target=worker_main, args=(f"worker-{n}", setup, barrier, results))
        for n in range(1, count + 1)
    ]
    for process in processes:
        process.start()
    answers = [results.get(timeout=RESULT_SECONDS) for _ in processes]
    for process in processes:
        process.join()
    failures = [answer for answer in answers if isinstance(answer, str)]
    if failures:
        raise RuntimeError("a worker failed: " + "; ".join(failures))
    return sorted(answers, key=lambda run: run.name)


async def reset_store(url: str, subscribers: int) -> None:
    """No subscription, delivery or send slot left; then `subscribers` subscribers, all due."""
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.exec_driver_sql("TRUNCATE deliveries, subscriptions, send_slots")
    await engine.dispose()
    await add_subscribers(url, subscribers)


async def sent_by_worker(url: str) -> tuple[dict[str, int], int]:
    """Sent deliveries by the worker that claimed them, and the subscriptions they went to."""
    engine = create_engine(url)
    async with engine.connect() as connection:
        rows = await connection.exec_driver_sql(
            "SELECT claimant, count(*) FROM deliveries WHERE status = 'sent' GROUP BY claimant"
        )
        by_worker = {str(worker): int(count) for worker, count in rows.all()}
        distinct = await connection.exec_driver_sql(
            "SELECT count(DISTINCT subscription_id) FROM deliveries WHERE status = 'sent'"
        )
        subscriptions = int(distinct.scalar_one())
    await engine.dispose()
    return by_worker, subscriptions


def check_exactly_once(
    runs: list[WorkerRun], by_worker: dict[str, int], subscriptions: int, subscribers: int
) -> None:
    """Raise unless each subscriber got exactly one digest, by the store and by the sends."""
    chats = [chat for run in runs for _, chat in run.sends]
    delivered = sum(by_worker.values())
    problems = [
        (delivered != subscribers, f"{delivered:,} deliveries sent"),
        (subscriptions != subscribers, f"sent to {subscriptions:,} subscriptions"),
        (len(chats) != subscribers, f"{len(chats):,} messages sent"),
        (len(set(chats)) != len(chats), f"{len(chats) - len(set(chats))} chats sent twice"),
        (
            by_worker != {run.name: len(run.sends) for run in runs if run.sends},
            f"the workers' deliveries {by_worker} differ from their messages",
        ),
    ]
    wrong = [problem for failed, problem in problems if failed]
    if wrong:
        raise RuntimeError(
            f"not one digest each for {subscribers:,} subscribers: {'; '.join(wrong)}"
        )


def measured(runs: list[WorkerRun], subscribers: int, *, paced: bool) -> Measured:
    """The figures of one run: unpaced, digests over the ticks' span; paced, over the sends'."""
    instants = sorted(instant for run in runs for instant, _ in run.sends)
    if paced:
        rate = (len(instants) - 1) / (instants[-1] - instants[0])
    else:
        rate = subscribers / (max(run.ended for run in runs) - min(run.began for run in runs))
    shares = [len(run.sends) / len(instants) for run in runs]
    return Measured(rate, busiest_second(instants), shares)


async def measure(setup: Setup, count: int, subscribers: int) -> Measured:
    """Run `count` workers over `subscribers` due subscribers, check each got one digest; figures."""
    await reset_store(setup.url, subscribers)
    runs = await asyncio.to_thread(run_workers, setup, count)
    by_worker, subscriptions = await sent_by_worker(setup.url)
    check_exactly_once(runs, by_worker, subscriptions, subscribers)
    return measured(runs, subscribers, paced=setup.paced)


async def measure_rounds(setup: Setup, subscribers: int, rounds: int) -> dict[int, list[Measured]]:
    """Every worker count, alternated (1 2 3 1 2 3 ...), `rounds` times; the runs by count."""
    runs: dict[int, list[Measured]] = {count: [] for count in WORKER_COUNTS}
    for _ in range(rounds):
        for count in WORKER_COUNTS:
            runs[count].append(await measure(setup, count, subscribers))
    return runs


def shares_text(runs: list[Measured]) -> str:
    """Each worker's share of the sends, in percent, one group per round."""
    return " | ".join("/".join(f"{share * 100:.0f}" for share in run.shares) for run in runs)


def print_table(
    plan: WorkerPlan, unpaced: dict[int, list[Measured]], paced: dict[int, list[Measured]]
) -> None:
    """Unpaced and paced figures for each worker count, side by side."""
    print(
        f"workers on one PostgreSQL, rounds: {plan.rounds} (min / median; max in 1 s: worst); "
        f"{plan.subscribers:,} due unpaced, {plan.paced_subscribers:,} due paced at the "
        f"limit {plan.limit:g}/s (turns at {plan.limit * (1 - DEFAULT_HEADROOM):g}/s)"
    )
    print(
        f"{'N':>2}  {'unpaced digests/s':>17}  {'shares % (each round)':<26}"
        f"{'paced /s':>13}  {'max in 1 s':>10}  {'shares % (each round)'}"
    )
    for count in WORKER_COUNTS:
        free = [run.rate for run in unpaced[count]]
        kept = [run.rate for run in paced[count]]
        worst = max(run.busiest_second for run in paced[count])
        print(
            f"{count:>2}  {min(free):>8,.0f} / {statistics.median(free):>6,.0f}  "
            f"{shares_text(unpaced[count]):<26}{min(kept):>6.1f} / {statistics.median(kept):<4.1f}"
            f"  {worst:>4} ≤ {plan.limit:<3g}  {shares_text(paced[count])}"
        )
    print("every round: each subscriber got exactly one digest (no chat sent twice)")


async def workers_section(url: str, worker: ExtractionWorker, plan: WorkerPlan) -> None:
    """Unpaced and paced fan-outs by 1, 2 and 3 worker processes on the store; the table."""
    application, _ = await started(url, worker, rate_limited=False)  # migrated and seeded
    await stop_services(application)
    await application.shutdown()
    unpaced = await measure_rounds(Setup(url, False, plan.limit), plan.subscribers, plan.rounds)
    paced = await measure_rounds(Setup(url, True, plan.limit), plan.paced_subscribers, plan.rounds)
    print_table(plan, unpaced, paced)


def add_worker_arguments(parser: argparse.ArgumentParser) -> None:
    """The workers section's options."""
    parser.add_argument("--rounds", type=int, default=WorkerPlan.rounds)
    parser.add_argument("--worker-subscribers", type=int, default=WorkerPlan.subscribers)
    parser.add_argument("--paced-subscribers", type=int, default=WorkerPlan.paced_subscribers)
    parser.add_argument("--limit", type=float, default=WorkerPlan.limit)


def worker_plan(arguments: argparse.Namespace) -> WorkerPlan:
    """The plan the parsed options ask for."""
    return WorkerPlan(
        arguments.rounds, arguments.worker_subscribers, arguments.paced_subscribers, arguments.limit
    )


async def main(url: str, plan: WorkerPlan) -> None:
    """The workers section alone, with an extraction worker for seeding an empty store."""
    worker = ExtractionWorker(Settings().spacy_model)
    try:
        await workers_section(url, worker, plan)
    finally:
        worker.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_worker_arguments(parser)
    arguments = parser.parse_args()
    postgres = os.environ.get("BENCH_POSTGRES_URL")
    if not postgres:
        parser.error("BENCH_POSTGRES_URL must name a PostgreSQL database the bench may empty")
    asyncio.run(main(postgres, worker_plan(arguments)))
