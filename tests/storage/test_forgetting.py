"""Tests of storage.forgetting: /forget leaves no row of the user in any table, on SQLite and
PostgreSQL, and touches nobody else's (a group's digest stays, unlinked from them)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.send_budget import chat_pace
from storage import Forgotten, forget_user, get_subscription, save_pager, set_language, subscribe
from storage.delivery_tables import DeliveryRow, SendSlotRow
from tests.support.user_rows import orphans, rows_about

NOW = datetime(2025, 3, 21, 6, 0, tzinfo=UTC)
ALICE, BOB = 501, 502
ALICE_GROUP, BOB_GROUP = -100501, -100502


async def subscribe_chat(session: AsyncSession, chat_id: int, user_id: int) -> int:
    """A Kyiv subscription of a chat by a user, with one sent delivery; its id."""
    record = await subscribe(
        session,
        chat_id=chat_id,
        user_id=user_id,
        local_time=time(8),
        zone="Europe/Kyiv",
        next_due_at=NOW,
        now=NOW,
        language="uk",
    )
    session.add(
        DeliveryRow(
            subscription_id=record.id,
            local_date=date(2025, 3, 20),
            status="sent",
            claimed_at=NOW - timedelta(days=1),
            sent_at=NOW - timedelta(days=1),
            message_id=chat_id % 1000,
        )
    )
    return record.id


async def populate(session: AsyncSession, user_id: int, group_id: int) -> None:
    """Every kind of row a user can leave: a language, a private digest with a delivery, a
    group digest they started, pagers in both chats, their chat's pacing key."""
    await set_language(session, user_id=user_id, language="uk", now=NOW)
    await subscribe_chat(session, user_id, user_id)
    await subscribe_chat(session, group_id, user_id)
    await save_pager(session, chat_id=user_id, command="/ask " + "why " * 20)
    await save_pager(session, chat_id=group_id, command="/ask " + "when " * 20)
    session.add(SendSlotRow(key=chat_pace(user_id)[0], next_at=NOW))
    await session.flush()


async def test_forgetting_a_user_leaves_no_row_of_theirs_in_any_table(
    session: AsyncSession,
) -> None:
    await populate(session, ALICE, ALICE_GROUP)
    await populate(session, BOB, BOB_GROUP)
    assert set(await rows_about(session, ALICE)) == {
        "user_languages.user_id",
        "subscriptions.chat_id",
        "subscriptions.user_id",
        "pagers.chat_id",
        "send_slots.key",
    }
    bob_before = await rows_about(session, BOB)

    forgotten = await forget_user(session, user_id=ALICE, pacing_key=chat_pace(ALICE)[0])

    assert forgotten == Forgotten(
        languages=1, subscriptions=1, deliveries=1, pagers=1, pacing=1, unlinked=1
    )
    assert forgotten.records == forgotten.total - 1  # all but the pacing key
    assert await rows_about(session, ALICE) == {}
    assert await orphans(session) == {}
    assert await rows_about(session, BOB) == bob_before
    # The group Alice subscribed keeps its digest, no longer linked to her.
    group = await get_subscription(session, chat_id=ALICE_GROUP)
    assert group is not None and group.active and group.user_id is None
    assert await rows_about(session, ALICE_GROUP) == {
        "subscriptions.chat_id": 1,
        "pagers.chat_id": 1,
    }


async def test_forgetting_twice_finds_nothing_the_second_time(session: AsyncSession) -> None:
    await populate(session, ALICE, ALICE_GROUP)
    assert (await forget_user(session, user_id=ALICE)).total > 0
    assert (await forget_user(session, user_id=ALICE)).total == 0


async def test_forgetting_a_user_the_store_never_saw_does_nothing(session: AsyncSession) -> None:
    await populate(session, BOB, BOB_GROUP)
    before = await rows_about(session, BOB)
    assert await forget_user(session, user_id=ALICE, pacing_key=chat_pace(ALICE)[0]) == Forgotten()
    assert await rows_about(session, BOB) == before
