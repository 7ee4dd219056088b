"""Daily digests: send the due ones, each exactly once, and record how each went.

Every minute a tick (`send_due_digests`) does four things, and no state lives only in memory
(the claim policy of steps 1 and 2 is in `digest_claims`):
1. take back deliveries left behind: retries whose turn has come, and claims older than the
   lease (their process died mid-send);
2. claim the subscriptions that are due, a chunk at a time in one short transaction: one
   delivery row per (subscription, local date), inserted together with moving the
   subscription's next due instant to its next local date; a day missed by more than the
   grace period is skipped instead. Rows another worker is claiming are skipped, so
   workers on one store split the fan-out;
3. send each claimed digest, written in its subscriber's language (`digest_composer` builds
   each distinct digest once per language), through a `DigestSender`, a few at a time (the
   sender keeps Telegram's limits: the bot's send budget, shared by every worker), and
   record it sent (a group of sends that finished together is recorded in one
   transaction) or failed: a blocked or vanished chat deactivates the
   subscription at once, another refusal gives the day up, and other failures are retried
   on later ticks, a bounded number of times;
4. delete the records whose retention is up (bot.core.pruning): old delivery records,
   long-inactive subscriptions, expired pagers.
A send holds its slot until its outcome is written, so at most CONCURRENCY digests are sent
and not yet recorded at any instant. A crash there leaves claims that the next process
resends after the lease: only those digests can arrive twice (see README, "Digests").
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.core.clock import utc_now
from bot.core.digest_claims import WORKER, Claimed, Job, claim_due, reclaim_stale
from bot.core.digest_composer import Composer
from bot.core.digest_sender import DigestSender, Failure, NotSent, Sent
from bot.core.group_commit import GroupCommit
from bot.core.pruning import prune_expired_records
from bot.core.runtime import Runtime
from briefings.i18n import use_language
from storage import (
    SentDigest,
    complete_deliveries,
    deactivate_subscription,
    fail_delivery,
)

log = logging.getLogger(__name__)

# Claimed in one transaction (memory stays flat however many are due); the next chunk is
# claimed once all of these have a send slot, so a claim waits at most about
# CLAIM_CHUNK / rate seconds, far inside the lease.
CLAIM_CHUNK = 32
# Sends in flight at once: enough to keep the pace, few enough that little is in flight.
CONCURRENCY = 8


@dataclass
class FanoutReport:
    """What one tick did, counted."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    deactivated: int = 0
    skipped: int = 0
    claimed: int = 0
    pruned: int = 0


async def send_due_digests(
    runtime: Runtime,
    sender: DigestSender,
    *,
    now: datetime | None = None,
    worker: str = WORKER,
) -> FanoutReport:
    """One tick: send the retries and dead claims, then every due digest; what it did.

    Both are claimed a chunk at a time, just ahead of their sends, until none is left; rows
    another worker is claiming are skipped, so workers on one store split the fan-out.
    `now` fixes the clock (tests); `worker` names the claiming process (tests run several).
    Pacing is the sender's: Telegram's limits are kept by the bot's send budget.
    """
    fanout = _Fanout(runtime, sender, worker)
    moment = now or utc_now()
    lease = timedelta(seconds=runtime.settings.digest_claim_lease_seconds)
    await _claim_until_none_left(
        fanout,
        lambda: reclaim_stale(runtime, lease=lease, worker=worker, now=moment, limit=CLAIM_CHUNK),
    )
    await _claim_until_none_left(
        fanout, lambda: claim_due(runtime, worker=worker, now=now or utc_now(), limit=CLAIM_CHUNK)
    )
    report = await fanout.finish()
    report.pruned = await prune_expired_records(runtime, now=moment)
    return report


async def _claim_until_none_left(
    fanout: _Fanout, claim_chunk: Callable[[], Awaitable[Claimed]]
) -> None:
    """Claim a chunk and start its sends, again and again, until a chunk comes back short."""
    while True:
        claimed = await claim_chunk()
        await fanout.start_all(claimed)
        if claimed.found < CLAIM_CHUNK:
            return


