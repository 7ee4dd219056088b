"""The store at a glance for operators (/stats): what it holds, and how the digests are going.

Every figure is one statement over an index or a kept count, except the plain counts of
articles, actors, quotes and events, which read their table's smallest index whole (no kept
count exists for them yet). The digest queue uses the tick's own rules (`due_by`, `stale_by`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import StoreStats
from storage.delivery_tables import DeliveryRow, SubscriptionRow
from storage.redeliveries import stale_by
from storage.subscriptions import as_utc, due_by
from storage.summary_tables import DemandPartyRow, FigureGroupRow
from storage.tables import ActorRow, ArticleRow, EventRow, QuoteRow

# A digest is recorded sent moments after its claim (the lease is minutes): sends since a day's
# start are looked for among the claims of the day before it too, along the (status, claimed_at)
# index, rather than among every digest ever sent.
SEND_WINDOW = timedelta(days=1)


async def store_stats(
    session: AsyncSession, *, now: datetime, day_start: datetime, lease: timedelta
) -> StoreStats:
    """What the store holds, the digests sent and failed since day_start, and the queue at now.

    A failure is dated by its last attempt's claim, the moment the failure followed.
    """
    due, stale = await _queue(session, now, lease)
    oldest = [moment for moment in (due[1], stale[1]) if moment is not None]
    return StoreStats(
        articles=await _count(session, ArticleRow.id),
        figures=await _total(session, FigureGroupRow.n_figures),
        demands=await _total(session, DemandPartyRow.n_demands),
        quotes=await _count(session, QuoteRow.id),
        events=await _count(session, EventRow.id),
        actors=await _count(session, ActorRow.id),
        subscribers=await _count(session, SubscriptionRow.id, SubscriptionRow.active.is_(True)),
        sent_today=await _sent_since(session, as_utc(day_start)),
        failed_today=await _count(
            session,
            DeliveryRow.id,
            DeliveryRow.status == "failed",
            DeliveryRow.claimed_at >= as_utc(day_start),
        ),
        queued=due[0] + stale[0],
        lag=max(as_utc(now) - min(oldest), timedelta(0)) if oldest else None,
    )


async def _queue(
    session: AsyncSession, now: datetime, lease: timedelta
) -> tuple[tuple[int, datetime | None], tuple[int, datetime | None]]:
    """How many subscriptions are due and unclaimed, and how many deliveries are to take back
    (of active subscriptions, as the tick takes them), each with the oldest instant it waits from:
    a due instant, or the claim of the last attempt."""
    due = select(func.count(), func.min(SubscriptionRow.next_due_at)).where(due_by(now))
    stale = (
        select(func.count(), func.min(DeliveryRow.claimed_at))
        .join(SubscriptionRow, SubscriptionRow.id == DeliveryRow.subscription_id)
        .where(stale_by(now, lease), SubscriptionRow.active.is_(True))
    )
    return await _counted_since(session, due), await _counted_since(session, stale)


async def _counted_since(session: AsyncSession, query: Any) -> tuple[int, datetime | None]:
    """A (count, oldest instant) row, the instant in UTC."""
    count, oldest = (await session.execute(query)).one()
    return count, as_utc(oldest) if oldest is not None else None


async def _sent_since(session: AsyncSession, start: datetime) -> int:
    """Digests recorded sent since an instant."""
    return await _count(
        session,
        DeliveryRow.id,
        DeliveryRow.status == "sent",
        DeliveryRow.claimed_at >= start - SEND_WINDOW,
        DeliveryRow.sent_at >= start,
    )


async def _count(session: AsyncSession, column: Any, *where: ColumnElement[bool]) -> int:
    """How many rows meet the conditions."""
    return await session.scalar(select(func.count(column)).where(*where)) or 0


async def _total(session: AsyncSession, column: Any) -> int:
    """The sum of a kept count over its rows."""
    return int(await session.scalar(select(func.coalesce(func.sum(column), 0))) or 0)
