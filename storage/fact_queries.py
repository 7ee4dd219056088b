"""Read figures and demands for answers: bounded overviews, and every fact of one actor or topic."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import cache, lru_cache
from typing import Any, TypeVar

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Integer,
    Select,
    Text,
    bindparam,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from briefings.entries import DemandEntry, FigureEntry, Slice
from storage.engine import on_postgres
from storage.labelled import paired, records_from
from storage.search_backends import sentences_holding
from storage.tables import ActorRow, ArticleRow, DemandRow, FigureRow
from storage.totals import SliceQueries, newest_ids, newest_slice, read_slice, slice_queries
from storage.values_in import bound_list, bound_list_in

Entry = TypeVar("Entry")

_claimant = aliased(ActorRow, name="claimant")
_party = aliased(ActorRow, name="party")
CLAIMANT = func.coalesce(_claimant.name, FigureRow.claimed_by)
PARTY = func.coalesce(_party.name, DemandRow.party)


def figure_columns() -> Select[Any]:
    """A figure's fields, labelled as FigureEntry's, its claimant by canonical name when linked."""
    # A column's own name is its label; only the computed claimant needs one.
    columns = (FigureRow.id, FigureRow.text, FigureRow.value, FigureRow.unit, FigureRow.what)
    more = (FigureRow.measure, FigureRow.measured_side, CLAIMANT.label("claimant"))
    reading = (FigureRow.qualifier, FigureRow.kind, FigureRow.period, FigureRow.holder)
    query = select(*columns, *more, FigureRow.article_id, *reading, ArticleRow.published)
    query = query.join(ArticleRow, FigureRow.article_id == ArticleRow.id)
    return query.outerjoin(_claimant, FigureRow.claimant_actor_id == _claimant.id)


def demand_columns() -> Select[Any]:
    """A demand's fields, labelled as DemandEntry's, its party by canonical name when linked."""
    query = select(DemandRow.id, PARTY.label("party"), DemandRow.kind, DemandRow.demand)
    return _with_party(
        query.add_columns(DemandRow.article_id, DemandRow.party_actor_id, DemandRow.side)
    )


def _with_party(query: Select[Any]) -> Select[Any]:
    """A query over demands joined to the actor each names, for PARTY."""
    return query.select_from(DemandRow).outerjoin(_party, DemandRow.party_actor_id == _party.id)


async def figures_of_article(session: AsyncSession, article_id: int) -> list[FigureEntry]:
    """Every figure one article states, in its order."""
    query = figure_columns().where(FigureRow.article_id == article_id).order_by(FigureRow.id)
    return records_from(FigureEntry, await session.execute(query))


async def figures_measuring(
    session: AsyncSession, measures: Collection[str], *, before_article: int, limit: int
) -> list[FigureEntry]:
    """The newest figures of some measures from articles stored before one, oldest of them first."""
    earlier = FigureRow.article_id < before_article
    # One seek per measure along ix_figures_measure_newest, not a sort of every such figure.
    conditions = [(FigureRow.measure == measure) & earlier for measure in sorted(measures)]
    newest = newest_ids(FigureRow.id, conditions, NEWEST_FIGURES, limit)
    query = figure_columns().where(FigureRow.id.in_(newest)).order_by(*NEWEST_FIGURES)
    rows = await session.execute(query.limit(limit))
    return records_from(FigureEntry, reversed(rows.all()))


async def figures_claimed_by(
    session: AsyncSession, actor_id: int, *, limit: int
) -> Slice[FigureEntry]:
    """One actor's newest figures, oldest of them first."""
    values = {"claimant": actor_id}
    return await read_slice(session, _claimed_queries(), FigureEntry, values, limit)


@cache
def _claimed_queries() -> SliceQueries:
    """An actor's newest figures, by ix_figures_claimant_newest; built once."""
    condition = FigureRow.claimant_actor_id == bindparam("claimant", type_=Integer)
    return _figure_queries([condition])


async def figures_about(
    session: AsyncSession, *, measures: Collection[str], words: Sequence[str], limit: int
) -> Slice[FigureEntry]:
    """The newest figures of some measures or whose counted thing has one of the words, oldest
    first. Words are looked for in the newest sentences that hold one (storage.search)."""
    as_array = on_postgres(session)
    values: dict[str, Any] = {f"m{n}": measure for n, measure in enumerate(sorted(measures))}
    holding = await sentences_holding(session, words)
    if holding:
        values |= {f"w{n}": word.lower() for n, word in enumerate(words)}
        values["sentences"] = bound_list(holding, as_array=as_array)
    n_words = len(words) if holding else 0
    if not values:
        return Slice((), 0)
    queries = _about_queries(len(measures), n_words, as_array)
    return await read_slice(session, queries, FigureEntry, values, limit)


