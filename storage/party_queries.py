"""Read the parties to demands, and the newest demands of the parties an answer shows.

A party is the actor its demands are linked to, or, where none is linked, the party as the
articles write it. The store lists the parties with most demands (a window) with what the
domain decides by (its actor's kind and role, its side, its count), and counts the rest per
side; which of them an answer shows, and which it sets apart, is the domain's choice
(`briefings.vocabulary.standing`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    Text,
    and_,
    bindparam,
    case,
    false,
    func,
    or_,
    select,
    true,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import FromClause, Subquery

from briefings.entries import DemandEntry, PartyEntry, PartyTally, Slice
from storage.engine import on_postgres
from storage.fact_queries import NEWEST_DEMANDS, demand_columns, demand_slice
from storage.labelled import records_from
from storage.summary_tables import DemandPartyRow
from storage.tables import ActorRow, DemandRow
from storage.totals import newest_ids
from storage.values_in import values_in

# The parties past the window counted per side, at most: past them an answer says "over". Each
# is read with its actor's side; counting to 1,000 took 3.2 ms of a /demands answer on
# PostgreSQL at 10,000 articles (EXPLAIN ANALYZE), counting to 200 1.4 ms, for a line that
# names the sides left out.
TAIL_CAP = 100


async def demand_parties(
    session: AsyncSession, *, window: int, count_the_rest: bool = True
) -> tuple[list[PartyEntry], list[PartyTally]]:
    """The `window` parties with most demands, each with its actor's name, kind and role, its
    side and its number of demands; and the others counted per side, up to TAIL_CAP of them
    (none when not asked to count the rest).

    Most demands first, then the party of the newest article, then by name. A linked party's
    side is its actor's; a party as written's, that of its newest demand. Read from the kept
    counts (storage.fact_summaries) along ix_demand_parties_most: `window` rows, not every
    party, then at most the cap's more for the counts per side of the rest.
    """
    top, rest = _party_queries(on_postgres(session))
    found = await session.execute(top, {"window": window})
    parties = records_from(PartyEntry, found)
    if not count_the_rest:
        return parties, []
    values = {"window": window, "cap": TAIL_CAP + 1}
    tallies = records_from(PartyTally, await session.execute(rest, values))
    if sum(tally.n_parties for tally in tallies) <= TAIL_CAP:
        return parties, tallies
    return parties, [replace(tally, over=True) for tally in tallies]


@cache
def _party_queries(lateral: bool) -> tuple[Select[Any], Select[Any]]:
    """The window's parties and the per-side counts of the rest, built once per engine: a
    statement built anew on every answer cost more in building and cache keys than in reading.

    Each ranks the kept rows once (along ix_demand_parties_most) and joins their actors,
    rather than ranking ids and joining the kept rows back to them.
    """
    kept = DemandPartyRow
    ranked = select(
        kept.actor_id, kept.written, kept.side, kept.n_demands, kept.newest_article
    ).order_by(kept.n_demands.desc(), kept.newest_article.desc(), kept.id)
    top = ranked.limit(bindparam("window", type_=Integer)).subquery()
    actor = _actors_of(top, lateral)
    name = func.coalesce(actor.c.name, top.c.written)
    parties = (
        select(top.c.actor_id, name.label("name"), actor.c.kind, actor.c.role)
        .add_columns(_side(top, actor).label("side"), top.c.n_demands)
        .select_from(top)
        .outerjoin(actor, _joined(top, actor, lateral))
        .order_by(top.c.n_demands.desc(), top.c.newest_article.desc(), name)
    )
    # The rest, up to the cap past the window (bound as `cap`), along the same index.
    past = ranked.offset(bindparam("window")).limit(bindparam("cap", type_=Integer)).subquery()
    past_actor = _actors_of(past, lateral)
    side = _side(past, past_actor)
    rest = (
        select(side.label("side"), func.count().label("n_parties"))
        .add_columns(func.sum(past.c.n_demands).label("n_demands"))
        .select_from(past)
        .outerjoin(past_actor, _joined(past, past_actor, lateral))
        .group_by(side)
    )
    return parties, rest


def _actors_of(parties: Subquery, lateral: bool) -> FromClause:
    """The actors of some kept parties: the table (SQLite seeks each by its key), or on
    PostgreSQL a LATERAL seek per party. Joined plainly, PostgreSQL hashed every actor to
    join the window's 60 (0.5 ms of 1.1 at 10,000 articles, EXPLAIN ANALYZE); `OFFSET 0`
    keeps it from flattening the seek back into that join."""
    if not lateral:
        return ActorRow.__table__
    columns = (ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role, ActorRow.side)
    seek = select(*columns).where(ActorRow.id == parties.c.actor_id).offset(0)
    return seek.lateral()


def _joined(parties: Subquery, actor: FromClause, lateral: bool) -> ColumnElement[bool]:
    """The join condition of kept parties and their actors (a LATERAL seek has its own)."""
    return true() if lateral else actor.c.id == parties.c.actor_id


def _side(parties: Subquery, actor: FromClause) -> ColumnElement[str | None]:
    """A kept party's side: its actor's when linked, else that of its newest demand."""
    written = case((parties.c.actor_id.is_(None), parties.c.side))
    return func.coalesce(actor.c.side, written)


async def newest_demands_of(
    session: AsyncSession, parties: Sequence[PartyEntry], *, per_party: int
) -> list[DemandEntry]:
    """The newest few demands of each of some parties, oldest of them first."""
    if not parties:
        return []
    shape = tuple(party.actor_id is not None for party in parties)
    values: dict[str, Any] = {"per_party": per_party}
    for n, party in enumerate(parties):
        values[f"p{n}"] = party.actor_id if party.actor_id is not None else party.name
    rows = await session.execute(_newest_demands_query(shape), values)
    return records_from(DemandEntry, rows)


@lru_cache(maxsize=64)
def _newest_demands_query(linked: tuple[bool, ...]) -> Select[Any]:
    """The newest demands of parties given as bound values p0, p1… (an actor's id when linked,
    else the name as written) and per_party; built once per shape, as /figures' overview is."""
    # One index seek per party (ix_demands_party_recent) rather than a window over every demand.
    per_party = bindparam("per_party", type_=Integer)
    parties = [_bound_party(f"p{n}", is_linked) for n, is_linked in enumerate(linked)]
    newest = newest_ids(DemandRow.id, parties, NEWEST_DEMANDS, per_party)
    query = demand_columns().where(DemandRow.id.in_(newest))
    return query.order_by(DemandRow.article_id, DemandRow.id)


