"""Tests of storage.subscriptions: subscribing, the due query, rescheduling, migration 0004."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, delete, inspect
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage import (
    DueClaim,
    SubscriptionRecord,
    claim_deliveries,
    deactivate_subscription,
    delivery_summary,
    downgrade,
    due_subscriptions,
    fail_delivery,
    get_subscription,
    make_session_factory,
    reschedule,
    subscribe,
    unsubscribe,
    upgrade,
)
from storage.delivery_tables import SubscriptionRow

NOW = datetime(2025, 3, 21, 6, 0, tzinfo=UTC)
DAY = date(2025, 3, 21)
TOMORROW = NOW + timedelta(days=1)
KYIV = ZoneInfo("Europe/Kyiv")
DIGEST_TABLES = {"subscriptions", "deliveries"}


async def make_subscription(
    session: AsyncSession, chat_id: int, due: datetime = NOW, at: time = time(8)
) -> int:
    """A Kyiv subscription of a chat, due at `due`; its id."""
    record = await subscribe(
        session,
        chat_id=chat_id,
        user_id=chat_id,
        local_time=at,
        zone="Europe/Kyiv",
        next_due_at=due,
        now=NOW - timedelta(days=1),
    )
    return record.id


async def claim_today(
    session: AsyncSession, subscription_id: int, worker: str = "a", *, due: datetime = NOW
) -> int | None:
    """Claim DAY's digest of a subscription expected due at `due`, moving it to TOMORROW."""
    claim = DueClaim(subscription_id, due, DAY, TOMORROW)
    won = await claim_deliveries(session, [claim], worker=worker, now=NOW)
    return won.get(subscription_id)


async def found(session: AsyncSession, chat_id: int) -> SubscriptionRecord:
    """A chat's subscription, which must exist."""
    record = await get_subscription(session, chat_id=chat_id)
    assert record is not None
    return record


async def test_a_subscription_keeps_minutes_and_utc_instants(session: AsyncSession) -> None:
    record = await subscribe(
        session,
        chat_id=1,
        user_id=None,
        local_time=time(8, 30, 59, 12),
        zone="Europe/Kyiv",
        next_due_at=datetime(2025, 3, 21, 8, 30, tzinfo=KYIV),
        now=NOW,
    )
    session.expunge_all()
    stored = await found(session, 1)
    assert stored == record
    assert (stored.local_time, stored.user_id, stored.active) == (time(8, 30), None, True)
    assert stored.next_due_at == NOW + timedelta(minutes=30)
    assert stored.next_due_at.utcoffset() == timedelta(0)
    assert (stored.seen_article_id, stored.failures, stored.deactivated_reason) == (0, 0, None)
    assert await get_subscription(session, chat_id=2) is None


async def test_subscribing_again_changes_the_schedule_and_keeps_progress(
    session: AsyncSession,
) -> None:
    first = await make_subscription(session, 1)
    delivery = await claim_today(session, first)
    assert delivery is not None
    await fail_delivery(session, delivery_id=delivery, error="403", retry=False, max_attempts=3)
    await deactivate_subscription(session, subscription_id=first, reason="blocked")
    stopped = await found(session, 1)
    assert (stopped.active, stopped.failures, stopped.deactivated_reason) == (False, 1, "blocked")
    again = await subscribe(
        session,
        chat_id=1,
        user_id=7,
        local_time=time(19, 30),
        zone="America/New_York",
        next_due_at=TOMORROW,
        now=NOW,
    )
    assert (again.id, again.user_id, again.local_time, again.zone) == (
        first,
        7,
        time(19, 30),
        "America/New_York",
    )
    assert (again.next_due_at, again.active, again.failures) == (TOMORROW, True, 0)
    assert again.deactivated_reason is None


async def test_unsubscribing_keeps_the_row_inactive(session: AsyncSession) -> None:
    await make_subscription(session, 1)
    assert await unsubscribe(session, chat_id=1)
    assert not await unsubscribe(session, chat_id=1)
    assert not await unsubscribe(session, chat_id=2)
    stopped = await found(session, 1)
    assert (stopped.active, stopped.deactivated_reason) == (False, "unsubscribed")
    assert await due_subscriptions(session, now=TOMORROW, limit=10) == []


