"""Digest deliveries: each (subscription, local date) claimed once, then sent, retried or failed.

The rules that make each day's digest go out once (workers claiming at once read rows with
FOR UPDATE SKIP LOCKED, so they split the due rows between them; these rules still hold
where no row lock exists, as on SQLite):
- `claim_deliveries` inserts each date's delivery (unique per subscription and local date)
  in the same transaction as a compare-and-set of the subscription's due instant: of the
  processes that read the same due instant, exactly one moves it on and claims the date.
- `reclaim_delivery` (storage.redeliveries) takes over a retry, or a claim whose process died, by compare-and-set
  on its status and claim time: of the processes trying, exactly one wins.
A digest can go out twice only when its sender dies after sending and before
`complete_deliveries`: the claim then goes stale and is sent again after the lease.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    Integer,
    ScalarSelect,
    Table,
    bindparam,
    case,
    func,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.delivery_tables import DeliveryRow, SubscriptionRow
from storage.engine import on_postgres
from storage.records import DueClaim, SentDigest
from storage.subscriptions import (
    UNSYNCED,
    as_utc,
)

# The tables behind the rows, for Core statements run once for many parameter sets (the ORM
# would take a list of parameters for a bulk update by primary key instead).
DELIVERIES = cast(Table, DeliveryRow.__table__)
SUBSCRIPTIONS = cast(Table, SubscriptionRow.__table__)


async def claim_deliveries(
    session: AsyncSession, claims: Sequence[DueClaim], *, worker: str, now: datetime
) -> dict[int, int]:
    """Claim due subscriptions' local dates and move their due instants on; the deliveries won.

    The answer maps each subscription that must be sent to its new delivery's id. It happens
    in the caller's transaction, in three statements however many claims there are:
    1. every due instant still as read moves to its next one (a compare-and-set per claim);
    2. the due instants are read back: a subscription that is inactive, or that another
       process moved elsewhere first, is left out;
    3. the dates' deliveries are inserted: a date that has one already (claimed by another
       process in the same moment, under an earlier time of day, or skipped) is left out,
       since a date gets at most one digest; its due instant has still moved on, or the
       subscription would be picked, and refused, on every tick.
    """
    if not claims:
        return {}
    await _move_due_instants(session, claims, now)
    moved = await _moved_to_next(session, claims)
    if not moved:
        return {}
    rows = [
        {
            "subscription_id": claim.subscription_id,
            "local_date": claim.local_date,
            "status": "claimed",
            "attempts": 1,
            "claimant": worker,
            "claimed_at": as_utc(now),
        }
        for claim in moved
    ]
    return await _insert_claims(session, rows)


async def complete_deliveries(session: AsyncSession, sent: Sequence[SentDigest]) -> None:
    """Mark deliveries sent; each subscription's seen article moves forward (never back).

    Two statements, each executed once for all the deliveries (executemany).
    """
    if not sent:
        return
    deliveries, subscriptions = DELIVERIES, SUBSCRIPTIONS
    mark = (
        update(deliveries)
        .where(deliveries.c.id == bindparam("b_delivery"))
        .values(
            status="sent",
            sent_at=bindparam("b_sent_at"),
            message_id=bindparam("b_message"),
            error=None,
        )
    )
    seen = bindparam("b_seen", type_=Integer)
    advance = (
        update(subscriptions)
        .where(subscriptions.c.id == _owner_of(bindparam("b_delivery")))
        .values(
            seen_article_id=case(
                (subscriptions.c.seen_article_id < seen, seen),
                else_=subscriptions.c.seen_article_id,
            ),
            failures=0,
            updated_at=datetime.now(UTC),
        )
    )
    parameters = [
        {
            "b_delivery": digest.delivery_id,
            "b_sent_at": as_utc(digest.sent_at),
            "b_message": digest.message_id,
            "b_seen": digest.seen_article_id,
        }
        for digest in sent
    ]
    await session.execute(mark, parameters)
    await session.execute(
        advance, [{"b_delivery": p["b_delivery"], "b_seen": p["b_seen"]} for p in parameters]
    )


async def fail_delivery(
    session: AsyncSession, *, delivery_id: int, error: str, retry: bool, max_attempts: int
) -> str:
    """Record a failed send: 'retry' if retrying helps and attempts remain, else 'failed'.

    The subscription counts the failure (sending resets the count). A delivery that is gone
    (its subscription was deleted) reports 'failed'.
    """
    status = case((DeliveryRow.attempts < max_attempts, "retry"), else_="failed")
    statement = (
        update(DeliveryRow)
        .where(DeliveryRow.id == delivery_id)
        .values(status=status if retry else "failed", error=error[:1000])
        .returning(DeliveryRow.status)
    )
    result = await session.execute(statement, execution_options=UNSYNCED)
    new_status = result.scalar_one_or_none()
    if new_status is None:
        return "failed"
    await _update_owner(session, delivery_id, {"failures": SubscriptionRow.failures + 1})
    return new_status


async def delivery_summary(session: AsyncSession) -> dict[str, int]:
    """How many deliveries there are in each status."""
    query = select(DeliveryRow.status, func.count()).group_by(DeliveryRow.status)
    return dict((await session.execute(query)).tuples().all())


async def _move_due_instants(
    session: AsyncSession, claims: Sequence[DueClaim], now: datetime
) -> None:
    """Move each active subscription's due instant on, if it is still the one read (executemany)."""
    table = SUBSCRIPTIONS
    statement = (
        update(table)
        .where(
            table.c.id == bindparam("b_id"),
            table.c.active.is_(True),
            table.c.next_due_at == bindparam("b_expected"),
        )
        .values(next_due_at=bindparam("b_next"), updated_at=as_utc(now))
    )
    parameters = [
        {
            "b_id": claim.subscription_id,
            "b_expected": as_utc(claim.expected_due),
            "b_next": as_utc(claim.next_due_at),
        }
        for claim in claims
    ]
    await session.execute(statement, parameters)


