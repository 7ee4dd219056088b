"""Tests of storage.deliveries: each day claimed once, sent, retried or failed, taken over once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from test_subscriptions import DAY, KYIV, NOW, TOMORROW, claim_today, found, make_subscription

from storage import (
    DueClaim,
    SentDigest,
    claim_deliveries,
    complete_deliveries,
    deactivate_subscription,
    delivery_summary,
    fail_delivery,
    make_session_factory,
    reclaim_delivery,
    stale_deliveries,
    subscribe,
)
from storage.delivery_tables import DeliveryRow, SubscriptionRow
from storage.subscriptions import as_utc

LEASE = timedelta(minutes=2)


async def claimed(session: AsyncSession, chat_id: int) -> int:
    """A new subscription's claimed delivery for DAY; its id."""
    delivery = await claim_today(session, await make_subscription(session, chat_id))
    assert delivery is not None
    return delivery


async def test_a_date_is_claimed_once_and_the_subscription_moves_on(
    session: AsyncSession,
) -> None:
    subscription = await make_subscription(session, 1)
    first = await claim_today(session, subscription, due=NOW.astimezone(KYIV))
    assert first is not None
    assert await claim_today(session, subscription, "b") is None
    assert (await found(session, 1)).next_due_at == TOMORROW
    [stale] = await stale_deliveries(session, now=NOW + LEASE, lease=LEASE, limit=10)
    assert (stale.id, stale.local_date, stale.status) == (first, DAY, "claimed")
    assert (stale.attempts, stale.worker, stale.claimed_at) == (1, "a", NOW)


async def test_a_claim_for_a_date_that_has_a_delivery_still_moves_the_due_instant(
    session: AsyncSession,
) -> None:
    # Today's digest went out at 08:00; the subscriber then moved it to 20:00 the same day.
    subscription = await make_subscription(session, 1)
    assert await claim_today(session, subscription) is not None
    evening = NOW + timedelta(hours=12)
    await subscribe(
        session,
        chat_id=1,
        user_id=1,
        local_time=evening.astimezone(KYIV).time(),
        zone="Europe/Kyiv",
        next_due_at=evening,
        now=NOW,
    )
    assert await claim_today(session, subscription, "b", due=evening) is None
    assert (await found(session, 1)).next_due_at == TOMORROW
    assert await delivery_summary(session) == {"claimed": 1}


async def test_an_inactive_subscription_is_not_claimed(session: AsyncSession) -> None:
    subscription = await make_subscription(session, 1)
    await deactivate_subscription(session, subscription_id=subscription, reason="blocked")
    assert await claim_today(session, subscription) is None
    assert await delivery_summary(session) == {}


async def test_concurrent_claims_from_separate_sessions_one_wins(engine: AsyncEngine) -> None:
    sessions = make_session_factory(engine)
    async with sessions.begin() as session:
        subscription = await make_subscription(session, 9201)

    async def try_claim(worker: str) -> int | None:
        async with sessions.begin() as session:
            return await claim_today(session, subscription, worker)

    try:
        results = await asyncio.gather(*(try_claim(name) for name in "abcdef"))
        assert len([r for r in results if r is not None]) == 1
        async with sessions() as session:
            assert await delivery_summary(session) == {"claimed": 1}
    finally:
        async with sessions.begin() as session:
            await session.execute(delete(SubscriptionRow).where(SubscriptionRow.chat_id == 9201))


async def test_sending_moves_the_seen_article_only_forward(session: AsyncSession) -> None:
    delivery = await claimed(session, 1)
    await fail_delivery(session, delivery_id=delivery, error="500", retry=True, max_attempts=3)
    sent_at = NOW.astimezone(KYIV) + timedelta(seconds=1)
    for seen in (7, 3):
        await complete_deliveries(session, [SentDigest(delivery, sent_at, 99, seen)])
    subscription = await found(session, 1)
    assert (subscription.seen_article_id, subscription.failures) == (7, 0)
    row = await session.scalar(select(DeliveryRow).where(DeliveryRow.id == delivery))
    assert row is not None
    assert (row.status, row.message_id, row.error) == ("sent", 99, None)
    assert row.sent_at is not None and as_utc(row.sent_at) == NOW + timedelta(seconds=1)
    assert await delivery_summary(session) == {"sent": 1}