async def test_racing_subscribes_of_one_chat_leave_one_row(engine: AsyncEngine) -> None:
    sessions = make_session_factory(engine)

    async def subscribe_at(hour: int) -> SubscriptionRecord:
        async with sessions.begin() as session:
            return await subscribe(
                session,
                chat_id=9101,
                user_id=None,
                local_time=time(hour),
                zone="UTC",
                next_due_at=NOW + timedelta(hours=hour),
                now=NOW,
            )

    try:
        records = await asyncio.gather(*(subscribe_at(hour) for hour in range(6)))
        async with sessions() as session:
            final = await found(session, 9101)
        assert {record.id for record in records} == {final.id}
        assert final.local_time in {time(hour) for hour in range(6)}
    finally:
        async with sessions.begin() as session:
            await session.execute(delete(SubscriptionRow).where(SubscriptionRow.chat_id == 9101))


async def test_due_subscriptions_come_longest_overdue_first_then_by_id(
    session: AsyncSession,
) -> None:
    await make_subscription(session, 1, NOW)
    await make_subscription(session, 2, NOW - timedelta(hours=1))
    await make_subscription(session, 3, NOW)
    await make_subscription(session, 4, NOW + timedelta(minutes=1))
    await make_subscription(session, 5, NOW - timedelta(hours=2))
    await unsubscribe(session, chat_id=5)
    due = await due_subscriptions(session, now=NOW.astimezone(KYIV), limit=10)
    assert [s.chat_id for s in due] == [2, 1, 3]
    assert all(s.next_due_at.tzinfo == UTC for s in due)
    assert [s.chat_id for s in await due_subscriptions(session, now=NOW, limit=2)] == [2, 1]


async def test_reschedule_moves_only_from_the_expected_due(session: AsyncSession) -> None:
    subscription = await make_subscription(session, 1)
    later = NOW + timedelta(hours=1)
    moves = {"subscription_id": subscription, "next_due_at": TOMORROW}
    assert not await reschedule(session, expected_due=later, **moves)
    assert (await found(session, 1)).next_due_at == NOW
    assert await reschedule(session, expected_due=NOW.astimezone(KYIV), **moves)
    assert not await reschedule(session, expected_due=NOW, **moves)
    assert (await found(session, 1)).next_due_at == TOMORROW
    await unsubscribe(session, chat_id=1)
    assert not await reschedule(session, expected_due=TOMORROW, **moves)
    assert await delivery_summary(session) == {}


async def test_a_skipped_day_is_recorded_unless_the_day_has_a_delivery(
    session: AsyncSession,
) -> None:
    skipped = await make_subscription(session, 1)
    assert await reschedule(
        session, subscription_id=skipped, expected_due=NOW, next_due_at=TOMORROW, skipped_date=DAY
    )
    claimed = await make_subscription(session, 2)
    assert await claim_today(session, claimed) is not None
    assert await reschedule(
        session, subscription_id=claimed, expected_due=TOMORROW, next_due_at=NOW, skipped_date=DAY
    )
    assert await delivery_summary(session) == {"skipped": 1, "claimed": 1}


async def test_rows_read_earlier_in_the_session_are_read_afresh(session: AsyncSession) -> None:
    # Rows loaded back from the database (naive datetimes on SQLite) must not go stale.
    subscription = await make_subscription(session, 1)
    session.expunge_all()
    assert (await found(session, 1)).next_due_at == NOW
    assert await claim_today(session, subscription) is not None
    assert (await found(session, 1)).next_due_at == TOMORROW
    await unsubscribe(session, chat_id=1)
    assert not (await found(session, 1)).active


def _table_names(connection: Connection) -> set[str]:
    """Tables in the database's default schema."""
    return set(inspect(connection).get_table_names())


async def test_migration_0004_goes_down_and_up(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        transaction = await connection.begin()
        await downgrade(connection, revision="0003")
        after_down = await connection.run_sync(_table_names)
        await upgrade(connection, revision="0004")
        after_up = await connection.run_sync(_table_names)
        await transaction.rollback()
    assert after_down & DIGEST_TABLES == set()
    assert {"articles", "pagers"} <= after_down
    assert after_up >= DIGEST_TABLES
