"""How long records about users are kept, and the pruning that deletes them when their time is up.

Each retention has a reason, and /privacy states it with the number taken from here:
- a digest's delivery record guards against sending that day's digest twice, and no claim
  ever reaches back more than a day or two (a subscription's due instant only moves forward,
  and a day missed by more than DIGEST_GRACE_HOURS is skipped), so a week is plenty; the week
  also lets an operator see in /stats how the last days' digests went;
- an inactive subscription (/unsubscribe, or a chat the bot can no longer write to) keeps
  how far its digest got, so that subscribing again within a month carries on where it
  stopped;
- a pager (storage.pagers) keeps a long answer's command for its page buttons.
Pruning runs on every digest tick, in the tick's transaction, deleting at most `limit` rows of
each kind: a backlog (a store older than these rules) goes a bounded bite at a time. Each
DELETE states its whole condition, so a row that changed meanwhile (a subscription taken up
again) is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, Result, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.delivery_tables import DELIVERY_STATUSES, DeliveryRow, SubscriptionRow
from storage.pagers import PAGER_LIFETIME
from storage.subscriptions import UNSYNCED, as_utc
from storage.tables import PagerRow

DELIVERY_RETENTION = timedelta(days=7)
INACTIVE_SUBSCRIPTION_RETENTION = timedelta(days=30)


@dataclass(frozen=True)
class Pruned:
    """What one pruning deleted, by kind."""

    deliveries: int = 0
    subscriptions: int = 0
    pagers: int = 0

    @property
    def total(self) -> int:
        """Rows deleted in all."""
        return self.deliveries + self.subscriptions + self.pagers


async def prune_expired(session: AsyncSession, *, now: datetime, limit: int) -> Pruned:
    """Delete up to `limit` expired rows of each kind (module docstring); what went.

    In the caller's transaction; never commits.
    """
    subscriptions = await _prune_inactive_subscriptions(session, now, limit)
    deliveries = await _delete_oldest(
        session,
        DeliveryRow,
        # Every status, so the (status, claimed_at) index finds the old rows.
        DeliveryRow.status.in_(DELIVERY_STATUSES)
        & (DeliveryRow.claimed_at < as_utc(now) - DELIVERY_RETENTION),
        limit,
    )
    pagers = await _delete_oldest(
        session, PagerRow, PagerRow.created_at < as_utc(now) - PAGER_LIFETIME, limit
    )
    return Pruned(deliveries, subscriptions, pagers)


async def _prune_inactive_subscriptions(session: AsyncSession, now: datetime, limit: int) -> int:
    """Delete up to `limit` subscriptions inactive for longer than their retention, and their
    deliveries; how many subscriptions went."""
    expired = SubscriptionRow.active.is_(False) & (
        SubscriptionRow.updated_at < as_utc(now) - INACTIVE_SUBSCRIPTION_RETENTION
    )
    ids = list(
        (await session.execute(select(SubscriptionRow.id).where(expired).limit(limit))).scalars()
    )
    if not ids:
        return 0
    # The condition again in both statements: a subscription taken up since the read stays.
    gone = select(SubscriptionRow.id).where(SubscriptionRow.id.in_(ids), expired)
    await session.execute(
        delete(DeliveryRow).where(DeliveryRow.subscription_id.in_(gone)),
        execution_options=UNSYNCED,
    )
    statement = delete(SubscriptionRow).where(SubscriptionRow.id.in_(ids), expired)
    return rowcount(await session.execute(statement, execution_options=UNSYNCED))


async def _delete_oldest(
    session: AsyncSession, table: Any, condition: ColumnElement[bool], limit: int
) -> int:
    """Delete up to `limit` rows of a table matching a condition; how many went."""
    ids = select(table.id).where(condition).limit(limit)
    statement = delete(table).where(table.id.in_(ids), condition)
    return rowcount(await session.execute(statement, execution_options=UNSYNCED))


def rowcount(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE statement matched."""
    return result.rowcount if isinstance(result, CursorResult) else 0
