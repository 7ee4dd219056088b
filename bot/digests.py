"""Daily digests: compose one for a subscriber, and send the due ones, each exactly once.

Every minute a tick (`send_due_digests`) does three things, each step in its own short
transaction, so that no state lives only in memory:
1. take back deliveries left behind: retries whose turn has come, and claims older than the
   lease (their process died mid-send);
2. claim the subscriptions that are due: one delivery row per (subscription, local date),
   inserted together with moving the subscription's next due instant to its next local date;
   a day missed by more than the grace period is skipped instead;
3. send each claimed digest, paced below Telegram's overall limit, and mark it sent (or
   failed: a 403 deactivates the subscription at once; other failures are retried on later
   ticks, a bounded number of times).
A crash between sending and marking leaves a claim the next process resends after the
lease: only a digest in flight at the crash can arrive twice (see README, "Digests").
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiolimiter import AsyncLimiter
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.buttons import NO_PREVIEW, action_buttons, keyboard
from bot.loading import disagreements_before
from bot.rendering import render_pages
from bot.runtime import Runtime
from briefings.digest_briefs import DigestNews, StoryState, build_digest
from briefings.replies import Reply
from briefings.schedule import Occurrence, following, next_occurrence, occurrence_at
from storage import (
    DeliveryRecord,
    SubscriptionRecord,
    claim_delivery,
    complete_delivery,
    deactivate_subscription,
    demands_after,
    demands_overview,
    due_subscriptions,
    fail_delivery,
    figures_after,
    figures_overview,
    newest_article_id,
    reclaim_delivery,
    reschedule,
    sources_after,
    stale_deliveries,
)

log = logging.getLogger(__name__)

# Who claims a delivery: this process, told apart from others on the same store.
CLAIMANT = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
BATCH = 1000
STATE_FIGURES_PER_MEASURE = 4
STATE_PARTIES = 6
NEWS_LIMIT = 200
# Sends in flight at once: enough to keep the pace, few enough that little is in flight.
CONCURRENCY = 8


def utc_now() -> datetime:
    """The current instant, in UTC."""
    return datetime.now(UTC)


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


@dataclass
class Composer:
    """Composes digests, sharing the story's state and each distinct piece of news in one tick."""

    runtime: Runtime
    _state: StoryState | None = None
    _news: dict[int, tuple[DigestNews, int]] = field(default_factory=dict)
    # Subscribers who saw the same articles get the same digest on the same day: built once.
    _digests: dict[tuple[int, date], tuple[Reply, int]] = field(default_factory=dict)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def digest(self, seen_article_id: int, day: date) -> tuple[Reply, int]:
        """The digest for a subscriber who has seen articles up to one id, and the newest id."""
        async with self._lock:
            if self._state is None:
                self._state = await self._load_state()
            if seen_article_id not in self._news:
                self._news[seen_article_id] = await self._load_news(seen_article_id)
            key = (seen_article_id, day)
            if key not in self._digests:
                news, newest = self._news[seen_article_id]
                self._digests[key] = (build_digest(day, news, self._state), newest)
        return self._digests[key]

    async def _load_state(self) -> StoryState:
        async with self.runtime.sessions() as session:
            figures = await figures_overview(session, per_measure=STATE_FIGURES_PER_MEASURE)
            demands, totals = await demands_overview(session, parties=STATE_PARTIES, per_party=1)
        return StoryState(tuple(figures), tuple(demands), totals)

    async def _load_news(self, seen: int) -> tuple[DigestNews, int]:
        async with self.runtime.sessions() as session:
            newest = await newest_article_id(session)
            articles = await sources_after(session, seen, limit=NEWS_LIMIT)
            figures = await figures_after(session, seen, limit=NEWS_LIMIT)
            demands = await demands_after(session, seen, limit=NEWS_LIMIT)
            contradicted = await disagreements_before(session, figures, before_article=seen + 1)
        news = DigestNews(articles.rows, tuple(figures), tuple(demands), tuple(contradicted))
        return news, newest


async def send_due_digests(
    runtime: Runtime,
    bot: Bot,
    *,
    now: datetime | None = None,
    claimant: str = CLAIMANT,
    rate: float | None = None,
) -> FanoutReport:
    """One tick: send the retries and dead claims, then every due digest; what it did.

    Due subscriptions are read a batch at a time until none is left; each is claimed only
    as its send begins, so a claim's age is one send's time and the lease can stay short.
    `now` fixes the clock (tests); `rate` overrides DIGEST_RATE_PER_SECOND (0: no pacing).
    """
    report = FanoutReport()
    per_second = runtime.settings.digest_rate_per_second if rate is None else rate
    sender = _Sender(runtime, bot, claimant, report, per_second)
    moment = now or utc_now()
    lease = timedelta(seconds=runtime.settings.digest_claim_lease_seconds)
    async with runtime.sessions() as session:
        stale = await stale_deliveries(session, now=moment, lease=lease, limit=BATCH)
    await sender.send([_retry_job(sender, delivery, moment) for delivery in stale])
    while True:
        moment = now or utc_now()
        async with runtime.sessions() as session:
            due = await due_subscriptions(session, now=moment, limit=BATCH)
        await sender.send([_due_job(sender, subscription, moment) for subscription in due])
        if len(due) < BATCH:
            return report


