"""Facts kept counted as they are saved: the parties to demands and the groups figures form.

/demands lists parties by how many positions each has, and /figures the measures and sides
its figures measure; counting those over every demand and figure grows with the store. A save
adds its own demands and figures to these counts (one index seek per party or group it
names); a removal, which is rare, rebuilds them from the facts, as do migrations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, case, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.summary_tables import DemandPartyRow, FigureGroupRow
from storage.tables import DemandRow, FigureRow

_Row = dict[str, Any]


async def count_saved_facts(
    session: AsyncSession, article_id: int, demands: Sequence[_Row], figures: Sequence[_Row]
) -> None:
    """Add one saved article's demands and figures to the kept counts."""
    parties: dict[tuple[int | None, str | None], list[_Row]] = {}
    for demand in demands:
        actor_id = demand["party_actor_id"]
        parties.setdefault((actor_id, None if actor_id else demand["party"]), []).append(demand)
    for (actor_id, written), rows in parties.items():
        await _count_party(session, actor_id, written, rows, article_id)
    groups: dict[tuple[str | None, str | None], int] = {}
    for figure in figures:
        key = (figure["measure"], figure["measured_side"])
        groups[key] = groups.get(key, 0) + 1
    for (measure, side), n in groups.items():
        await _count_group(session, measure, side, n)


async def _count_party(
    session: AsyncSession,
    actor_id: int | None,
    written: str | None,
    rows: Sequence[_Row],
    article_id: int,
) -> None:
    """Add one party's demands of one article to its count, or start its count."""
    side = rows[-1]["side"]
    key = _equal(DemandPartyRow.actor_id, actor_id) & _equal(DemandPartyRow.written, written)
    counted = await session.execute(
        update(DemandPartyRow)
        .where(key)
        .values(
            n_demands=DemandPartyRow.n_demands + len(rows),
            newest_article=article_id,
            side=side,
        )
    )
    if not counted.rowcount:  # type: ignore[attr-defined]
        values = dict(actor_id=actor_id, written=written, side=side)
        await session.execute(
            insert(DemandPartyRow).values(n_demands=len(rows), newest_article=article_id, **values)
        )


async def _count_group(
    session: AsyncSession, measure: str | None, side: str | None, n: int
) -> None:
    """Add n figures to one measure and side's count, or start its count."""
    key = _equal(FigureGroupRow.measure, measure) & _equal(FigureGroupRow.measured_side, side)
    counted = await session.execute(
        update(FigureGroupRow).where(key).values(n_figures=FigureGroupRow.n_figures + n)
    )
    if not counted.rowcount:  # type: ignore[attr-defined]
        values = dict(measure=measure, measured_side=side, n_figures=n)
        await session.execute(insert(FigureGroupRow).values(**values))


def _equal(column: Any, value: object) -> ColumnElement[bool]:
    """column IS NULL, or column = value."""
    found: ColumnElement[bool] = column.is_(None) if value is None else column == value
    return found


async def rebuild_fact_counts(session: AsyncSession) -> None:
    """Count every stored demand's party and figure's group again, from the facts."""
    await session.execute(delete(DemandPartyRow))
    await session.execute(delete(FigureGroupRow))
    await session.execute(insert(DemandPartyRow).from_select(_PARTY_COLUMNS, party_counts()))
    groups = select(FigureRow.measure, FigureRow.measured_side, func.count()).group_by(
        FigureRow.measure, FigureRow.measured_side
    )
    await session.execute(
        insert(FigureGroupRow).from_select(["measure", "measured_side", "n_figures"], groups)
    )


_PARTY_COLUMNS = ["actor_id", "written", "n_demands", "newest_article", "side"]


def party_counts() -> Any:
    """Every party's count and newest article, and, for a party as written, its newest side
    (a linked party's side is its actor's), from the demands themselves."""
    written = case((DemandRow.party_actor_id.is_(None), DemandRow.party))
    newest = func.max(DemandRow.article_id)
    counted = (
        select(DemandRow.party_actor_id, written.label("written"), func.count(), newest)
        .group_by(DemandRow.party_actor_id, written)
        .subquery()
    )
    side = (
        select(DemandRow.side)
        .where(DemandRow.party_actor_id.is_(None), DemandRow.party == counted.c.written)
        .order_by(DemandRow.article_id.desc(), DemandRow.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return select(*counted.c, side)
