"""Tests of storage.fact_queries: figures and demands for answers, and facts in sentences."""

from __future__ import annotations

from dataclasses import replace

from extracted_builders import make_actor, make_demand, make_draft, make_extracted, make_figure
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from store_builders import save_demands, save_figure

from bot.core.actor_lookup import find_actor
from briefings.identity.rules import IDENTITY_RULES
from briefings.model import ActorKind, DemandKind
from storage import (
    demands_of,
    facts_in_sentences,
    figures_about,
    figures_claimed_by,
    save_extracted,
)
from storage.tables import SentenceRow

# -- figures ---------------------------------------------------------------------------


async def test_figures_claimed_by_keeps_the_newest_and_counts_all(session: AsyncSession) -> None:
    ids = [await save_figure(session, f"s{n}", 100 + n) for n in range(4)]
    await save_figure(session, "other", 999, claimant="Sergei Shoigu")
    actor = await find_actor(session, "Syrskyi")
    assert actor is not None

    claims = await figures_claimed_by(session, actor.id, limit=2)

    assert sorted(f.article_id for f in claims.rows) == ids[2:]
    assert (claims.total, claims.hidden) == (4, 2)
    assert {f.claimant for f in claims.rows} == {"Oleksandr Syrskyi"}
    assert {f.value for f in claims.rows} == {102, 103}


async def test_figures_about_matches_measures_or_counted_words(session: AsyncSession) -> None:
    killed = await save_figure(session, "a", 100)
    drones = await save_figure(session, "b", 200, measure=None, side=None, what="Shahed Drones")
    await save_figure(session, "c", 300, measure="military_wounded")
    newest = await save_figure(session, "d", 400)

    found = await figures_about(session, measures={"military_killed"}, words=["drones"], limit=2)

    assert sorted(f.article_id for f in found.rows) == [drones, newest]
    assert (found.total, found.hidden) == (3, 1)
    everything = await figures_about(session, measures={"military_killed"}, words=[], limit=10)
    assert sorted(f.article_id for f in everything.rows) == [killed, newest]


async def test_a_figure_both_of_a_measure_and_saying_a_word_is_counted_once(
    session: AsyncSession,
) -> None:
    both = await save_figure(session, "a", 100, what="soldiers killed by drones")
    other = await save_figure(session, "b", 200, measure=None, side=None, what="drones shot down")

    found = await figures_about(session, measures={"military_killed"}, words=["drones"], limit=5)

    assert sorted(f.article_id for f in found.rows) == [both, other]
    assert (found.total, len(found.rows)) == (2, 2)


# -- demands ---------------------------------------------------------------------------


async def test_demands_of_a_linked_actor_and_of_a_party_as_written(session: AsyncSession) -> None:
    ids = [
        await save_demands(session, f"d{n}", [("Putin", f"demand {n}")], actors=("Vladimir Putin",))
        for n in range(3)
    ]
    await save_demands(session, "k", [("the Kremlin", "neutrality"), ("Kyiv", "guarantees")])
    putin = await find_actor(session, "Putin")
    assert putin is not None

    linked = await demands_of(session, actor_id=putin.id, party=putin.name, limit=2)
    written = await demands_of(session, actor_id=None, party="THE KREMLIN", limit=5)

    # The newest two, shown oldest of them first.
    assert [d.article_id for d in linked.rows] == ids[1:]
    assert {d.party for d in linked.rows} == {"Vladimir Putin"}
    assert (linked.total, linked.hidden) == (3, 1)
    assert [d.party for d in written.rows] == ["the Kremlin"]
    assert (written.total, written.hidden) == (1, 0)


async def test_demands_of_a_written_party_finds_a_linked_actor_by_its_name(
    session: AsyncSession,
) -> None:
    await save_demands(session, "a", [("Putin", "neutrality")], actors=("Vladimir Putin",))
    found = await demands_of(session, actor_id=None, party="vladimir putin", limit=5)
    assert [(d.party, d.demand) for d in found.rows] == [("Vladimir Putin", "neutrality (a)")]
    assert found.total == 1


# -- facts in sentences ---------------------------------------------------------------


async def test_facts_in_sentences_gives_each_sentences_figures_and_demands(
    session: AsyncSession,
) -> None:
    draft = make_draft(
        "Russia said 500 soldiers died.", "Kyiv demanded guarantees.", "Nothing happened."
    )
    figure = replace(
        make_figure(draft, "500", value=500, what="soldiers", claimed_by="Russia"),
        measure="military_killed",
        measured_side="Ukraine",
    )
    extracted = make_extracted(
        draft,
        actors=[make_actor(draft, "Russia", kind=ActorKind.COUNTRY)],
        figures=[figure],
        demands=[make_demand(draft, "Kyiv", "guarantees", kind=DemandKind.CONDITION)],
    )
    saved = await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    ids = list(
        await session.scalars(
            select(SentenceRow.id)
            .where(SentenceRow.article_id == saved.article_id)
            .order_by(SentenceRow.index)
        )
    )

    figures, demands = await facts_in_sentences(session, ids)

    assert list(figures) == [ids[0]] and list(demands) == [ids[1]]
    [stated] = figures[ids[0]]
    assert (stated.value, stated.measure, stated.claimant) == (500, "military_killed", "Russia")
    [demand] = demands[ids[1]]
    assert (demand.party, demand.kind, demand.demand) == ("Kyiv", "condition", "guarantees")
    assert await facts_in_sentences(session, [ids[2]]) == ({}, {})
    assert await facts_in_sentences(session, []) == ({}, {})


async def test_a_list_of_no_rows_still_counts_them(session: AsyncSession) -> None:
    for n in range(3):
        await save_figure(session, f"z{n}", 10 + n)
    actor = await find_actor(session, "Syrskyi")
    assert actor is not None
    none_shown = await figures_claimed_by(session, actor.id, limit=0)
    assert (none_shown.rows, none_shown.total) == ((), 3)
    nobody = await figures_claimed_by(session, actor.id + 1000, limit=5)
    assert (nobody.rows, nobody.total) == ((), 0)
