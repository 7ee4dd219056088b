"""Digest subscriptions: a chat's local time, zone and language, when it is next due, and how
far it got.

Every due instant is stored and compared in UTC. Updates here are compare-and-set statements
that report whether they matched, and they never read first: on SQLite a read would pin a
snapshot that a concurrent writer can make stale, and the write after it would then fail at
once instead of waiting for the lock.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, Result, Row, Select, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.delivery_tables import DeliveryRow, SubscriptionRow
from storage.records import SubscriptionRecord

# ORM rows may sit in the session from before a bulk update; reads always refresh them.
REFRESH_LOADED_ROWS = {"populate_existing": True}
# Bulk updates leave the session's rows alone (the reads above refresh them): evaluating a
# WHERE in Python against SQLite's naive datetimes would silently miss rows.
UNSYNCED = {"synchronize_session": False}


async def subscribe(
    session: AsyncSession,
    *,
    chat_id: int,
    user_id: int | None,
    local_time: time,
    zone: str,
    next_due_at: datetime,
    now: datetime,
    language: str = "en",
) -> SubscriptionRecord:
    """Start a chat's digests, or change their time, zone and language (progress kept); the
    subscription.

    The time is kept to the minute. Safe when two requests for one chat race: the one whose
    insert loses to the unique chat id updates the row the other inserted.
    """
    values: dict[str, Any] = {
        "user_id": user_id,
        "local_time": local_time.replace(second=0, microsecond=0, tzinfo=None),
        "zone": zone,
        "language": language,
        "next_due_at": as_utc(next_due_at),
        "active": True,
        "failures": 0,
        "deactivated_reason": None,
        "updated_at": as_utc(now),
    }
    if not await _update_chat(session, chat_id, values):
        await _insert_or_update(session, chat_id, values)
    return subscription_record((await session.execute(_by_chat(chat_id))).scalar_one())


async def unsubscribe(session: AsyncSession, *, chat_id: int) -> bool:
    """Stop a chat's digests, keeping the row inactive; False if none were active."""
    return await _update_chat(
        session,
        chat_id,
        {"active": False, "deactivated_reason": "unsubscribed", "updated_at": datetime.now(UTC)},
        active_only=True,
    )


async def get_subscription(session: AsyncSession, *, chat_id: int) -> SubscriptionRecord | None:
    """A chat's subscription, active or not, or None."""
    row = (await session.execute(_by_chat(chat_id))).scalar_one_or_none()
    return subscription_record(row) if row else None


async def due_subscriptions(
    session: AsyncSession, *, now: datetime, limit: int, lock: bool = False
) -> list[SubscriptionRecord]:
    """Active subscriptions due by now, the longest overdue first, then by id.

    With `lock`, the rows are locked until the transaction ends, and rows another
    transaction holds are skipped (FOR UPDATE SKIP LOCKED on PostgreSQL; a SQLite write
    transaction holds the whole store anyway): workers claiming at once get disjoint rows.
    Read as plain rows, not ORM objects: a fan-out reads thousands, and ORM objects live on
    in the session's identity map and reference cycles until the next garbage collection.
    """
    query = (
        select(*SubscriptionRow.__table__.columns)
        .where(due_by(now))
        .order_by(SubscriptionRow.next_due_at, SubscriptionRow.id)
        .limit(limit)
    )
    if lock:
        query = query.with_for_update(skip_locked=True)
    return [subscription_record(row) for row in await session.execute(query)]


def due_by(now: datetime) -> ColumnElement[bool]:
    """The tick's rule for a subscription waiting to be claimed: active, its due instant reached.

    Claiming moves the instant on, so a claimed day no longer matches (read by /stats too).
    """
    return SubscriptionRow.active.is_(True) & (SubscriptionRow.next_due_at <= as_utc(now))