async def test_failures_are_retried_while_attempts_remain(session: AsyncSession) -> None:
    retried, refused, exhausted = [await claimed(session, chat) for chat in (1, 2, 3)]
    assert (
        await fail_delivery(session, delivery_id=retried, error="500", retry=True, max_attempts=2)
        == "retry"
    )
    assert (
        await fail_delivery(session, delivery_id=refused, error="403", retry=False, max_attempts=5)
        == "failed"
    )
    assert (
        await fail_delivery(session, delivery_id=exhausted, error="x", retry=True, max_attempts=1)
        == "failed"
    )
    assert await delivery_summary(session) == {"retry": 1, "failed": 2}
    assert (await found(session, 1)).failures == 1
    assert (
        await fail_delivery(session, delivery_id=10**9, error="x", retry=True, max_attempts=5)
        == "failed"
    )


async def test_stale_deliveries_are_old_claims_and_retries_of_active_subscriptions(
    session: AsyncSession,
) -> None:
    old, retried, inactive = [await claimed(session, chat) for chat in (1, 2, 3)]
    await fail_delivery(session, delivery_id=retried, error="500", retry=True, max_attempts=3)
    await fail_delivery(session, delivery_id=inactive, error="500", retry=True, max_attempts=3)
    await deactivate_subscription(session, subscription_id=(await found(session, 3)).id, reason="x")
    fresh = await make_subscription(session, 4, NOW + timedelta(minutes=1))
    claim = DueClaim(fresh, NOW + timedelta(minutes=1), DAY, TOMORROW)
    await claim_deliveries(session, [claim], worker="a", now=NOW + timedelta(minutes=1))
    soon = await stale_deliveries(session, now=NOW + LEASE / 2, lease=LEASE, limit=10)
    assert [d.id for d in soon] == [retried]
    later = await stale_deliveries(
        session, now=(NOW + LEASE).astimezone(KYIV), lease=LEASE, limit=10
    )
    assert [d.id for d in later] == [old, retried]
    assert [d.subscription.chat_id for d in later] == [1, 2]
    assert len(await stale_deliveries(session, now=TOMORROW, lease=LEASE, limit=2)) == 2


async def test_a_delivery_is_taken_over_only_as_it_was_read(session: AsyncSession) -> None:
    await claimed(session, 1)
    [stale] = await stale_deliveries(session, now=NOW + LEASE, lease=LEASE, limit=10)
    take = {"delivery_id": stale.id, "worker": "b", "now": NOW + LEASE}
    assert not await reclaim_delivery(session, status="retry", claimed_at=stale.claimed_at, **take)
    assert not await reclaim_delivery(session, status="claimed", claimed_at=TOMORROW, **take)
    assert await reclaim_delivery(
        session, status="claimed", claimed_at=stale.claimed_at.astimezone(KYIV), **take
    )
    assert not await reclaim_delivery(
        session, status="claimed", claimed_at=stale.claimed_at, **take
    )
    [now_stale] = await stale_deliveries(session, now=NOW + 2 * LEASE, lease=LEASE, limit=10)
    assert (now_stale.worker, now_stale.attempts, now_stale.claimed_at) == ("b", 2, NOW + LEASE)


async def test_two_racing_takeovers_one_wins(engine: AsyncEngine) -> None:
    sessions = make_session_factory(engine)
    async with sessions.begin() as session:
        await claimed(session, 9202)
        [stale] = await stale_deliveries(session, now=NOW + LEASE, lease=LEASE, limit=10)

    async def try_reclaim(worker: str) -> bool:
        async with sessions.begin() as session:
            return await reclaim_delivery(
                session,
                delivery_id=stale.id,
                status=stale.status,
                claimed_at=stale.claimed_at,
                worker=worker,
                now=NOW + LEASE,
            )

    try:
        results = await asyncio.gather(*(try_reclaim(name) for name in "bcdefg"))
        assert results.count(True) == 1
    finally:
        async with sessions.begin() as session:
            await session.execute(delete(SubscriptionRow).where(SubscriptionRow.chat_id == 9202))


async def test_deleting_a_subscription_deletes_its_deliveries(session: AsyncSession) -> None:
    await claimed(session, 1)
    await claimed(session, 2)
    await session.execute(delete(SubscriptionRow).where(SubscriptionRow.chat_id == 1))
    assert await delivery_summary(session) == {"claimed": 1}


async def test_delivery_status_is_checked(session: AsyncSession) -> None:
    # compare_metadata does not compare CHECK constraints, so test that this one exists.
    subscription = await make_subscription(session, 1)
    row = DeliveryRow(
        subscription_id=subscription, local_date=DAY, status="lost", attempts=1, claimed_at=NOW
    )
    with pytest.raises(IntegrityError, match="ck_deliveries_status"):
        async with session.begin_nested():
            session.add(row)
