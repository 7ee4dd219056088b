"""Daily digests: send the due ones, each exactly once, and record how each went.

Every minute a tick (`send_due_digests`) does three things, and no state lives only in memory:
1. take back deliveries left behind: retries whose turn has come, and claims older than the
   lease (their process died mid-send);
2. claim the subscriptions that are due, a chunk at a time in one short transaction: one
   delivery row per (subscription, local date), inserted together with moving the
   subscription's next due instant to its next local date; a day missed by more than the
   grace period is skipped instead;
3. send each claimed digest, a few at a time and paced below Telegram's overall limit, and
   record it sent (a group of sends that finished together is recorded in one transaction)
   or failed: a 403 deactivates the subscription at once; other failures are retried on
   later ticks, a bounded number of times.
A send holds its slot until its outcome is written, so at most CONCURRENCY digests are sent
and not yet recorded at any instant. A crash there leaves claims that the next process
resends after the lease: only those digests can arrive twice (see README, "Digests").
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from aiolimiter import AsyncLimiter
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.core.clock import utc_now
from bot.core.digest_composer import Composer, Digest
from bot.core.group_commit import GroupCommit
from bot.core.runtime import Runtime
from bot.telegram_adapter.buttons import NO_PREVIEW
from briefings.schedules.occurrences import Occurrence, following, next_occurrence, occurrence_at
from storage import (
    DeliveryRecord,
    DueClaim,
    SentDigest,
    SubscriptionRecord,
    claim_deliveries,
    complete_deliveries,
    deactivate_subscription,
    due_subscriptions,
    fail_delivery,
    reclaim_delivery,
    reschedule,
    stale_deliveries,
)

log = logging.getLogger(__name__)

# The worker that claims deliveries: this process, told apart from others on the same store.
WORKER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
# Due subscriptions read at a time: memory stays flat however many are due.
BATCH = 1000
# Claimed in one transaction; the next chunk is claimed once all of these have a send slot,
# so a claim waits at most about CLAIM_CHUNK / rate seconds, far inside the lease.
CLAIM_CHUNK = 32
# Sends in flight at once: enough to keep the pace, few enough that little is in flight.
CONCURRENCY = 8


@dataclass(frozen=True)
class Job:
    """A delivery this process owns and must send: whose, for which local date."""

    delivery_id: int
    subscription: SubscriptionRecord
    local_date: date


@dataclass
class FanoutReport:
    """What one tick did, counted."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    deactivated: int = 0
    skipped: int = 0
    claimed: int = 0


async def send_due_digests(
    runtime: Runtime,
    bot: Bot,
    *,
    now: datetime | None = None,
    worker: str = WORKER,
    rate: float | None = None,
) -> FanoutReport:
    """One tick: send the retries and dead claims, then every due digest; what it did.

    Due subscriptions are read a batch at a time until none is left, and claimed a chunk at
    a time just ahead of their sends. `now` fixes the clock (tests); `worker` names the
    claiming process (tests run several); `rate` overrides DIGEST_RATE_PER_SECOND (0: no
    pacing).
    """
    per_second = runtime.settings.digest_rate_per_second if rate is None else rate
    sender = _Sender(runtime, bot, worker, per_second)
    moment = now or utc_now()
    lease = timedelta(seconds=runtime.settings.digest_claim_lease_seconds)
    async with runtime.sessions() as session:
        stale = await stale_deliveries(session, now=moment, lease=lease, limit=BATCH)
    for delivery in stale:
        await sender.start(await sender.reclaim(delivery, moment))
    while await _send_batch(runtime, sender, now or utc_now()) == BATCH:
        pass
    return await sender.finish()


async def _send_batch(runtime: Runtime, sender: _Sender, now: datetime) -> int:
    """Claim and start sending one batch of due digests; how many subscriptions were due.

    The batch is dropped on return, before the next one is read: one batch in memory at a time.
    """
    async with runtime.sessions() as session:
        due = await due_subscriptions(session, now=now, limit=BATCH)
    for start in range(0, len(due), CLAIM_CHUNK):
        for job in await sender.claim(due[start : start + CLAIM_CHUNK], now):
            await sender.start(job)
    return len(due)