def _bound_party(name: str, linked: bool) -> ColumnElement[bool]:
    """Demands of the party bound as `name`: by its actor's id, or by its name as written."""
    if linked:
        return DemandRow.party_actor_id == bindparam(name, type_=Integer)
    return and_(DemandRow.party_actor_id.is_(None), DemandRow.party == bindparam(name, type_=Text))


async def demands_of_side(
    session: AsyncSession,
    *,
    side: str | None,
    limit: int,
    leaving_out: Sequence[PartyEntry] = (),
) -> Slice[DemandEntry]:
    """The newest demands on one side (None: on no side), but those of some parties; oldest first."""
    on_side = DemandRow.side.is_(None) if side is None else DemandRow.side == side
    condition = and_(on_side, ~_any_party(session, leaving_out)) if leaving_out else on_side
    return await demand_slice(session, [condition], limit)


def _any_party(session: AsyncSession, parties: Sequence[PartyEntry]) -> ColumnElement[bool]:
    """Demands of any of some parties, by linked actor or by name as written; never NULL, so
    that its negation keeps every other demand."""
    actor_ids = [party.actor_id for party in parties if party.actor_id is not None]
    names = [party.name for party in parties if party.actor_id is None]
    conditions: list[Any] = []
    if actor_ids:
        linked = DemandRow.party_actor_id.is_not(None)
        conditions.append(and_(linked, values_in(session, DemandRow.party_actor_id, actor_ids)))
    if names:
        written = values_in(session, DemandRow.party, names)
        conditions.append(and_(DemandRow.party_actor_id.is_(None), written))
    return or_(*conditions) if conditions else false()