@dataclass
class _Fanout:
    """Sends claimed digests a few at a time and records each outcome."""

    runtime: Runtime
    sender: DigestSender
    worker: str
    report: FanoutReport = field(default_factory=FanoutReport)
    composer: Composer = field(init=False)
    _slots: asyncio.Semaphore = field(init=False)
    _sent: GroupCommit[SentDigest] = field(init=False)
    _running: set[asyncio.Task[None]] = field(default_factory=set)
    _error: BaseException | None = None

    def __post_init__(self) -> None:
        self.composer = Composer(self.runtime)
        self._slots = asyncio.Semaphore(CONCURRENCY)
        self._sent = GroupCommit(self._write_sent)

    async def start_all(self, claimed: Claimed) -> None:
        """Start sending a chunk's claimed digests, each as soon as a slot is free."""
        self.report.skipped += claimed.skipped
        for job in claimed.jobs:
            await self.start(job)

    async def start(self, job: Job) -> None:
        """Start sending a claimed digest as soon as a slot is free."""
        await self._slots.acquire()
        self.report.claimed += 1
        task = asyncio.create_task(self._deliver(job))
        self._running.add(task)
        task.add_done_callback(self._settled)

    async def finish(self) -> FanoutReport:
        """Wait for the sends still running; what the tick did (or the first error a send hit)."""
        while self._running:
            await asyncio.wait(set(self._running))
        if self._error is not None:
            raise self._error
        return self.report

    async def _deliver(self, job: Job) -> None:
        """Send one digest and record it; the slot is held until the record is written."""
        try:
            await _send_one(self, job)
        finally:
            self._slots.release()

    def _settled(self, task: asyncio.Task[None]) -> None:
        """Forget a finished send, keeping the first error for `finish`."""
        self._running.discard(task)
        if self._error is None and (task.cancelled() or task.exception() is not None):
            self._error = asyncio.CancelledError() if task.cancelled() else task.exception()

    async def record_sent(self, sent: SentDigest) -> None:
        """Record a digest sent, written together with the others that finished meanwhile."""
        await self._sent.add(sent)
        self.report.sent += 1

    async def _write_sent(self, sent: list[SentDigest]) -> None:
        """Mark a group of digests sent, in one transaction."""
        async with self.runtime.write_lock, self.runtime.sessions.begin() as session:
            await complete_deliveries(session, sent)


async def _send_one(fanout: _Fanout, job: Job) -> None:
    """Send one digest, in its subscriber's language, and record how it went."""
    subscription = job.subscription
    digest = await fanout.composer.digest(
        subscription.seen_article_id, job.local_date, subscription.language
    )
    # The sender renders what it adds (button labels) in the digest's language.
    with use_language(digest.language):
        outcome = await fanout.sender.send(subscription.chat_id, digest)
    match outcome:
        case Sent(message_id):
            sent = SentDigest(job.delivery_id, utc_now(), message_id, digest.newest_article_id)
            await fanout.record_sent(sent)
        case NotSent(Failure.RETRY_LATER, error):
            await _retry_later(fanout, job, error)
        case NotSent(failure, error):
            await _give_up(fanout, job, error, deactivate=failure.stops_subscription)


async def _give_up(fanout: _Fanout, job: Job, error: str, *, deactivate: bool) -> None:
    """Record a failure that retrying will not fix; stop the subscription if the chat is gone."""
    runtime = fanout.runtime
    async with runtime.write_lock, runtime.sessions.begin() as session:
        await fail_delivery(
            session, delivery_id=job.delivery_id, error=error, retry=False, max_attempts=1
        )
        if deactivate:
            await deactivate_subscription(
                session, subscription_id=job.subscription.id, reason=error
            )
    log.warning("digest to chat %d not sent (%s)", job.subscription.chat_id, error)
    fanout.report.failed += 1
    fanout.report.deactivated += deactivate


async def _retry_later(fanout: _Fanout, job: Job, error: str) -> None:
    """Record a failure worth retrying on a later tick, up to the settings' attempts."""
    runtime = fanout.runtime
    async with runtime.write_lock, runtime.sessions.begin() as session:
        status = await fail_delivery(
            session,
            delivery_id=job.delivery_id,
            error=error,
            retry=True,
            max_attempts=runtime.settings.digest_max_attempts,
        )
    log.warning("digest to chat %d failed (%s): %s", job.subscription.chat_id, status, error)
    if status == "retry":
        fanout.report.retrying += 1
    else:
        fanout.report.failed += 1