@lru_cache(maxsize=64)
def _about_queries(n_measures: int, n_words: int, as_array: bool) -> SliceQueries:
    """Figures of measures bound as m0, m1…, or in the sentences bound as `sentences` whose
    counted thing holds a word bound as w0, w1…; built once per number of each and backend
    (the sentences are one list parameter: see storage.values_in)."""
    measures: list[BindParameter[Any]] = [bindparam(f"m{n}") for n in range(n_measures)]
    conditions = [FigureRow.measure == measure for measure in measures]
    if n_words:
        what = func.lower(FigureRow.what)
        saying = or_(*(what.contains(bindparam(f"w{n}", type_=Text)) for n in range(n_words)))
        held = bound_list_in(FigureRow.sentence_id, "sentences", as_array=as_array)
        # Disjoint from the measures' conditions, as a list's conditions must be.
        other = FigureRow.measure.is_(None) | FigureRow.measure.not_in(measures)
        conditions.append(held & saying & (other if measures else true()))
    return _figure_queries(conditions)


async def figures_in(
    session: AsyncSession,
    *,
    measures: Collection[str],
    sides: Collection[str] | None,
    claimant_id: int | None,
    limit: int,
) -> Slice[FigureEntry]:
    """The newest figures of some measures, of some measured sides and one claimant when given."""
    conditions: list[ColumnElement[bool]] = []
    for measure in sorted(measures):
        condition = FigureRow.measure == measure
        if claimant_id is not None:
            condition &= FigureRow.claimant_actor_id == claimant_id
        if sides is None:
            conditions.append(condition)
        else:  # one seek per measure and side (ix_figures_measure_recent, ix_figures_claimant_side)
            conditions += [condition & (FigureRow.measured_side == side) for side in sorted(sides)]
    return await _figure_slice(session, conditions, limit)


# A list of figures' order: newest article first (storage.totals reads along it).
NEWEST_FIGURES = (FigureRow.article_id.desc(), FigureRow.id.desc())
# A list of demands' order: newest article first (storage.totals reads along it).
NEWEST_DEMANDS = (DemandRow.article_id.desc(), DemandRow.id.desc())


def _figure_queries(conditions: Sequence[ColumnElement[bool]]) -> SliceQueries:
    """The statements of a list of figures meeting any of some conditions."""
    return slice_queries(figure_columns(), FigureRow.id, conditions, NEWEST_FIGURES)


async def _figure_slice(
    session: AsyncSession, conditions: Sequence[ColumnElement[bool]], limit: int
) -> Slice[FigureEntry]:
    """The newest figures meeting any of some conditions, oldest of them first, and how many."""
    columns = figure_columns()
    return await newest_slice(
        session, columns, FigureEntry, FigureRow.id, conditions, NEWEST_FIGURES, limit
    )


async def demands_of(
    session: AsyncSession, *, actor_id: int | None, party: str, limit: int
) -> Slice[DemandEntry]:
    """One party's demands, by linked actor or by the party as written (an actor's name counts
    as written); oldest of the newest first."""
    if actor_id:
        values = {"actor": actor_id}
        return await read_slice(session, _actor_demand_queries(), DemandEntry, values, limit)
    folded = party.lower()
    named = select(ActorRow.id).where(func.lower(ActorRow.name) == folded)
    conditions = [
        DemandRow.party_actor_id.in_(named),
        DemandRow.party_actor_id.is_(None) & (func.lower(DemandRow.party) == folded),
    ]
    return await demand_slice(session, conditions, limit)


@cache
def _actor_demand_queries() -> SliceQueries:
    """An actor's newest demands, by ix_demands_actor_newest; built once."""
    condition = DemandRow.party_actor_id == bindparam("actor", type_=Integer)
    return slice_queries(demand_columns(), DemandRow.id, [condition], NEWEST_DEMANDS)


async def demand_slice(
    session: AsyncSession, conditions: Sequence[ColumnElement[bool]], limit: int
) -> Slice[DemandEntry]:
    """The newest demands meeting any of some conditions, oldest of them first, and how many."""
    columns = demand_columns()
    return await newest_slice(
        session, columns, DemandEntry, DemandRow.id, conditions, NEWEST_DEMANDS, limit
    )


async def facts_in_sentences(
    session: AsyncSession, sentence_ids: Collection[int]
) -> tuple[dict[int, list[FigureEntry]], dict[int, list[DemandEntry]]]:
    """The figures and demands stated in each of some sentences."""
    as_array = on_postgres(session)
    figures_query, demands_query = _in_sentences_queries(as_array)
    values = {"sentences": bound_list(sentence_ids, as_array=as_array)}
    figures: dict[int, list[FigureEntry]] = {}
    demands: dict[int, list[DemandEntry]] = {}
    figure_rows = await session.execute(figures_query, values)
    for figure, sentence_id in records_from(paired(FigureEntry, "sentence_id"), figure_rows):
        figures.setdefault(sentence_id, []).append(figure)
    demand_rows = await session.execute(demands_query, values)
    for demand, sentence_id in records_from(paired(DemandEntry, "sentence_id"), demand_rows):
        demands.setdefault(sentence_id, []).append(demand)
    return figures, demands


@cache
def _in_sentences_queries(as_array: bool) -> tuple[Select[Any], Select[Any]]:
    """The figures and the demands of the sentences bound as `sentences`, each with its
    sentence; built once per backend (see storage.values_in)."""
    figures = figure_columns().add_columns(FigureRow.sentence_id)
    demands = demand_columns().add_columns(DemandRow.sentence_id)
    return (
        figures.where(bound_list_in(FigureRow.sentence_id, "sentences", as_array=as_array)),
        demands.where(bound_list_in(DemandRow.sentence_id, "sentences", as_array=as_array)),
    )
