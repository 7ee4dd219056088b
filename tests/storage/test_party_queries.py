"""Tests of storage.party_queries: every party to demands, and the newest demands of chosen ones."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from store_builders import save_demands

from briefings.entries import PartyEntry
from briefings.model import ActorKind
from storage import demand_parties, demands_of_side, newest_demands_of, party_queries

# Made-up people of a made-up town; no real reporting.
RESIDENT = "Marta Hlynska"
MAYOR = "Bohdan Zaruba"


async def test_demand_parties_lists_every_party_with_most_demands_first(
    session: AsyncSession,
) -> None:
    await save_demands(session, "one", [("Kremlin", "a buffer zone"), ("Kyiv", "guarantees")])
    await save_demands(session, "two", [("Kremlin", "neutrality"), ("Kyiv", "troops out")])
    await save_demands(session, "three", [("Kremlin", "sanctions lifted"), ("Hungary", "a summit")])

    parties, _ = await demand_parties(session, window=50)

    assert [(p.name, p.n_demands) for p in parties] == [("Kremlin", 3), ("Kyiv", 2), ("Hungary", 1)]
    # Parties as written: no actor, no kind, no role.
    kremlin = parties[0]
    assert (kremlin.actor_id, kremlin.kind, kremlin.role) == (None, None, None)


async def test_the_parties_past_the_window_are_counted_per_side_up_to_the_cap(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    await save_demands(session, "one", [("Kremlin", "a buffer zone"), ("Kyiv", "guarantees")])
    await save_demands(session, "two", [("Kremlin", "neutrality"), ("Hungary", "a summit")])
    await save_demands(session, "three", [("Kremlin", "sanctions lifted"), ("Slovakia", "gas")])

    _, all_counted = await demand_parties(session, window=1)
    monkeypatch.setattr(party_queries, "TAIL_CAP", 2)
    _, capped = await demand_parties(session, window=1)

    assert sum(t.n_parties for t in all_counted) == 3 and not any(t.over for t in all_counted)
    # One party past the cap is read, so that the answer can say "over".
    assert sum(t.n_parties for t in capped) == 3 and all(t.over for t in capped)
    monkeypatch.setattr(party_queries, "TAIL_CAP", 3)
    _, exact = await demand_parties(session, window=1)
    assert not any(t.over for t in exact)


async def test_a_linked_party_is_one_party_with_its_actors_kind_and_role(
    session: AsyncSession,
) -> None:
    roles = {RESIDENT: "a resident of the district", MAYOR: "mayor"}
    await save_demands(
        session,
        "one",
        [(RESIDENT, "a bomb shelter"), (MAYOR, "air defence"), (MAYOR, "a bridge")],
        actors=(RESIDENT, MAYOR),
        roles=roles,
    )
    await save_demands(session, "two", [(MAYOR, "power lines")], actors=(MAYOR,), roles=roles)

    parties, _ = await demand_parties(session, window=50)

    assert [(p.name, p.kind, p.role, p.side, p.n_demands) for p in parties] == [
        (MAYOR, ActorKind.PERSON, "mayor", None, 3),
        (RESIDENT, ActorKind.PERSON, "a resident of the district", None, 1),
    ]
    assert all(p.actor_id is not None for p in parties)


async def test_newest_demands_of_gives_the_newest_few_of_each_party_given(
    session: AsyncSession,
) -> None:
    await save_demands(session, "one", [("Kremlin", "a buffer zone"), ("Kyiv", "guarantees")])
    await save_demands(session, "two", [("Kremlin", "neutrality"), ("Kyiv", "troops out")])
    newest = await save_demands(
        session, "three", [("Kremlin", "sanctions lifted"), ("Hungary", "a summit")]
    )
    parties, _ = await demand_parties(session, window=50)

    entries = await newest_demands_of(session, parties[:2], per_party=1)

    assert [(d.party, d.article_id) for d in entries] == [("Kyiv", newest - 1), ("Kremlin", newest)]
    assert await newest_demands_of(session, [], per_party=3) == []


async def test_newest_demands_of_takes_a_linked_actor_under_all_its_names(
    session: AsyncSession,
) -> None:
    await save_demands(
        session,
        "one",
        [("Vladimir Putin", "a buffer zone"), ("Putin", "neutrality")],
        actors=("Vladimir Putin",),
    )
    await save_demands(session, "two", [("Putin", "sanctions lifted")], actors=("Putin",))
    await save_demands(session, "three", [("Kyiv", "guarantees"), ("Kyiv", "troops out")])

    parties, _ = await demand_parties(session, window=50)
    entries = await newest_demands_of(session, parties[:1], per_party=2)

    assert (parties[0].name, parties[0].n_demands) == ("Vladimir Putin", 3)
    assert [d.party for d in entries] == ["Vladimir Putin", "Vladimir Putin"]


async def test_demands_of_side_leaves_out_the_parties_given(session: AsyncSession) -> None:
    roles = {RESIDENT: "a resident of the district", MAYOR: "mayor"}
    await save_demands(
        session,
        "one",
        [(RESIDENT, "a bomb shelter"), (MAYOR, "air defence"), ("the villagers", "buses")],
        actors=(RESIDENT, MAYOR),
        roles=roles,
    )
    await save_demands(
        session,
        "two",
        [("Kremlin", "neutrality")],
        ("Kremlin",),
        kinds={"Kremlin": ActorKind.ORGANISATION},
        sides={"Kremlin": "Russia"},
    )
    parties = {p.name: p for p in (await demand_parties(session, window=50))[0]}

    everyone = await demands_of_side(session, side=None, limit=10)
    some = await demands_of_side(
        session, side=None, limit=10, leaving_out=[parties[RESIDENT], parties["the villagers"]]
    )
    russia = await demands_of_side(session, side="Russia", limit=10)

    assert {d.party for d in everyone.rows} == {RESIDENT, MAYOR, "the villagers"}
    # Leaving out a linked party keeps the unlinked ones, and the other way round.
    assert [d.party for d in some.rows] == [MAYOR]
    assert (some.total, some.hidden) == (1, 0)
    assert [d.party for d in russia.rows] == ["Kremlin"]
    assert parties["Kremlin"].side == "Russia"


async def test_demands_of_side_leaving_out_nobody_by_name_keeps_the_linked(
    session: AsyncSession,
) -> None:
    await save_demands(
        session, "one", [(MAYOR, "air defence")], actors=(MAYOR,), roles={MAYOR: "mayor"}
    )
    await save_demands(session, "two", [("the villagers", "buses")])
    villagers = PartyEntry(None, "the villagers", None, None, None, 1)

    found = await demands_of_side(session, side=None, limit=10, leaving_out=[villagers])

    assert [d.party for d in found.rows] == [MAYOR]
