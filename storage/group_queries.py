"""Read figure groups for shared links and inline mode: the groups kept counted, and one group's figures."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import FigureEntry, FigureGroupCount, Slice
from storage.fact_queries import NEWEST_FIGURES, figure_columns
from storage.labelled import records_from
from storage.summary_tables import FigureGroupRow
from storage.tables import FigureRow
from storage.totals import newest_slice


async def figure_group_counts(session: AsyncSession, *, limit: int) -> list[FigureGroupCount]:
    """The measures and sides figures measure, with how many do, the most measured first."""
    query = (
        select(FigureGroupRow.measure, FigureGroupRow.measured_side, FigureGroupRow.n_figures)
        .where(FigureGroupRow.n_figures > 0)
        .order_by(FigureGroupRow.n_figures.desc(), FigureGroupRow.id)
        .limit(limit)
    )
    return records_from(FigureGroupCount, await session.execute(query))


async def figures_of_group(
    session: AsyncSession, *, measures: Collection[str], side: str | None, limit: int
) -> Slice[FigureEntry]:
    """The newest figures of some measures on one measured side, or on none when side is None
    (`IS NULL`, which figures_in's side filter cannot say), oldest of them first."""
    on_side = FigureRow.measured_side.is_(None) if side is None else FigureRow.measured_side == side
    # One seek per measure along ix_figures_measure_recent (measure, measured_side, newest).
    conditions: list[ColumnElement[bool]] = [
        (FigureRow.measure == measure) & on_side for measure in sorted(measures)
    ]
    return await newest_slice(
        session, figure_columns(), FigureEntry, FigureRow.id, conditions, NEWEST_FIGURES, limit
    )
