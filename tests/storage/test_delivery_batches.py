"""Tests of storage.deliveries' batch paths: a chunk of claims, and many sends recorded at once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from test_subscriptions import DAY, KYIV, NOW, TOMORROW, claim_today, found, make_subscription

from storage import (
    DueClaim,
    SentDigest,
    claim_deliveries,
    complete_deliveries,
    deactivate_subscription,
    delivery_summary,
    make_session_factory,
    subscribe,
)
from storage.delivery_tables import DeliveryRow, SubscriptionRow

LATER = NOW + timedelta(hours=1)


def due_today(subscription_id: int) -> DueClaim:
    """DAY's claim of a subscription read as due at NOW, moving it to TOMORROW."""
    return DueClaim(subscription_id, NOW, DAY, TOMORROW)


async def test_a_chunk_claims_exactly_the_dates_still_due_and_free(session: AsyncSession) -> None:
    plain, inactive, moved, taken, last = [
        await make_subscription(session, chat) for chat in (1, 2, 3, 4, 5)
    ]
    await deactivate_subscription(session, subscription_id=inactive, reason="blocked")
    # Rescheduled since it was read (the subscriber changed the time).
    await subscribe(
        session, chat_id=3, user_id=3, local_time=LATER.astimezone(KYIV).time(),
        zone="Europe/Kyiv", next_due_at=LATER, now=NOW,
    )  # fmt: skip
    # Today's digest went out already under an earlier time; it is due again today.
    assert await claim_today(session, taken) is not None
    await subscribe(
        session, chat_id=4, user_id=4, local_time=LATER.astimezone(KYIV).time(),
        zone="Europe/Kyiv", next_due_at=LATER, now=NOW,
    )  # fmt: skip
    claims = [due_today(s) for s in (plain, inactive, moved, last)]
    claims.append(DueClaim(taken, LATER, DAY, TOMORROW))
    won = await claim_deliveries(session, claims, worker="a", now=NOW)
    assert set(won) == {plain, last}
    assert len(set(won.values())) == 2
    dues = {chat: (await found(session, chat)).next_due_at for chat in (1, 2, 3, 4, 5)}
    assert dues == {1: TOMORROW, 2: NOW, 3: LATER, 4: TOMORROW, 5: TOMORROW}
    assert await delivery_summary(session) == {"claimed": 3}
    assert await claim_deliveries(session, claims, worker="b", now=NOW) == {}
    assert await claim_deliveries(session, [], worker="b", now=NOW) == {}


async def test_racing_chunks_claim_every_date_once(engine: AsyncEngine) -> None:
    sessions = make_session_factory(engine)
    chats = range(9300, 9320)
    async with sessions.begin() as session:
        ids = [await make_subscription(session, chat) for chat in chats]

    async def claim_all(worker: str) -> dict[int, int]:
        won: dict[int, int] = {}
        for start in range(0, len(ids), 7):
            async with sessions.begin() as session:
                chunk = [due_today(s) for s in ids[start : start + 7]]
                won |= await claim_deliveries(session, chunk, worker=worker, now=NOW)
        return won

    try:
        results = await asyncio.gather(*(claim_all(name) for name in "abcd"))
        winners = [subscription for won in results for subscription in won]
        assert sorted(winners) == sorted(ids)
        async with sessions() as session:
            workers = await session.scalars(
                select(DeliveryRow.worker).where(DeliveryRow.subscription_id.in_(ids))
            )
            assert len(list(workers)) == len(ids)
    finally:
        async with sessions.begin() as session:
            await session.execute(delete(SubscriptionRow).where(SubscriptionRow.chat_id.in_(chats)))


async def test_many_sends_are_recorded_at_once_each_with_its_own_outcome(
    session: AsyncSession,
) -> None:
    ids = [await make_subscription(session, chat) for chat in (1, 2, 3)]
    won = await claim_deliveries(session, [due_today(s) for s in ids], worker="a", now=NOW)
    first, second, third = (won[s] for s in ids)
    await complete_deliveries(session, [SentDigest(third, NOW, 30, 9)])
    sent_at = NOW + timedelta(seconds=5)
    await complete_deliveries(
        session,
        [
            SentDigest(first, sent_at, 10, 4),
            SentDigest(second, sent_at.astimezone(KYIV), None, 6),
            SentDigest(third, sent_at, 31, 2),  # sent twice: the seen article never goes back
        ],
    )
    rows = {
        row.id: row
        for row in await session.scalars(
            select(DeliveryRow).execution_options(populate_existing=True)
        )
    }
    assert {key: (r.status, r.message_id) for key, r in rows.items()} == {
        first: ("sent", 10),
        second: ("sent", None),
        third: ("sent", 31),
    }
    assert [(await found(session, chat)).seen_article_id for chat in (1, 2, 3)] == [4, 6, 9]
    await complete_deliveries(session, [])
