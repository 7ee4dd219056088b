"""Read the parties to demands, and the newest demands of the parties an answer shows.

A party is the actor its demands are linked to, or, where none is linked, the party as the
articles write it. The store lists every party with what the domain decides by (its actor's
kind and role, its side, its count); which of them an answer shows, and which it sets apart,
is the domain's choice (`briefings.vocabulary.standing`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import DemandEntry, PartyEntry, Slice
from storage.fact_queries import demand_columns, demand_slice, union_ids
from storage.labelled import records_from
from storage.tables import ActorRow, DemandRow


async def demand_parties(session: AsyncSession) -> list[PartyEntry]:
    """Every party with its actor's name, kind and role, its side and its number of demands.

    Most demands first, then the party of the newest article, then by name. A linked party's
    side is its actor's; a party as written's, that of its newest demand.
    """
    # Counted per (actor, name as written) in the order of ix_demands_party_recent, which
    # covers it, then added up per party: no sort of every demand, as a CASE key would need.
    unlinked = case((DemandRow.party_actor_id.is_(None), DemandRow.party))
    written = (
        select(DemandRow.party_actor_id.label("actor_id"), unlinked.label("written"))
        .add_columns(func.count().label("n"), func.max(DemandRow.article_id).label("newest"))
        .group_by(DemandRow.party_actor_id, DemandRow.party)
        .subquery()
    )
    n_demands, newest = func.sum(written.c.n), func.max(written.c.newest)
    parties = (
        select(written.c.actor_id, written.c.written)
        .add_columns(n_demands.label("n_demands"), newest.label("newest"))
        .group_by(written.c.actor_id, written.c.written)
        .subquery()
    )
    name = func.coalesce(ActorRow.name, parties.c.written)
    side = func.coalesce(ActorRow.side, _side_as_written(parties.c.actor_id, parties.c.written))
    query = (
        select(parties.c.actor_id, name.label("name"), ActorRow.kind, ActorRow.role)
        .add_columns(side.label("side"), parties.c.n_demands)
        .select_from(parties)
        .outerjoin(ActorRow, ActorRow.id == parties.c.actor_id)
        .order_by(parties.c.n_demands.desc(), parties.c.newest.desc(), name)
    )
    return records_from(PartyEntry, await session.execute(query))


def _side_as_written(
    actor_id: ColumnElement[Any], written: ColumnElement[Any]
) -> ColumnElement[Any]:
    """A party as written's side: that of its newest demand (one index seek); None when linked."""
    newest = (
        select(DemandRow.side)
        .where(DemandRow.party_actor_id.is_(None), DemandRow.party == written)
        .order_by(DemandRow.article_id.desc(), DemandRow.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return case((actor_id.is_(None), newest))


async def newest_demands_of(
    session: AsyncSession, parties: Sequence[PartyEntry], *, per_party: int
) -> list[DemandEntry]:
    """The newest few demands of each of some parties, oldest of them first."""
    if not parties:
        return []
    # One index seek per party (ix_demands_party_recent) rather than a window over every demand.
    newest = [
        select(DemandRow.id)
        .where(_party_is(party))
        .order_by(DemandRow.article_id.desc(), DemandRow.id.desc())
        .limit(per_party)
        .subquery()
        for party in parties
    ]
    query = demand_columns().where(DemandRow.id.in_(union_ids(newest)))
    rows = await session.execute(query.order_by(DemandRow.article_id, DemandRow.id))
    return records_from(DemandEntry, rows)


async def demands_of_side(
    session: AsyncSession,
    *,
    side: str | None,
    limit: int,
    leaving_out: Sequence[PartyEntry] = (),
) -> Slice[DemandEntry]:
    """The newest demands on one side (None: on no side), but those of some parties; oldest first."""
    on_side = DemandRow.side.is_(None) if side is None else DemandRow.side == side
    condition = and_(on_side, ~_any_party(leaving_out)) if leaving_out else on_side
    return await demand_slice(session, [condition], limit)


def _party_is(party: PartyEntry) -> ColumnElement[bool]:
    """Demands of one party: its linked actor, or its name as written when unlinked."""
    if party.actor_id is not None:
        return DemandRow.party_actor_id == party.actor_id
    return and_(DemandRow.party_actor_id.is_(None), DemandRow.party == party.name)


def _any_party(parties: Sequence[PartyEntry]) -> ColumnElement[bool]:
    """Demands of any of some parties, by linked actor or by name as written; never NULL, so
    that its negation keeps every other demand."""
    actor_ids = [party.actor_id for party in parties if party.actor_id is not None]
    names = [party.name for party in parties if party.actor_id is None]
    conditions: list[Any] = []
    if actor_ids:
        linked = DemandRow.party_actor_id.is_not(None)
        conditions.append(and_(linked, DemandRow.party_actor_id.in_(actor_ids)))
    if names:
        conditions.append(and_(DemandRow.party_actor_id.is_(None), DemandRow.party.in_(names)))
    return or_(*conditions) if conditions else false()
