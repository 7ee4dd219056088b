"""Deliveries to send again: retries whose turn has come, and claims whose process died.

`stale_by` is the tick's rule (read by /stats too). `reclaim_delivery` takes one over by
compare-and-set on its status and claim time, so of the processes trying exactly one wins,
even where no row lock keeps them apart (SQLite).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.delivery_tables import DeliveryRow, SubscriptionRow
from storage.records import DeliveryRecord
from storage.subscriptions import (
    REFRESH_LOADED_ROWS,
    UNSYNCED,
    as_utc,
    changed,
    subscription_record,
)


async def stale_deliveries(
    session: AsyncSession, *, now: datetime, lease: timedelta, limit: int, lock: bool = False
) -> list[DeliveryRecord]:
    """Deliveries to send again, of active subscriptions: retries, and claims older than the lease.

    With `lock`, the deliveries read stay locked until the transaction ends and those another
    transaction holds are skipped (FOR UPDATE SKIP LOCKED), as `due_subscriptions` does.
    """
    query = (
        select(DeliveryRow, SubscriptionRow)
        .join(SubscriptionRow, SubscriptionRow.id == DeliveryRow.subscription_id)
        .where(stale_by(now, lease), SubscriptionRow.active.is_(True))
        .order_by(DeliveryRow.claimed_at, DeliveryRow.id)
        .limit(limit)
        .execution_options(**REFRESH_LOADED_ROWS)
    )
    if lock:
        query = query.with_for_update(skip_locked=True, of=DeliveryRow)
    rows = (await session.execute(query)).tuples()
    return [_delivery_record(delivery, subscription) for delivery, subscription in rows]


def stale_by(now: datetime, lease: timedelta) -> ColumnElement[bool]:
    """The tick's rule for a delivery to take back: a retry, or a claim older than the lease."""
    expired = (DeliveryRow.status == "claimed") & (DeliveryRow.claimed_at <= as_utc(now) - lease)
    return or_(DeliveryRow.status == "retry", expired)


async def reclaim_delivery(
    session: AsyncSession,
    *,
    delivery_id: int,
    status: str,
    claimed_at: datetime,
    worker: str,
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
            worker=worker,
            claimed_at=as_utc(now),
            attempts=DeliveryRow.attempts + 1,
        )
    )
    return changed(await session.execute(statement, execution_options=UNSYNCED))


def _delivery_record(row: DeliveryRow, subscription: SubscriptionRow) -> DeliveryRecord:
    """A delivery row and its subscription as a plain record, its claim time in UTC."""
    return DeliveryRecord(
        id=row.id,
        subscription=subscription_record(subscription),
        local_date=row.local_date,
        status=row.status,
        attempts=row.attempts,
        worker=row.worker,
        claimed_at=as_utc(row.claimed_at),
    )
