"""The claim policy of the digest fan-out: which deliveries this process takes, and for which day.

A process claims a delivery in the store before sending it, so that each (subscription, local
date) goes out once however many processes tick on one store:
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
    DeliveryRecord,
    DueClaim,
    SubscriptionRecord,
    claim_deliveries,
    reclaim_delivery,
    reschedule,
)

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
    """What claiming a chunk of due subscriptions gave: the jobs won, and the days skipped."""

    jobs: list[Job]
    skipped: int


async def reclaim(
    runtime: Runtime, delivery: DeliveryRecord, *, worker: str, now: datetime
) -> Job | None:
    """Take back a retry or a dead process's claim; the job if this worker won it."""
    async with runtime.write_lock, runtime.sessions.begin() as session:
        won = await reclaim_delivery(
            session,
            delivery_id=delivery.id,
            status=delivery.status,
            claimed_at=delivery.claimed_at,
            worker=worker,
            now=now,
        )
    return Job(delivery.id, delivery.subscription, delivery.local_date) if won else None


async def claim_due(
    runtime: Runtime, due: list[SubscriptionRecord], *, worker: str, now: datetime
) -> Claimed:
    """Claim the due subscriptions' digests in one transaction, skipping days past the grace."""
    grace = timedelta(hours=runtime.settings.digest_grace_hours)
    claims = [due_claim(subscription, now) for subscription in due]
    late = [claim for claim in claims if now - claim.expected_due > grace]
    timely = [claim for claim in claims if now - claim.expected_due <= grace]
    skipped = 0
    async with runtime.write_lock, runtime.sessions.begin() as session:
        for claim in late:
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
    return Claimed(jobs, skipped)


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
