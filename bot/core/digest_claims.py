"""The claim policy of the digest fan-out: which deliveries this process takes, and for which day.

A process claims a delivery in the store before sending it, so that each (subscription, local
date) goes out once however many processes tick on one store. Claims read their rows locked,
skipping rows another worker's claim holds (FOR UPDATE SKIP LOCKED), so workers split the
fan-out instead of racing for the same rows:
- a due subscription is claimed for the local date its due instant stands for, and its due
  instant moves to the next local date in the same transaction; a date missed by more than
  the grace period is skipped instead;
- a retry whose turn has come, or a claim older than the lease (its process died mid-send),
  is taken back by compare-and-set: of the processes trying, one wins.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.runtime import Runtime
from briefings.schedules.occurrences import Occurrence, following, next_occurrence, occurrence_at
from storage import (
    DueClaim,
    SubscriptionRecord,
    claim_deliveries,
    due_subscriptions,
    reclaim_delivery,
    reschedule,
    stale_deliveries,
)
from storage.engine import write_first

# The worker that claims deliveries: this process, told apart from others on the same store.
WORKER = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Job:
    """A delivery this process owns and must send: whose, for which local date."""

    delivery_id: int
    subscription: SubscriptionRecord
    local_date: date


@dataclass(frozen=True)
class Claimed:
    """What claiming a chunk gave: the jobs won, the days skipped, and the rows read."""

    jobs: list[Job]
    skipped: int
    # Rows the claim read: fewer than its limit means none is left to claim.
    found: int


async def reclaim_stale(
    runtime: Runtime, *, lease: timedelta, worker: str, now: datetime, limit: int
) -> Claimed:
    """Take back up to `limit` retries and dead processes' claims that no other worker holds."""
    async with runtime.write_lock, runtime.sessions.begin() as session:
        await write_first(session)
        stale = await stale_deliveries(session, now=now, lease=lease, limit=limit, lock=True)
        jobs = [
            Job(delivery.id, delivery.subscription, delivery.local_date)
            for delivery in stale
            if await reclaim_delivery(
                session,
                delivery_id=delivery.id,
                status=delivery.status,
                claimed_at=delivery.claimed_at,
                worker=worker,
                now=now,
            )
        ]
    return Claimed(jobs, skipped=0, found=len(stale))


async def claim_due(runtime: Runtime, *, worker: str, now: datetime, limit: int) -> Claimed:
    """Claim up to `limit` due subscriptions no other worker holds, in one transaction.

    Their rows are read locked, skipping rows another worker's claim holds, so workers
    claiming at once split the due subscriptions between them; days past the grace are
    skipped instead of claimed.
    """
    grace = timedelta(hours=runtime.settings.digest_grace_hours)
    async with runtime.write_lock, runtime.sessions.begin() as session:
        await write_first(session)
        due = await due_subscriptions(session, now=now, limit=limit, lock=True)
        claims = [due_claim(subscription, now) for subscription in due]
        timely = [claim for claim in claims if now - claim.expected_due <= grace]
        skipped = 0
        for claim in claims:
            if claim not in timely:
                skipped += await reschedule(
                    session,
                    subscription_id=claim.subscription_id,
                    expected_due=claim.expected_due,
                    next_due_at=claim.next_due_at,
                    skipped_date=claim.local_date,
                )
        won = await claim_deliveries(session, timely, worker=worker, now=now)
    jobs = [
        Job(won[subscription.id], subscription, claim.local_date)
        for subscription, claim in zip(due, claims, strict=True)
        if subscription.id in won
    ]
    return Claimed(jobs, skipped, found=len(due))


def due_claim(subscription: SubscriptionRecord, now: datetime) -> DueClaim:
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
