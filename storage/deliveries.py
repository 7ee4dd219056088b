"""Digest deliveries: each (subscription, local date) claimed once, then sent, retried or failed.

The rules that make each day's digest go out once:
- `claim_delivery` inserts the date's delivery (unique per subscription and local date) in
  the same transaction as a compare-and-set of the subscription's due instant: of the
  processes that read the same due instant, exactly one moves it on and claims the date.
- `reclaim_delivery` takes over a retry, or a claim whose process died, by compare-and-set
  on its status and claim time: of the processes trying, exactly one wins.
A digest can go out twice only when its sender dies after sending and before
`complete_delivery`: the claim then goes stale and is sent again after the lease.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, case, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.records import DeliveryRecord
from storage.subscriptions import (
    FRESH,
    UNSYNCED,
    as_utc,
    changed,
    reschedule,
    subscription_record,
)
from storage.tables import DeliveryRow, SubscriptionRow


async def claim_delivery(
    session: AsyncSession,
    *,
    subscription_id: int,
    expected_due: datetime,
    local_date: date,
    next_due_at: datetime,
    claimant: str,
    now: datetime,
) -> int | None:
    """Claim a local date's digest and move the subscription's due instant on; the delivery id.

    Both happen in the caller's transaction; None comes back when this caller must not send:
    - the subscription is inactive or no longer due at `expected_due` (another process
      claimed or rescheduled it first): nothing changes;
    - the date has a delivery already (claimed under an earlier time of day, or skipped): a
      date gets at most one digest, so the due instant still moves on to `next_due_at`, or
      the subscription would be picked, and refused, on every tick. A retry or dead claim of
      that date is `stale_deliveries`' to resend.
    """
    moved = await reschedule(
        session,
        subscription_id=subscription_id,
        expected_due=expected_due,
        next_due_at=next_due_at,
    )
    if not moved:
        return None
    values = {
        "subscription_id": subscription_id,
        "local_date": local_date,
        "status": "claimed",
        "attempts": 1,
        "claimant": claimant,
        "claimed_at": as_utc(now),
    }
    return await _insert_claim(session, values)


async def complete_delivery(
    session: AsyncSession,
    *,
    delivery_id: int,
    sent_at: datetime,
    message_id: int | None,
    seen_article_id: int,
) -> None:
    """Mark a delivery sent; its subscription's seen article moves forward (never back)."""
    await _update_delivery(
        session,
        delivery_id,
        {"status": "sent", "sent_at": as_utc(sent_at), "message_id": message_id, "error": None},
    )
    larger = case(
        (SubscriptionRow.seen_article_id < seen_article_id, seen_article_id),
        else_=SubscriptionRow.seen_article_id,
    )
    await _update_owner(session, delivery_id, {"seen_article_id": larger, "failures": 0})


async def fail_delivery(
    session: AsyncSession, *, delivery_id: int, error: str, retry: bool, max_attempts: int
) -> str:
    """Record a failed send: 'retry' if retrying helps and attempts remain, else 'failed'.

    The subscription counts the failure (sending resets the count). A delivery that is gone
    (its subscription was deleted) reports 'failed'.
    """
    status = case((DeliveryRow.attempts < max_attempts, "retry"), else_="failed")
    statement = (
        update(DeliveryRow)
        .where(DeliveryRow.id == delivery_id)
        .values(status=status if retry else "failed", error=error[:1000])
        .returning(DeliveryRow.status)
    )
    result = await session.execute(statement, execution_options=UNSYNCED)
    new_status = result.scalar_one_or_none()
    if new_status is None:
        return "failed"
    await _update_owner(session, delivery_id, {"failures": SubscriptionRow.failures + 1})
    return new_status


async def stale_deliveries(
    session: AsyncSession, *, now: datetime, lease: timedelta, limit: int
) -> list[DeliveryRecord]:
    """Deliveries to send again, of active subscriptions: retries, and claims older than the lease."""
    stale: ColumnElement[bool] = or_(
        DeliveryRow.status == "retry",
        (DeliveryRow.status == "claimed") & (DeliveryRow.claimed_at <= as_utc(now) - lease),
    )
    query = (
        select(DeliveryRow, SubscriptionRow)
        .join(SubscriptionRow, SubscriptionRow.id == DeliveryRow.subscription_id)
        .where(stale, SubscriptionRow.active.is_(True))
        .order_by(DeliveryRow.claimed_at, DeliveryRow.id)
        .limit(limit)
        .execution_options(**FRESH)
    )
    rows = (await session.execute(query)).tuples()
    return [_delivery_record(delivery, subscription) for delivery, subscription in rows]


async def reclaim_delivery(
    session: AsyncSession,
    *,
    delivery_id: int,
    status: str,
    claimed_at: datetime,
    claimant: str,
    now: datetime,
) -> bool:
    """Take over a delivery still in the status and claim time read; True if this caller owns it."""
    statement = (
        update(DeliveryRow)
        .where(
            DeliveryRow.id == delivery_id,
            DeliveryRow.status == status,
            DeliveryRow.claimed_at == as_utc(claimed_at),
        )
        .values(
            status="claimed",
            claimant=claimant,
            claimed_at=as_utc(now),
            attempts=DeliveryRow.attempts + 1,
        )
    )
    return changed(await session.execute(statement, execution_options=UNSYNCED))


async def delivery_summary(session: AsyncSession) -> dict[str, int]:
    """How many deliveries there are in each status."""
    query = select(DeliveryRow.status, func.count()).group_by(DeliveryRow.status)
    return dict((await session.execute(query)).tuples().all())


async def _insert_claim(session: AsyncSession, values: dict[str, Any]) -> int | None:
    """Insert a claimed delivery; None, with nothing changed, if its date has one already.

    ON CONFLICT DO NOTHING rather than a savepoint around a failing INSERT: two statements
    fewer for every digest, the fan-out's hottest path.
    """
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(DeliveryRow)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["subscription_id", "local_date"])
        .returning(DeliveryRow.id)
    )
    claimed: int | None = (await session.execute(statement)).scalar_one_or_none()
    return claimed


async def _update_delivery(session: AsyncSession, delivery_id: int, values: dict[str, Any]) -> None:
    """Update one delivery."""
    statement = update(DeliveryRow).where(DeliveryRow.id == delivery_id).values(**values)
    await session.execute(statement, execution_options=UNSYNCED)


async def _update_owner(session: AsyncSession, delivery_id: int, values: dict[str, Any]) -> None:
    """Update the subscription a delivery belongs to, without reading it first."""
    statement = (
        update(SubscriptionRow)
        .where(SubscriptionRow.id == _owner_of(delivery_id))
        .values(**values, updated_at=datetime.now(UTC))
    )
    await session.execute(statement, execution_options=UNSYNCED)


def _owner_of(delivery_id: int) -> ScalarSelect[int]:
    """The id of the subscription a delivery belongs to, as a subquery."""
    return (
        select(DeliveryRow.subscription_id).where(DeliveryRow.id == delivery_id).scalar_subquery()
    )


def _delivery_record(row: DeliveryRow, subscription: SubscriptionRow) -> DeliveryRecord:
    """A delivery row and its subscription as a plain record, its claim time in UTC."""
    return DeliveryRecord(
        id=row.id,
        subscription=subscription_record(subscription),
        local_date=row.local_date,
        status=row.status,
        attempts=row.attempts,
        claimant=row.claimant,
        claimed_at=as_utc(row.claimed_at),
    )
