"""Tests of storage.subscriptions: subscribing, claiming each day once, retries and take-overs."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage import (
    claim_delivery,
    complete_delivery,
    delivery_summary,
    due_subscriptions,
    fail_delivery,
    get_subscription,
    make_session_factory,
    reclaim_delivery,
    reschedule,
    stale_deliveries,
    subscribe,
    unsubscribe,
)
from storage.tables import SubscriptionRow

NOW = datetime(2025, 3, 21, 6, 0, tzinfo=UTC)
DAY = date(2025, 3, 21)
TOMORROW = NOW + timedelta(days=1)


async def add(session: AsyncSession, chat_id: int, due: datetime = NOW) -> int:
    """A Kyiv 08:00 subscription due at `due`; its id."""
    record = await subscribe(
        session,
        chat_id=chat_id,
        user_id=chat_id,
        local_time=time(8),
        zone="Europe/Kyiv",
        next_due_at=due,
        now=NOW - timedelta(days=1),
    )
    return record.id


async def claim(session: AsyncSession, subscription_id: int, claimant: str = "a") -> int | None:
    """Claim today's digest of a subscription due at NOW."""
    return await claim_delivery(
        session,
        subscription_id=subscription_id,
        expected_due=NOW,
        local_date=DAY,
        next_due_at=TOMORROW,
        claimant=claimant,
        now=NOW,
    )


async def test_subscribing_again_changes_the_time_and_keeps_progress(session: AsyncSession) -> None:
    first = await add(session, 1)
    delivery = await claim(session, first)
    assert delivery is not None
    await complete_delivery(
        session, delivery_id=delivery, sent_at=NOW, message_id=9, seen_article_id=4
    )
    again = await subscribe(
        session,
        chat_id=1,
        user_id=1,
        local_time=time(19, 30),
        zone="America/New_York",
        next_due_at=TOMORROW,
        now=NOW,
    )
    assert (again.id, again.local_time, again.zone, again.seen_article_id) == (
        first,
        time(19, 30),
        "America/New_York",
        4,
    )
    assert await unsubscribe(session, chat_id=1)
    assert not await unsubscribe(session, chat_id=1)
    found = await get_subscription(session, chat_id=1)
    assert found is not None and not found.active
    assert await due_subscriptions(session, now=TOMORROW, limit=10) == []


async def test_due_subscriptions_come_longest_overdue_first(session: AsyncSession) -> None:
    await add(session, 2, NOW)
    await add(session, 3, NOW - timedelta(hours=1))
    await add(session, 4, NOW + timedelta(minutes=1))
    due = await due_subscriptions(session, now=NOW, limit=10)
    assert [s.chat_id for s in due] == [3, 2]
    assert due[0].next_due_at.tzinfo is not None


async def test_a_day_is_claimed_once_and_the_subscription_moves_on(session: AsyncSession) -> None:
    subscription = await add(session, 5)
    assert await claim(session, subscription) is not None
    assert await claim(session, subscription, "b") is None
    found = await get_subscription(session, chat_id=5)
    assert found is not None and found.next_due_at == TOMORROW
    # The day's row exists: a claim from a later schedule for the same date moves on anyway.
    await reschedule(session, subscription_id=subscription, expected_due=TOMORROW, next_due_at=NOW)
    assert await claim(session, subscription) is None
    found = await get_subscription(session, chat_id=5)
    assert found is not None and found.next_due_at == TOMORROW


async def test_seen_articles_only_move_forward(session: AsyncSession) -> None:
    subscription = await add(session, 6)
    delivery = await claim(session, subscription)
    assert delivery is not None
    await complete_delivery(
        session, delivery_id=delivery, sent_at=NOW, message_id=1, seen_article_id=7
    )
    await complete_delivery(
        session, delivery_id=delivery, sent_at=NOW, message_id=1, seen_article_id=3
    )
    found = await get_subscription(session, chat_id=6)
    assert found is not None and found.seen_article_id == 7
    assert await delivery_summary(session) == {"sent": 1}


async def test_failures_retry_until_the_attempts_run_out(session: AsyncSession) -> None:
    subscription = await add(session, 7)
    delivery = await claim(session, subscription)
    assert delivery is not None
    assert (
        await fail_delivery(session, delivery_id=delivery, error="500", retry=True, max_attempts=2)
        == "retry"
    )
    [stale] = await stale_deliveries(session, now=NOW, lease=timedelta(minutes=2), limit=10)
    assert stale.id == delivery and stale.subscription.chat_id == 7
    assert await reclaim_delivery(
        session,
        delivery_id=delivery,
        status="retry",
        claimed_at=stale.claimed_at,
        claimant="b",
        now=NOW + timedelta(minutes=1),
    )
    assert not await reclaim_delivery(
        session,
        delivery_id=delivery,
        status="retry",
        claimed_at=stale.claimed_at,
        claimant="c",
        now=NOW + timedelta(minutes=1),
    )
    assert (
        await fail_delivery(session, delivery_id=delivery, error="500", retry=True, max_attempts=2)
        == "failed"
    )
    assert (
        await fail_delivery(session, delivery_id=delivery, error="403", retry=False, max_attempts=5)
        == "failed"
    )


async def test_claims_older_than_the_lease_are_stale_fresh_ones_are_not(
    session: AsyncSession,
) -> None:
    subscription = await add(session, 8)
    await claim(session, subscription)
    assert (
        await stale_deliveries(
            session, now=NOW + timedelta(seconds=30), lease=timedelta(minutes=1), limit=10
        )
        == []
    )
    [stale] = await stale_deliveries(
        session, now=NOW + timedelta(minutes=2), lease=timedelta(minutes=1), limit=10
    )
    assert stale.status == "claimed" and stale.claimant == "a"
    await unsubscribe(session, chat_id=8)
    assert (
        await stale_deliveries(
            session, now=NOW + timedelta(minutes=2), lease=timedelta(minutes=1), limit=10
        )
        == []
    )


async def test_a_skipped_day_is_recorded(session: AsyncSession) -> None:
    subscription = await add(session, 9)
    assert await reschedule(
        session,
        subscription_id=subscription,
        expected_due=NOW,
        next_due_at=TOMORROW,
        skipped_date=DAY,
    )
    assert await delivery_summary(session) == {"skipped": 1}


async def test_concurrent_claims_from_two_processes_one_wins(engine: AsyncEngine) -> None:
    sessions = make_session_factory(engine)
    async with sessions.begin() as session:
        subscription = await add(session, 10)

    async def try_claim(claimant: str) -> int | None:
        async with sessions.begin() as session:
            return await claim(session, subscription, claimant)

    try:
        results = await asyncio.gather(*(try_claim(name) for name in "abcdef"))
        assert len([r for r in results if r is not None]) == 1
    finally:
        async with sessions.begin() as session:
            await session.execute(delete(SubscriptionRow).where(SubscriptionRow.chat_id == 10))