@dataclass
class _Sender:
    """Claims digests, sends them a few at a time, paced, and records each outcome."""

    runtime: Runtime
    bot: Bot
    worker: str
    rate: float
    report: FanoutReport = field(default_factory=FanoutReport)
    composer: Composer = field(init=False)
    _slots: asyncio.Semaphore = field(init=False)
    _pace: AsyncLimiter | None = field(init=False)
    _sent: GroupCommit[SentDigest] = field(init=False)
    _running: set[asyncio.Task[None]] = field(default_factory=set)
    _error: BaseException | None = None

    def __post_init__(self) -> None:
        self.composer = Composer(self.runtime)
        self._slots = asyncio.Semaphore(CONCURRENCY)
        self._pace = AsyncLimiter(self.rate, 1) if self.rate > 0 else None
        self._sent = GroupCommit(self._write_sent)

    async def reclaim(self, delivery: DeliveryRecord, now: datetime) -> Job | None:
        """Take back a retry or a dead process's claim; the job if this worker won it."""
        async with self.runtime.write_lock, self.runtime.sessions.begin() as session:
            won = await reclaim_delivery(
                session,
                delivery_id=delivery.id,
                status=delivery.status,
                claimed_at=delivery.claimed_at,
                worker=self.worker,
                now=now,
            )
        return Job(delivery.id, delivery.subscription, delivery.local_date) if won else None

    async def claim(self, due: list[SubscriptionRecord], now: datetime) -> list[Job]:
        """Claim the due subscriptions' digests in one transaction, skipping days past the grace."""
        grace = timedelta(hours=self.runtime.settings.digest_grace_hours)
        claims = [_due_claim(subscription, now) for subscription in due]
        late = [claim for claim in claims if now - claim.expected_due > grace]
        timely = [claim for claim in claims if now - claim.expected_due <= grace]
        async with self.runtime.write_lock, self.runtime.sessions.begin() as session:
            for claim in late:
                self.report.skipped += await reschedule(
                    session,
                    subscription_id=claim.subscription_id,
                    expected_due=claim.expected_due,
                    next_due_at=claim.next_due_at,
                    skipped_date=claim.local_date,
                )
            won = await claim_deliveries(session, timely, worker=self.worker, now=now)
        return [
            Job(won[subscription.id], subscription, claim.local_date)
            for subscription, claim in zip(due, claims, strict=True)
            if subscription.id in won
        ]

    async def start(self, job: Job | None) -> None:
        """Start sending a claimed digest as soon as a slot is free."""
        if job is None:
            return
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
        """Send one digest, paced, and record it; the slot is held until the record is written."""
        try:
            # Paced after the claim, so days skipped or lost to another process cost no time.
            if self._pace is not None:
                await self._pace.acquire()
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


def _due_claim(subscription: SubscriptionRecord, now: datetime) -> DueClaim:
    """What claiming a due subscription means: the local date its due instant stands for, the next."""
    zone = ZoneInfo(subscription.zone)
    current = occurrence_at(subscription.next_due_at, subscription.local_time, zone)
    later = _next_after(current, subscription, zone, now)
    return DueClaim(subscription.id, subscription.next_due_at, current.local_date, later.due_at)


def _next_after(
    current: Occurrence, subscription: SubscriptionRecord, zone: ZoneInfo, now: datetime
) -> Occurrence:
    """The next local date's occurrence, or the first one after now if that is past too."""
    later = following(current, subscription.local_time, zone)
    if later.due_at <= now:
        later = next_occurrence(subscription.local_time, zone, now)
    return later


async def _send_one(sender: _Sender, job: Job) -> None:
    """Send one digest and record how it went."""
    digest = await sender.composer.digest(job.subscription.seen_article_id, job.local_date)
    try:
        message = await send_digest(sender.bot, job.subscription.chat_id, digest)
    except Forbidden as error:
        await _give_up(sender, job, f"blocked: {error}", deactivate=True)
    except BadRequest as error:
        gone = "chat not found" in str(error).lower()
        await _give_up(sender, job, f"refused: {error}", deactivate=gone)
    except (RetryAfter, TelegramError) as error:
        await _retry_later(sender, job, f"{type(error).__name__}: {error}")
    else:
        await sender.record_sent(
            SentDigest(job.delivery_id, utc_now(), message, digest.newest_article_id)
        )


async def send_digest(bot: Bot, chat_id: int, digest: Digest) -> int:
    """Send a digest as one HTML message with its buttons; the message id."""
    message = await bot.send_message(
        chat_id,
        digest.page,
        parse_mode=ParseMode.HTML,
        reply_markup=digest.markup,
        link_preview_options=NO_PREVIEW,
    )
    return message.message_id


async def _give_up(sender: _Sender, job: Job, error: str, *, deactivate: bool) -> None:
    """Record a failure that retrying will not fix; stop the subscription if the chat is gone."""
    runtime = sender.runtime
    async with runtime.write_lock, runtime.sessions.begin() as session:
        await fail_delivery(
            session, delivery_id=job.delivery_id, error=error, retry=False, max_attempts=1
        )
        if deactivate:
            await deactivate_subscription(
                session, subscription_id=job.subscription.id, reason=error
            )
    log.warning("digest to chat %d not sent (%s)", job.subscription.chat_id, error)
    sender.report.failed += 1
    sender.report.deactivated += deactivate


async def _retry_later(sender: _Sender, job: Job, error: str) -> None:
    """Record a failure worth retrying on a later tick, up to the settings' attempts."""
    runtime = sender.runtime
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
        sender.report.retrying += 1
    else:
        sender.report.failed += 1
