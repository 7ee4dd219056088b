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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from aiolimiter import AsyncLimiter
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.buttons import NO_PREVIEW, action_buttons, keyboard
from bot.rendering import render_pages
from bot.runtime import Runtime
from briefings.digest_briefs import DigestNews, StoryState, build_digest
from briefings.load_briefs import find_disagreements
from briefings.measures import comparable_measures
from briefings.replies import Reply
from briefings.schedule import Occurrence, following, next_occurrence, occurrence_on
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
    figures_measuring,
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
COMPARED = 500
# Sends in flight at once: enough to keep the pace, few enough that little is in flight.
CONCURRENCY = 8

Clock = Callable[[], datetime]


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
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def digest(self, seen_article_id: int, day: date) -> tuple[Reply, int]:
        """The digest for a subscriber who has seen articles up to one id, and the newest id."""
        async with self._lock:
            if self._state is None:
                self._state = await self._load_state()
            if seen_article_id not in self._news:
                self._news[seen_article_id] = await self._load_news(seen_article_id)
        news, newest = self._news[seen_article_id]
        return build_digest(day, news, self._state), newest

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
            measures = {m for f in figures if f.measure for m in comparable_measures(f.measure)}
            earlier = [
                f
                for f in await figures_measuring(session, measures, other_than=-1, limit=COMPARED)
                if f.article_id <= seen
            ]
        contradicted = find_disagreements(figures, earlier)
        news = DigestNews(articles.rows, tuple(figures), tuple(demands), tuple(contradicted))
        return news, newest


async def send_due_digests(
    runtime: Runtime, bot: Bot, *, now: datetime | None = None, claimant: str = CLAIMANT
) -> FanoutReport:
    """One tick: take back stale deliveries, claim the due ones, send them; what it did."""
    moment = now or utc_now()
    report = FanoutReport()
    jobs = await _take_back(runtime, moment, claimant)
    jobs += await _claim_due(runtime, moment, claimant, report)
    report.claimed = len(jobs)
    if jobs:
        await _send_all(runtime, bot, jobs, report)
    return report


async def _take_back(runtime: Runtime, now: datetime, claimant: str) -> list[Job]:
    """Deliveries to retry, and claims whose process died: reclaimed for this process."""
    settings = runtime.settings
    lease = timedelta(seconds=settings.digest_claim_lease_seconds)
    async with runtime.sessions.begin() as session:
        stale = await stale_deliveries(session, now=now, lease=lease, limit=BATCH)
    jobs = []
    for delivery in stale:
        if await _reclaim(runtime, delivery, now, claimant):
            jobs.append(Job(delivery.id, delivery.subscription, delivery.local_date))
    return jobs


async def _reclaim(
    runtime: Runtime, delivery: DeliveryRecord, now: datetime, claimant: str
) -> bool:
    async with runtime.sessions.begin() as session:
        return await reclaim_delivery(
            session,
            delivery_id=delivery.id,
            status=delivery.status,
            claimed_at=delivery.claimed_at,
            claimant=claimant,
            now=now,
        )


async def _claim_due(
    runtime: Runtime, now: datetime, claimant: str, report: FanoutReport
) -> list[Job]:
    """Claim today's delivery of every due subscription; skip days missed beyond the grace."""
    grace = timedelta(hours=runtime.settings.digest_grace_hours)
    async with runtime.sessions() as session:
        due = await due_subscriptions(session, now=now, limit=BATCH)
    jobs = []
    for subscription in due:
        zone = ZoneInfo(subscription.zone)
        current = _occurrence_at(subscription, zone)
        later = _next_after(current, subscription, zone, now)
        async with runtime.sessions.begin() as session:
            if now - subscription.next_due_at > grace:
                report.skipped += await reschedule(
                    session,
                    subscription_id=subscription.id,
                    expected_due=subscription.next_due_at,
                    next_due_at=later.due_at,
                    skipped_date=current.local_date,
                )
                continue
            delivery_id = await claim_delivery(
                session,
                subscription_id=subscription.id,
                expected_due=subscription.next_due_at,
                local_date=current.local_date,
                next_due_at=later.due_at,
                claimant=claimant,
                now=now,
            )
        if delivery_id is not None:
            jobs.append(Job(delivery_id, subscription, current.local_date))
    return jobs


def _occurrence_at(subscription: SubscriptionRecord, zone: ZoneInfo) -> Occurrence:
    """The occurrence the subscription's due instant stands for."""
    day = subscription.next_due_at.astimezone(zone).date()
    for candidate in (day, day - timedelta(days=1)):
        found = occurrence_on(candidate, subscription.local_time, zone)
        if found.due_at == subscription.next_due_at:
            return found
    return Occurrence(day, subscription.next_due_at)


def _next_after(
    current: Occurrence, subscription: SubscriptionRecord, zone: ZoneInfo, now: datetime
) -> Occurrence:
    """The next local date's occurrence, or the first one after now if that is past too."""
    later = following(current, subscription.local_time, zone)
    if later.due_at <= now:
        later = next_occurrence(subscription.local_time, zone, now)
    return later


async def _send_all(runtime: Runtime, bot: Bot, jobs: list[Job], report: FanoutReport) -> None:
    """Send the claimed digests, a few at a time, paced below Telegram's overall limit."""
    composer = Composer(runtime)
    pace = AsyncLimiter(runtime.settings.digest_rate_per_second, 1)
    slots = asyncio.Semaphore(CONCURRENCY)

    async def send(job: Job) -> None:
        async with slots, pace:
            await _send_one(runtime, bot, composer, job, report)

    await asyncio.gather(*(send(job) for job in jobs))


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
        async with runtime.sessions.begin() as session:
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
    async with runtime.sessions.begin() as session:
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
    async with runtime.sessions.begin() as session:
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
