"""Read figures and demands for answers: bounded overviews, and every fact of one actor or topic."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from briefings.entries import DemandEntry, FigureEntry, Slice
from storage.tables import ActorRow, DemandRow, FigureRow

_claimant = aliased(ActorRow, name="claimant")
_party = aliased(ActorRow, name="party")
CLAIMANT = func.coalesce(_claimant.name, FigureRow.claimed_by)
PARTY = func.coalesce(_party.name, DemandRow.party)


def _figure_columns() -> Select[Any]:
    """A figure's fields for an entry, its claimant by canonical name when linked."""
    columns = (FigureRow.id, FigureRow.text, FigureRow.value, FigureRow.unit, FigureRow.what)
    more = (FigureRow.measure, FigureRow.measured_side, CLAIMANT.label("claimant"))
    query = select(*columns, *more, FigureRow.article_id)
    return query.outerjoin(_claimant, FigureRow.claimant_actor_id == _claimant.id)


def _demand_columns() -> Select[Any]:
    """A demand's fields for an entry, its party by canonical name when linked."""
    query = select(DemandRow.id, PARTY.label("party"), DemandRow.kind, DemandRow.demand)
    query = query.add_columns(DemandRow.article_id)
    return query.outerjoin(_party, DemandRow.party_actor_id == _party.id)


async def figures_overview(session: AsyncSession, *, per_claimant: int) -> list[FigureEntry]:
    """The newest few figures of each claimant for each measure and side: enough to compare."""
    rank = func.row_number().over(
        partition_by=(FigureRow.measure, FigureRow.measured_side, CLAIMANT),
        order_by=(FigureRow.article_id.desc(), FigureRow.id),
    )
    ranked = _figure_columns().add_columns(rank.label("rank")).subquery()
    query = select(*ranked.c[:-1]).where(ranked.c.rank <= per_claimant)
    rows = await session.execute(query.order_by(ranked.c.article_id, ranked.c.id))
    return [FigureEntry(*row) for row in rows.tuples()]


async def figures_claimed_by(
    session: AsyncSession, actor_id: int, *, limit: int
) -> Slice[FigureEntry]:
    """One actor's figures, newest first."""
    return await _figure_slice(session, FigureRow.claimant_actor_id == actor_id, limit)


async def figures_about(
    session: AsyncSession, *, measures: Collection[str], words: Sequence[str], limit: int
) -> Slice[FigureEntry]:
    """Figures of some measures, or whose counted thing contains one of the words; newest first."""
    conditions: list[ColumnElement[bool]] = [FigureRow.measure.in_(list(measures))]
    conditions += [func.lower(FigureRow.what).contains(word.lower()) for word in words]
    return await _figure_slice(session, or_(*conditions), limit)


async def _figure_slice(
    session: AsyncSession, condition: ColumnElement[bool], limit: int
) -> Slice[FigureEntry]:
    total = await session.scalar(select(func.count()).select_from(FigureRow).where(condition))
    query = _figure_columns().where(condition).order_by(FigureRow.article_id.desc(), FigureRow.id)
    rows = await session.execute(query.limit(limit))
    newest_first = [FigureEntry(*row) for row in rows.tuples()]
    return Slice(tuple(reversed(newest_first)), total or 0)


async def demands_overview(
    session: AsyncSession, *, per_party: int
) -> tuple[list[DemandEntry], dict[str, int]]:
    """The newest few demands of each party, and how many each party has in all."""
    rank = func.row_number().over(
        partition_by=PARTY, order_by=(DemandRow.article_id.desc(), DemandRow.id)
    )
    total = func.count().over(partition_by=PARTY)
    ranked = _demand_columns().add_columns(rank.label("rank"), total.label("total")).subquery()
    query = select(*ranked.c[:-2], ranked.c.total).where(ranked.c.rank <= per_party)
    rows = (await session.execute(query.order_by(ranked.c.article_id, ranked.c.id))).tuples()
    entries, totals = [], {}
    for *fields, count in rows:
        entry = DemandEntry(*fields)
        entries.append(entry)
        totals[entry.party] = count
    return entries, totals


async def demands_of(
    session: AsyncSession, *, actor_id: int | None, party: str, limit: int
) -> Slice[DemandEntry]:
    """One party's demands, by linked actor or by the party as written; oldest of the newest first."""
    condition = (
        DemandRow.party_actor_id == actor_id if actor_id else func.lower(PARTY) == party.lower()
    )
    total = await session.scalar(
        select(func.count())
        .select_from(DemandRow)
        .outerjoin(_party, DemandRow.party_actor_id == _party.id)
        .where(condition)
    )
    query = _demand_columns().where(condition).order_by(DemandRow.article_id.desc(), DemandRow.id)
    rows = await session.execute(query.limit(limit))
    return Slice(tuple(reversed([DemandEntry(*row) for row in rows.tuples()])), total or 0)


async def facts_in_sentences(
    session: AsyncSession, sentence_ids: Collection[int]
) -> tuple[dict[int, list[FigureEntry]], dict[int, list[DemandEntry]]]:
    """The figures and demands stated in each of some sentences."""
    ids = list(sentence_ids)
    figures: dict[int, list[FigureEntry]] = {}
    demands: dict[int, list[DemandEntry]] = {}
    figure_rows = await session.execute(
        _figure_columns().add_columns(FigureRow.sentence_id).where(FigureRow.sentence_id.in_(ids))
    )
    for *fields, sentence_id in figure_rows.tuples():
        figures.setdefault(sentence_id, []).append(FigureEntry(*fields))
    demand_rows = await session.execute(
        _demand_columns().add_columns(DemandRow.sentence_id).where(DemandRow.sentence_id.in_(ids))
    )
    for *fields, sentence_id in demand_rows.tuples():
        demands.setdefault(sentence_id, []).append(DemandEntry(*fields))
    return figures, demands