@dataclass
class _Sender:
    """Sends claimed digests a few at a time, paced, recording each outcome."""

    runtime: Runtime
    bot: Bot
    claimant: str
    report: FanoutReport
    rate: float
    composer: Composer = field(init=False)
    _slots: asyncio.Semaphore = field(init=False)
    _pace: AsyncLimiter | None = field(init=False)

    def __post_init__(self) -> None:
        self.composer = Composer(self.runtime)
        self._slots = asyncio.Semaphore(CONCURRENCY)
        self._pace = AsyncLimiter(self.rate, 1) if self.rate > 0 else None

    async def send(self, jobs: list[Coroutine[Any, Any, Job | None]]) -> None:
        """Run the jobs: each claims its delivery in its turn, then sends it if it won."""
        await asyncio.gather(*(self._paced(job) for job in jobs))

    async def _paced(self, job: Coroutine[Any, Any, Job | None]) -> None:
        async with self._slots:
            claimed = await job
            if claimed is None:
                return
            self.report.claimed += 1
            # Paced after the claim, so that days skipped or lost to another process cost no time.
            if self._pace is not None:
                await self._pace.acquire()
            await _send_one(self.runtime, self.bot, self.composer, claimed, self.report)


async def _retry_job(sender: _Sender, delivery: DeliveryRecord, now: datetime) -> Job | None:
    """Take back a retry or a dead process's claim; the job if this process won it."""
    async with sender.runtime.write_lock, sender.runtime.sessions.begin() as session:
        won = await reclaim_delivery(
            session,
            delivery_id=delivery.id,
            status=delivery.status,
            claimed_at=delivery.claimed_at,
            claimant=sender.claimant,
            now=now,
        )
    return Job(delivery.id, delivery.subscription, delivery.local_date) if won else None


async def _due_job(sender: _Sender, subscription: SubscriptionRecord, now: datetime) -> Job | None:
    """Claim today's digest of a due subscription, or skip a day missed beyond the grace."""
    zone = ZoneInfo(subscription.zone)
    current = occurrence_at(subscription.next_due_at, subscription.local_time, zone)
    later = _next_after(current, subscription, zone, now)
    grace = timedelta(hours=sender.runtime.settings.digest_grace_hours)
    async with sender.runtime.write_lock, sender.runtime.sessions.begin() as session:
        if now - subscription.next_due_at > grace:
            sender.report.skipped += await reschedule(
                session,
                subscription_id=subscription.id,
                expected_due=subscription.next_due_at,
                next_due_at=later.due_at,
                skipped_date=current.local_date,
            )
            return None
        delivery_id = await claim_delivery(
            session,
            subscription_id=subscription.id,
            expected_due=subscription.next_due_at,
            local_date=current.local_date,
            next_due_at=later.due_at,
            claimant=sender.claimant,
            now=now,
        )
    return Job(delivery_id, subscription, current.local_date) if delivery_id else None


def _next_after(
    current: Occurrence, subscription: SubscriptionRecord, zone: ZoneInfo, now: datetime
) -> Occurrence:
    """The next local date's occurrence, or the first one after now if that is past too."""
    later = following(current, subscription.local_time, zone)
    if later.due_at <= now:
        later = next_occurrence(subscription.local_time, zone, now)
    return later


async def _send_one(
    runtime: Runtime, bot: Bot, composer: Composer, job: Job, report: FanoutReport
) -> None:
    """Send one digest and record how it went."""
    reply, newest = await composer.digest(job.subscription.seen_article_id, job.local_date)
    try:
        message = await send_digest(bot, job.subscription.chat_id, reply)
    except Forbidden as error:
        await _give_up(runtime, job, f"blocked: {error}", report, deactivate=True)
    except BadRequest as error:
        gone = "chat not found" in str(error).lower()
        await _give_up(runtime, job, f"refused: {error}", report, deactivate=gone)
    except (RetryAfter, TelegramError) as error:
        await _retry_later(runtime, job, f"{type(error).__name__}: {error}", report)
    else:
        async with runtime.write_lock, runtime.sessions.begin() as session:
            await complete_delivery(
                session,
                delivery_id=job.delivery_id,
                sent_at=utc_now(),
                message_id=message,
                seen_article_id=newest,
            )
        report.sent += 1


async def send_digest(bot: Bot, chat_id: int, reply: Reply) -> int:
    """Send a digest as one HTML message with its buttons; the message id."""
    page = render_pages(reply)[0]
    message = await bot.send_message(
        chat_id,
        page,
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard([action_buttons(reply)]),
        link_preview_options=NO_PREVIEW,
    )
    return message.message_id


async def _give_up(
    runtime: Runtime, job: Job, error: str, report: FanoutReport, *, deactivate: bool
) -> None:
    """Record a failure that retrying will not fix; stop the subscription if the chat is gone."""
    async with runtime.write_lock, runtime.sessions.begin() as session:
        await fail_delivery(
            session, delivery_id=job.delivery_id, error=error, retry=False, max_attempts=1
        )
        if deactivate:
            await deactivate_subscription(
                session, subscription_id=job.subscription.id, reason=error
            )
    log.warning("digest to chat %d not sent (%s)", job.subscription.chat_id, error)
    report.failed += 1
    report.deactivated += deactivate


async def _retry_later(runtime: Runtime, job: Job, error: str, report: FanoutReport) -> None:
    """Record a failure worth retrying on a later tick, up to the settings' attempts."""
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
        report.retrying += 1
    else:
        report.failed += 1