async def _moved_to_next(session: AsyncSession, claims: Sequence[DueClaim]) -> list[DueClaim]:
    """The claims whose active subscription now stands at the claim's next due instant.

    Read after the update, inside its transaction: on PostgreSQL the rows this transaction
    moved stay locked until it ends, and on SQLite the whole store is. A subscription that
    another process moved to the same instant first was claimed by it in the same
    transaction, so the insert that follows finds that date taken.
    """
    table = SUBSCRIPTIONS
    query = select(table.c.id, table.c.next_due_at).where(
        table.c.id.in_([claim.subscription_id for claim in claims]), table.c.active.is_(True)
    )
    due_now = {row.id: as_utc(row.next_due_at) for row in await session.execute(query)}
    return [
        claim for claim in claims if due_now.get(claim.subscription_id) == as_utc(claim.next_due_at)
    ]


async def _insert_claims(session: AsyncSession, rows: list[dict[str, Any]]) -> dict[int, int]:
    """Insert claimed deliveries in one statement, skipping dates that have one; the ids inserted.

    ON CONFLICT DO NOTHING rather than a savepoint around a failing INSERT: the fan-out's
    hottest path, and one conflict must not undo the other claims.
    """
    table = DELIVERIES
    insert = postgresql_insert if on_postgres(session) else sqlite_insert
    statement = (
        insert(table)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["subscription_id", "local_date"])
        .returning(table.c.subscription_id, table.c.id)
    )
    return {row.subscription_id: row.id for row in await session.execute(statement)}


async def _update_owner(session: AsyncSession, delivery_id: int, values: dict[str, Any]) -> None:
    """Update the subscription a delivery belongs to, without reading it first."""
    statement = (
        update(SubscriptionRow)
        .where(SubscriptionRow.id == _owner_of(delivery_id))
        .values(**values, updated_at=datetime.now(UTC))
    )
    await session.execute(statement, execution_options=UNSYNCED)


def _owner_of(delivery_id: int | BindParameter[int]) -> ScalarSelect[int]:
    """The id of the subscription a delivery belongs to (or one per executemany row), a subquery."""
    return (
        select(DeliveryRow.subscription_id).where(DeliveryRow.id == delivery_id).scalar_subquery()
    )
