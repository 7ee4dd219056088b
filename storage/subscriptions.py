"""Digest subscriptions and their deliveries: claimed once per day, completed or failed.

The rules that make each digest go out once:
- `claim_delivery` inserts the day's delivery row (unique per subscription and local date)
  in the same savepoint as a compare-and-set of the subscription's next due instant. If the
  due instant moved (another process claimed it), nothing changes and None comes back; if
  the day's row exists already (a digest was claimed for that date before, say before the
  time was changed), the due instant still moves on, so the subscription is not picked again,
  and None comes back.
- `reclaim_delivery` takes over a retry or a dead process's claim by compare-and-set on its
  status and claim time: of two processes trying, one wins.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, case, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.records import DeliveryRecord, SubscriptionRecord
from storage.tables import DeliveryRow, SubscriptionRow


async def subscribe(
    session: AsyncSession,
    *,
    chat_id: int,
    user_id: int | None,
    local_time: time,
    zone: str,
    next_due_at: datetime,
    now: datetime,
) -> SubscriptionRecord:
    """Start a chat's subscription, or change its time and zone; what it is now."""
    values = {
        "user_id": user_id,
        "local_time": local_time,
        "zone": zone,
        "next_due_at": next_due_at,
        "active": True,
        "failures": 0,
        "deactivated_reason": None,
        "updated_at": now,
    }
    changed = await session.execute(
        update(SubscriptionRow).where(SubscriptionRow.chat_id == chat_id).values(**values)
    )
    if not getattr(changed, "rowcount", 0):
        try:
            async with session.begin_nested():
                session.add(
                    SubscriptionRow(chat_id=chat_id, seen_article_id=0, created_at=now, **values)
                )
        except IntegrityError:
            # Another request for the same chat inserted first: change that row instead.
            await session.execute(
                update(SubscriptionRow).where(SubscriptionRow.chat_id == chat_id).values(**values)
            )
    found = await get_subscription(session, chat_id=chat_id)
    assert found is not None
    return found


async def unsubscribe(session: AsyncSession, *, chat_id: int) -> bool:
    """Stop a chat's digests (the row stays, inactive); False if none were active."""
    result = await session.execute(
        update(SubscriptionRow)
        .where(SubscriptionRow.chat_id == chat_id, SubscriptionRow.active.is_(True))
        .values(active=False, deactivated_reason="unsubscribed", updated_at=datetime.now(UTC))
    )
    return bool(getattr(result, "rowcount", 0))


async def get_subscription(session: AsyncSession, *, chat_id: int) -> SubscriptionRecord | None:
    """A chat's subscription, active or not, or None."""
    row = await session.scalar(select(SubscriptionRow).where(SubscriptionRow.chat_id == chat_id))
    return _subscription(row) if row else None


async def due_subscriptions(
    session: AsyncSession, *, now: datetime, limit: int
) -> list[SubscriptionRecord]:
    """Active subscriptions due by now, the longest overdue first."""
    query = (
        select(SubscriptionRow)
        .where(SubscriptionRow.active.is_(True), SubscriptionRow.next_due_at <= now)
        .order_by(SubscriptionRow.next_due_at, SubscriptionRow.id)
        .limit(limit)
    )
    return [_subscription(row) for row in await session.scalars(query)]


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
    """Claim a day's digest and move the subscription on; the delivery id, or None (see above)."""
    moved = False
    try:
        async with session.begin_nested():
            moved = await reschedule(
                session,
                subscription_id=subscription_id,
                expected_due=expected_due,
                next_due_at=next_due_at,
            )
            if not moved:
                return None
            row = DeliveryRow(
                subscription_id=subscription_id,
                local_date=local_date,
                status="claimed",
                attempts=1,
                claimant=claimant,
                claimed_at=now,
            )
            session.add(row)
            await session.flush()
            return row.id
    except IntegrityError:
        if moved:
            await reschedule(
                session,
                subscription_id=subscription_id,
                expected_due=expected_due,
                next_due_at=next_due_at,
            )
        return None


async def reschedule(
    session: AsyncSession,
    *,
    subscription_id: int,
    expected_due: datetime,
    next_due_at: datetime,
    skipped_date: date | None = None,
) -> bool:
    """Move a subscription's next due instant if it is still the expected one; True if moved.

    With skipped_date, record that day's digest as skipped (missed beyond the grace period).
    """
    result = await session.execute(
        update(SubscriptionRow)
        .where(
            SubscriptionRow.id == subscription_id,
            SubscriptionRow.active.is_(True),
            SubscriptionRow.next_due_at == expected_due,
        )
        .values(next_due_at=next_due_at, updated_at=datetime.now(UTC))
    )
    moved = bool(getattr(result, "rowcount", 0))
    if moved and skipped_date is not None:
        await _record_skip(session, subscription_id, skipped_date)
    return moved


