"""Tests of storage.retention: old delivery records, long-inactive subscriptions and expired
pagers are deleted, a bounded number a call; what exactly-once delivery needs stays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage import (
    DELIVERY_RETENTION,
    INACTIVE_SUBSCRIPTION_RETENTION,
    PAGER_LIFETIME,
    Pruned,
    get_pager,
    get_subscription,
    prune_expired,
    subscribe,
    unsubscribe,
)
from storage.delivery_tables import DeliveryRow, SubscriptionRow
from storage.tables import PagerRow
from tests.support.user_rows import orphans

NOW = datetime(2025, 6, 1, 6, 0, tzinfo=UTC)
DAY = timedelta(days=1)


async def subscribe_chat(session: AsyncSession, chat_id: int) -> int:
    """An active Kyiv subscription of a chat; its id."""
    record = await subscribe(
        session,
        chat_id=chat_id,
        user_id=chat_id,
        local_time=time(8),
        zone="Europe/Kyiv",
        next_due_at=NOW + DAY,
        now=NOW,
    )
    return record.id


def delivery(subscription_id: int, days_ago: int, status: str = "sent") -> DeliveryRow:
    """A delivery claimed `days_ago` days before NOW, for that local date."""
    claimed = NOW - timedelta(days=days_ago)
    return DeliveryRow(
        subscription_id=subscription_id,
        local_date=claimed.date(),
        status=status,
        claimed_at=claimed,
    )


async def local_dates(session: AsyncSession, subscription_id: int) -> set[date]:
    """The local dates a subscription has deliveries for."""
    query = select(DeliveryRow.local_date).where(DeliveryRow.subscription_id == subscription_id)
    return set((await session.execute(query)).scalars())


async def count(session: AsyncSession, table: type[DeliveryRow] | type[PagerRow]) -> int:
    """The rows of a table."""
    return (await session.execute(select(func.count()).select_from(table))).scalar_one()


async def test_delivery_records_older_than_the_retention_go_recent_ones_stay(
    session: AsyncSession,
) -> None:
    assert DELIVERY_RETENTION >= 2 * DAY  # what the once-a-day guard needs at least
    chat = await subscribe_chat(session, 1)
    retained = DELIVERY_RETENTION.days
    kept = [delivery(chat, 0), delivery(chat, retained - 1, "failed")]
    # Past the retention, whatever their status: no claim reaches back that far.
    statuses = ("sent", "failed", "skipped", "retry", "claimed")
    gone = [delivery(chat, retained + 1 + n, status) for n, status in enumerate(statuses)]
    session.add_all([*kept, *gone])
    await session.flush()

    assert await prune_expired(session, now=NOW, limit=100) == Pruned(deliveries=len(gone))
    assert await local_dates(session, chat) == {row.local_date for row in kept}


async def test_pruning_deletes_at_most_the_limit_of_each_kind(session: AsyncSession) -> None:
    chat = await subscribe_chat(session, 1)
    for days_ago in range(30, 35):
        session.add(delivery(chat, days_ago))
    for n in range(5):
        session.add(PagerRow(chat_id=1, command=f"/ask {n}", created_at=NOW - PAGER_LIFETIME - DAY))
    await session.flush()
    assert await prune_expired(session, now=NOW, limit=3) == Pruned(deliveries=3, pagers=3)
    assert await prune_expired(session, now=NOW, limit=3) == Pruned(deliveries=2, pagers=2)
    assert await prune_expired(session, now=NOW, limit=3) == Pruned()
    assert await count(session, DeliveryRow) == await count(session, PagerRow) == 0


async def test_pagers_live_their_lifetime(session: AsyncSession) -> None:
    old = PagerRow(chat_id=1, command="/ask old", created_at=NOW - PAGER_LIFETIME - DAY)
    new = PagerRow(chat_id=1, command="/ask new", created_at=NOW - PAGER_LIFETIME + DAY)
    session.add_all([old, new])
    await session.flush()
    assert await prune_expired(session, now=NOW, limit=10) == Pruned(pagers=1)
    assert await get_pager(session, pager_id=new.id, chat_id=1) == "/ask new"


async def test_an_inactive_subscription_goes_after_its_retention_with_its_deliveries(
    session: AsyncSession,
) -> None:
    ids = [await subscribe_chat(session, n) for n in (1, 2, 3)]
    stopped_long_ago, stopped_lately, active = ids
    for subscription in ids:
        session.add(delivery(subscription, 1))
    for chat in (1, 2):
        assert await unsubscribe(session, chat_id=chat)
    ages = {
        stopped_long_ago: INACTIVE_SUBSCRIPTION_RETENTION + DAY,
        stopped_lately: INACTIVE_SUBSCRIPTION_RETENTION - DAY,
        # Active subscriptions stay however long ago they changed.
        active: INACTIVE_SUBSCRIPTION_RETENTION * 10,
    }
    for subscription, age in ages.items():
        await session.execute(
            update(SubscriptionRow)
            .where(SubscriptionRow.id == subscription)
            .values(updated_at=NOW - age)
        )

    assert await prune_expired(session, now=NOW, limit=10) == Pruned(subscriptions=1)

    assert await get_subscription(session, chat_id=1) is None
    assert await local_dates(session, stopped_long_ago) == set()
    assert await orphans(session) == {}
    for chat in (2, 3):
        assert await get_subscription(session, chat_id=chat) is not None
    assert await local_dates(session, stopped_lately) == {(NOW - DAY).date()}


async def test_a_subscription_taken_up_again_is_not_pruned(session: AsyncSession) -> None:
    await subscribe_chat(session, 1)
    await unsubscribe(session, chat_id=1)
    old = NOW - INACTIVE_SUBSCRIPTION_RETENTION - DAY
    await session.execute(update(SubscriptionRow).values(updated_at=old))
    # Subscribing again (any time) makes it active and recent: it is kept.
    await subscribe_chat(session, 1)
    assert await prune_expired(session, now=NOW, limit=10) == Pruned()
    found = await get_subscription(session, chat_id=1)
    assert found is not None and found.active
