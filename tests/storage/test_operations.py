"""Tests of storage.operations: /stats' counts of the store, today's digests and the queue."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from store_builders import save_demands, save_figure
from test_subscriptions import make_subscription

from briefings.entries import StoreStats
from storage import (
    DueClaim,
    SentDigest,
    claim_deliveries,
    complete_deliveries,
    delete_article,
    fail_delivery,
    store_stats,
    unsubscribe,
)
from storage.tables import EventRow, QuoteRow, SentenceRow

NOW = datetime(2025, 3, 21, 12, 0, tzinfo=UTC)
DAY_START = datetime(2025, 3, 21, tzinfo=UTC)
LEASE = timedelta(minutes=2)
LATER = NOW + timedelta(days=1)


async def stats(session: AsyncSession, now: datetime = NOW) -> StoreStats:
    """The stats at `now`, for the UTC day of NOW."""
    return await store_stats(session, now=now, day_start=DAY_START, lease=LEASE)


async def claimed(session: AsyncSession, chat_id: int, at: datetime) -> int:
    """A new subscription of a chat, due and claimed at `at` (moved on to tomorrow); its delivery."""
    subscription = await make_subscription(session, chat_id, due=at)
    claim = DueClaim(subscription, at, at.date(), LATER)
    won = await claim_deliveries(session, [claim], worker="w", now=at)
    return won[subscription]


async def failed(session: AsyncSession, delivery: int, *, retry: bool) -> None:
    """A failed send of a delivery: to retry (attempts remain), or given up."""
    await fail_delivery(session, delivery_id=delivery, error="boom", retry=retry, max_attempts=3)


async def sent(session: AsyncSession, delivery: int, at: datetime) -> None:
    """A delivery recorded sent at an instant."""
    await complete_deliveries(session, [SentDigest(delivery, at, 1, 0)])


async def test_an_empty_store_counts_nothing_and_has_no_queue(session: AsyncSession) -> None:
    assert await stats(session) == StoreStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, None)


async def test_the_store_counts_articles_each_kind_of_fact_and_actors(
    session: AsyncSession,
) -> None:
    first = await save_figure(session, "a", 100)
    await save_figure(session, "b", 120)
    await save_demands(session, "c", [("Kremlin", "talks"), ("Kyiv", "guarantees")], ("Kyiv",))
    [sentence] = await session.scalars(select(SentenceRow).where(SentenceRow.article_id == first))
    place = {"article_id": first, "sentence_id": sentence.id, "start": 0, "end": 5}
    session.add(QuoteRow(**place, text="We will hold.", speaker="Syrskyi", side="Ukraine"))
    session.add(EventRow(**place, day=DAY_START.date(), precision="day", text="talks"))
    await session.flush()
    found = await stats(session)
    assert (found.articles, found.figures, found.demands) == (3, 2, 2)
    assert (found.quotes, found.events, found.actors) == (1, 1, 2)
    await delete_article(session, article_id=first)
    found = await stats(session)
    assert (found.articles, found.figures, found.demands, found.quotes, found.events) == (
        2,
        1,
        2,
        0,
        0,
    )


async def test_digests_are_counted_by_the_day_and_the_queue_by_the_ticks_rules(
    session: AsyncSession,
) -> None:
    await sent(session, await claimed(session, 1, NOW - timedelta(hours=6)), NOW)
    yesterday = NOW - timedelta(days=1)
    await sent(session, await claimed(session, 2, yesterday), yesterday + timedelta(minutes=1))
    await failed(session, await claimed(session, 3, NOW - timedelta(hours=5)), retry=False)
    await failed(session, await claimed(session, 4, yesterday), retry=False)  # not today
    await failed(session, await claimed(session, 5, NOW - timedelta(hours=6)), retry=True)
    await claimed(session, 6, NOW - timedelta(minutes=1))  # being sent: within its lease
    await claimed(session, 7, NOW - timedelta(hours=1))  # its process died: past its lease
    await make_subscription(session, 8, due=NOW - timedelta(hours=7))  # due, not claimed
    await make_subscription(session, 9, due=NOW + timedelta(hours=6))  # not due yet
    # Stopped subscriptions neither count nor wait, however late.
    await make_subscription(session, 10, due=NOW - timedelta(hours=9))
    await failed(session, await claimed(session, 11, NOW - timedelta(hours=10)), retry=True)
    for chat_id in (10, 11):
        await unsubscribe(session, chat_id=chat_id)
    found = await stats(session)
    assert (found.subscribers, found.sent_today, found.failed_today) == (9, 1, 1)
    assert found.queued == 3  # chats 5 (a retry), 7 (a dead claim) and 8 (due)
    assert found.lag == timedelta(hours=7)


async def test_the_lag_is_the_oldest_waiting_digest_and_none_once_all_are_taken(
    session: AsyncSession,
) -> None:
    delivery = await claimed(session, 1, NOW - timedelta(minutes=10))
    assert (await stats(session)).lag == timedelta(minutes=10)
    assert (await stats(session, NOW - timedelta(minutes=9))).queued == 0  # within the lease
    due = NOW - timedelta(hours=2, minutes=5)
    waiting = await make_subscription(session, 2, due=due, at=time(9))
    assert (await stats(session)).lag == timedelta(hours=2, minutes=5)
    await sent(session, delivery, NOW)
    await claim_deliveries(
        session, [DueClaim(waiting, due, due.date(), LATER)], worker="w", now=NOW
    )
    found = await stats(session)
    assert (found.queued, found.lag, found.sent_today) == (0, None, 1)
