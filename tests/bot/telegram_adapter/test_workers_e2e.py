"""Three worker processes on one PostgreSQL store through the Bot API double (issue 19's bar).

Each worker is `briefbot run` in its own process, polling the double: one polls, the others
stand by. 2,000 subscribers fall due at once; every one must get exactly one digest, every
worker must send a share, and the double must never see more sends in one second than the
shared budget allows (TELEGRAM_RATE_PER_SECOND, paid broadcasts on to make it 100 a second,
so the test takes about 25 s instead of over a minute).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from app_builders import REPO, TOKEN
from sqlalchemy import select, text, update

from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import Runtime, open_runtime
from bot.core.seeding import ensure_seeded
from bot.settings import Settings
from storage import subscribe
from storage.delivery_tables import DeliveryRow, SubscriptionRow
from storage.tables import Base
from tests.support.bot_api_double import BotApiDouble
from tests.support.postgres import postgres_url
from tests.support.send_windows import busiest_second

pytestmark = pytest.mark.postgres

WORKERS = 3
SUBSCRIBERS = 2000
FIRST_CHAT = 500_000
RATE = 100
STANDBY = "this one sends digests and stands by"
POLLING = "taking updates by long polling"


async def seeded_postgres_store(extraction_worker: ExtractionWorker) -> Runtime:
    """The PostgreSQL test store emptied, migrated, seeded, with 2,000 inactive subscribers."""
    url = postgres_url()
    runtime = await open_runtime(Settings(database_url=url), extraction_worker)
    async with runtime.engine.begin() as connection:
        await connection.run_sync(Base.metadata.drop_all)
        await connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    await runtime.close()
    runtime = await open_runtime(
        Settings(database_url=url, seeds_dir=REPO / "seeds"), extraction_worker
    )
    await ensure_seeded(runtime)
    due = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)
    async with runtime.sessions.begin() as session:
        for n in range(SUBSCRIBERS):
            await subscribe(
                session,
                chat_id=FIRST_CHAT + n,
                user_id=FIRST_CHAT + n,
                local_time=due.time(),
                zone="UTC",
                next_due_at=due,
                now=due - timedelta(days=1),
            )
        # Held back until every worker runs, so that all of them are there to share the work.
        await session.execute(update(SubscriptionRow).values(active=False))
    return runtime


def worker_environment(double: BotApiDouble) -> dict[str, str]:
    """The environment of `briefbot run` on the test store, polling the double."""
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "DATABASE_URL": postgres_url(),
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": double.base_url,
        "ADMIN_IDS": "",
        "SEEDS_DIR": str(REPO / "seeds"),
        "DIGEST_TICK_SECONDS": "1",
        "TELEGRAM_RATE_PER_SECOND": str(RATE),
        "ALLOW_PAID_BROADCAST": "true",
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }


def start_workers(
    double: BotApiDouble, folder: Path
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """Start the worker processes, each logging to a file of its own."""
    for n in range(WORKERS):
        log = folder / f"worker{n}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot.terminal.cli", "run"],
                cwd=folder,
                env=worker_environment(double),
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        yield process, log


async def wait_until(condition: object, seconds: float, what: str) -> None:
    """Poll a condition (a callable) every 0.2 s until it holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.2)


async def test_three_workers_send_each_digest_once_within_the_shared_rate(
    double: BotApiDouble, extraction_worker: ExtractionWorker, tmp_path: Path
) -> None:
    runtime = await seeded_postgres_store(extraction_worker)
    chats = set(range(FIRST_CHAT, FIRST_CHAT + SUBSCRIBERS))
    for chat in chats:
        double.add_chat(chat)
    workers = list(start_workers(double, tmp_path))
    try:
        standing_by = lambda: sum(STANDBY in log.read_text() for _, log in workers)  # noqa: E731
        await wait_until(lambda: standing_by() == WORKERS - 1, 60, "two workers standing by")
        polling = lambda: sum(POLLING in log.read_text() for _, log in workers)  # noqa: E731
        await wait_until(lambda: polling() == 1, 30, "one worker polling")
        async with runtime.sessions.begin() as session:
            await session.execute(update(SubscriptionRow).values(active=True))
        digests = lambda: [c for c in double.calls("sendMessage") if c.params["chat_id"] in chats]  # noqa: E731
        await wait_until(lambda: len(digests()) >= SUBSCRIBERS, 120, "every digest")
        await asyncio.sleep(2)  # a duplicate would arrive meanwhile
    finally:
        for process, _ in workers:
            process.send_signal(signal.SIGTERM)
        codes = [process.wait(timeout=60) for process, _ in workers]
    sent = digests()
    assert codes == [0] * WORKERS, [log.read_text()[-2000:] for _, log in workers]
    assert Counter(call.params["chat_id"] for call in sent) == Counter(chats)
    assert busiest_second([call.at for call in sent]) <= RATE
    async with runtime.sessions() as session:
        rows = (await session.execute(select(DeliveryRow.status, DeliveryRow.worker))).all()
    await runtime.close()
    assert Counter(status for status, _ in rows) == {"sent": SUBSCRIBERS}
    shares = Counter(claimant for _, claimant in rows)
    assert len(shares) == WORKERS
    assert min(shares.values()) >= SUBSCRIBERS // 20, shares
    span = max(call.at for call in sent) - min(call.at for call in sent)
    print(  # the figures behind the bar, shown with pytest -s
        f"shares {sorted(shares.values())}; busiest second {busiest_second([c.at for c in sent])}"
        f" of {RATE}; mean {SUBSCRIBERS / span:.1f} a second over {span:.1f} s"
    )
