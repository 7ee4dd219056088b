"""Sides for facts stored before sides existed (migration 0005 adds the columns empty).

The rows are filled once, in the transaction that upgrades the store across 0005: later
rows get their side when they are saved, so nothing is left to fill on later starts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import CursorResult, Result, select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.fact_summaries import rebuild_fact_counts
from storage.migrate import current_revision, is_at_head, upgrade
from storage.tables import ActorRow, DemandRow

# An actor's or party's side from its name and role; None for the catch-all side.
SideOf = Callable[[str, str | None], str | None]
# The migration that added the side columns.
SIDES_REVISION = "0005"


async def upgrade_filling_sides(engine: AsyncEngine, side_of: SideOf) -> None:
    """Bring the schema to the newest revision; if that crosses 0005, fill the sides, all at once."""
    async with engine.connect() as connection:
        if await is_at_head(connection):
            return  # nothing to migrate, and no Alembic to import
    async with engine.begin() as connection:
        previous = await current_revision(connection)
        await upgrade(connection)
        # Revisions are zero-padded numbers, so they sort as strings.
        if previous is not None and previous < SIDES_REVISION:
            async with AsyncSession(bind=connection) as session:
                await fill_missing_sides(session, side_of)
                # The parties' kept sides were counted by a later migration, before the fill.
                await rebuild_fact_counts(session)


async def fill_missing_sides(session: AsyncSession, side_of: SideOf) -> int:
    """Give actors and demands without a side the one `side_of` finds; how many rows changed."""
    changed = 0
    actors = await session.execute(
        select(ActorRow.id, ActorRow.name, ActorRow.role).where(ActorRow.side.is_(None))
    )
    for actor_id, name, role in actors.tuples().all():
        side = side_of(name, role)
        if side is not None:
            await session.execute(update(ActorRow).where(ActorRow.id == actor_id).values(side=side))
            changed += 1
    linked_side = select(ActorRow.side).where(ActorRow.id == DemandRow.party_actor_id)
    result = await session.execute(
        update(DemandRow)
        .where(DemandRow.side.is_(None), linked_side.where(ActorRow.side.is_not(None)).exists())
        .values(side=linked_side.scalar_subquery()),
        execution_options={"synchronize_session": False},
    )
    changed += _rowcount(result)
    parties = await session.execute(
        select(DemandRow.party).where(DemandRow.side.is_(None)).distinct()
    )
    for (party,) in parties.tuples().all():
        side = side_of(party, None)
        if side is not None:
            result = await session.execute(
                update(DemandRow)
                .where(DemandRow.side.is_(None), DemandRow.party == party)
                .values(side=side),
                execution_options={"synchronize_session": False},
            )
            changed += _rowcount(result)
    return changed


def _rowcount(result: Result[Any]) -> int:
    """How many rows an UPDATE matched."""
    return max(result.rowcount, 0) if isinstance(result, CursorResult) else 0