async def reschedule(
    session: AsyncSession,
    *,
    subscription_id: int,
    expected_due: datetime,
    next_due_at: datetime,
    skipped_date: date | None = None,
) -> bool:
    """Move an active subscription's due instant if it is still the expected one; True if moved.

    With skipped_date, that local date also gets a 'skipped' delivery (a day missed beyond
    the grace period), unless it has a delivery already.
    """
    moved = await _update(
        session,
        (SubscriptionRow.id == subscription_id)
        & SubscriptionRow.active.is_(True)
        & (SubscriptionRow.next_due_at == as_utc(expected_due)),
        {"next_due_at": as_utc(next_due_at), "updated_at": datetime.now(UTC)},
    )
    if moved and skipped_date is not None:
        await _record_skip(session, subscription_id, skipped_date)
    return moved


async def deactivate_subscription(
    session: AsyncSession, *, subscription_id: int, reason: str
) -> None:
    """Stop a subscription whose chat cannot be written to, saying why."""
    await _update(
        session,
        SubscriptionRow.id == subscription_id,
        {"active": False, "deactivated_reason": reason[:1000], "updated_at": datetime.now(UTC)},
    )


def as_utc(moment: datetime) -> datetime:
    """An instant in UTC; a naive one is taken to be UTC already (SQLite hands those back)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def changed(result: Result[Any]) -> bool:
    """True if an UPDATE or DELETE statement matched a row."""
    return isinstance(result, CursorResult) and result.rowcount > 0


def subscription_record(row: SubscriptionRow | Row[Any]) -> SubscriptionRecord:
    """A subscription (ORM object or row of its columns) as a plain record, due instant in UTC."""
    return SubscriptionRecord(
        id=row.id,
        chat_id=row.chat_id,
        user_id=row.user_id,
        local_time=row.local_time,
        zone=row.zone,
        next_due_at=as_utc(row.next_due_at),
        active=row.active,
        seen_article_id=row.seen_article_id,
        failures=row.failures,
        deactivated_reason=row.deactivated_reason,
        language=row.language,
    )


def _by_chat(chat_id: int) -> Select[tuple[SubscriptionRow]]:
    """The subscription of a chat, read afresh."""
    query = select(SubscriptionRow).where(SubscriptionRow.chat_id == chat_id)
    return query.execution_options(**REFRESH_LOADED_ROWS)


async def _update(
    session: AsyncSession, where: ColumnElement[bool], values: dict[str, Any]
) -> bool:
    """Update the subscriptions matching a condition; True if any did."""
    statement = update(SubscriptionRow).where(where).values(**values)
    return changed(await session.execute(statement, execution_options=UNSYNCED))


async def _update_chat(
    session: AsyncSession, chat_id: int, values: dict[str, Any], *, active_only: bool = False
) -> bool:
    """Update a chat's subscription (only if active, when asked); True if there was one."""
    where = SubscriptionRow.chat_id == chat_id
    if active_only:
        where &= SubscriptionRow.active.is_(True)
    return await _update(session, where, values)


async def _insert_or_update(session: AsyncSession, chat_id: int, values: dict[str, Any]) -> None:
    """Insert a chat's subscription in a savepoint; if another request just did, update that."""
    row = SubscriptionRow(chat_id=chat_id, seen_article_id=0, created_at=values["updated_at"])
    for name, value in values.items():
        setattr(row, name, value)
    try:
        async with session.begin_nested():
            session.add(row)
    except IntegrityError:
        # The unique chat id: a concurrent request inserted first and has committed since.
        await _update_chat(session, chat_id, values)


async def _record_skip(session: AsyncSession, subscription_id: int, day: date) -> None:
    """A 'skipped' delivery for a local date, unless that date has a delivery already."""
    row = DeliveryRow(
        subscription_id=subscription_id,
        local_date=day,
        status="skipped",
        attempts=0,
        claimed_at=datetime.now(UTC),
    )
    # The date's unique delivery exists: it was claimed or skipped already, which is enough.
    with suppress(IntegrityError):
        async with session.begin_nested():
            session.add(row)