async def _record_skip(session: AsyncSession, subscription_id: int, day: date) -> None:
    """A 'skipped' delivery for a day, unless that day has a delivery already."""
    try:
        async with session.begin_nested():
            session.add(
                DeliveryRow(
                    subscription_id=subscription_id,
                    local_date=day,
                    status="skipped",
                    attempts=0,
                    claimed_at=datetime.now(UTC),
                )
            )
    except IntegrityError:
        pass


async def complete_delivery(
    session: AsyncSession,
    *,
    delivery_id: int,
    sent_at: datetime,
    message_id: int | None,
    seen_article_id: int,
) -> None:
    """Mark a delivery sent, and move its subscription's seen article forward (never back)."""
    # Writes only, no read first: on SQLite a read would pin a snapshot that a concurrent
    # writer could make stale, and the write after it would fail instead of waiting.
    await session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.id == delivery_id)
        .values(status="sent", sent_at=sent_at, message_id=message_id, error=None)
    )
    owner = select(DeliveryRow.subscription_id).where(DeliveryRow.id == delivery_id)
    larger = case(
        (SubscriptionRow.seen_article_id < seen_article_id, seen_article_id),
        else_=SubscriptionRow.seen_article_id,
    )
    await session.execute(
        update(SubscriptionRow)
        .where(SubscriptionRow.id == owner.scalar_subquery())
        .values(seen_article_id=larger, failures=0)
    )


async def fail_delivery(
    session: AsyncSession, *, delivery_id: int, error: str, retry: bool, max_attempts: int
) -> str:
    """Record a failed send: 'retry' while attempts remain and retrying helps, else 'failed'."""
    again = retry and max_attempts > 1
    status = case(
        (DeliveryRow.attempts < max_attempts, "retry" if again else "failed"), else_="failed"
    )
    result = await session.execute(
        update(DeliveryRow)
        .where(DeliveryRow.id == delivery_id)
        .values(status=status, error=error[:1000])
        .returning(DeliveryRow.status)
    )
    return result.scalar_one_or_none() or "failed"


async def deactivate_subscription(
    session: AsyncSession, *, subscription_id: int, reason: str
) -> None:
    """Stop a subscription whose chat cannot be written to."""
    await session.execute(
        update(SubscriptionRow)
        .where(SubscriptionRow.id == subscription_id)
        .values(active=False, deactivated_reason=reason[:1000], updated_at=datetime.now(UTC))
    )


async def stale_deliveries(
    session: AsyncSession, *, now: datetime, lease: timedelta, limit: int
) -> list[DeliveryRecord]:
    """Deliveries to send again: retries, and claims older than the lease; oldest first."""
    stale: ColumnElement[bool] = or_(
        DeliveryRow.status == "retry",
        (DeliveryRow.status == "claimed") & (DeliveryRow.claimed_at <= now - lease),
    )
    query = (
        select(DeliveryRow, SubscriptionRow)
        .join(SubscriptionRow, SubscriptionRow.id == DeliveryRow.subscription_id)
        .where(stale, SubscriptionRow.active.is_(True))
        .order_by(DeliveryRow.claimed_at, DeliveryRow.id)
        .limit(limit)
    )
    rows = (await session.execute(query)).tuples()
    return [_delivery(delivery, subscription) for delivery, subscription in rows]


async def reclaim_delivery(
    session: AsyncSession,
    *,
    delivery_id: int,
    status: str,
    claimed_at: datetime,
    claimant: str,
    now: datetime,
) -> bool:
    """Take over a delivery if it is still as it was read; True if this caller owns it now."""
    result = await session.execute(
        update(DeliveryRow)
        .where(
            DeliveryRow.id == delivery_id,
            DeliveryRow.status == status,
            DeliveryRow.claimed_at == claimed_at,
        )
        .values(
            status="claimed",
            claimant=claimant,
            claimed_at=now,
            attempts=DeliveryRow.attempts + 1,
        )
    )
    return bool(getattr(result, "rowcount", 0))


async def delivery_summary(session: AsyncSession) -> dict[str, int]:
    """How many deliveries there are in each status."""
    query = select(DeliveryRow.status, func.count()).group_by(DeliveryRow.status)
    return {status: count for status, count in (await session.execute(query)).tuples()}


def _as_utc(moment: datetime) -> datetime:
    """A stored time as UTC; SQLite hands back naive datetimes, which were written in UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _subscription(row: SubscriptionRow) -> SubscriptionRecord:
    return SubscriptionRecord(
        id=row.id,
        chat_id=row.chat_id,
        user_id=row.user_id,
        local_time=row.local_time,
        zone=row.zone,
        next_due_at=_as_utc(row.next_due_at),
        active=row.active,
        seen_article_id=row.seen_article_id,
        failures=row.failures,
        deactivated_reason=row.deactivated_reason,
    )


def _delivery(row: DeliveryRow, subscription: SubscriptionRow) -> DeliveryRecord:
    return DeliveryRecord(
        id=row.id,
        subscription=_subscription(subscription),
        local_date=row.local_date,
        status=row.status,
        attempts=row.attempts,
        claimant=row.claimant,
        claimed_at=_as_utc(row.claimed_at),
    )
