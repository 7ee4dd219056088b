"""Tests that the kept counts of parties and figure groups (storage.fact_summaries) equal what
the demands and figures count, after saves and removals, and that /demands reads a window of
parties and counts the rest per side."""

from __future__ import annotations

import dataclasses
from typing import Any

from extracted_builders import make_draft, make_extracted, make_figure
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from store_builders import save_demands

from briefings.identity.rules import IDENTITY_RULES
from storage import delete_article, demand_parties, save_extracted
from storage.fact_summaries import party_counts, rebuild_fact_counts
from storage.summary_tables import DemandPartyRow, FigureGroupRow

# Made-up parties and places; no real reporting.
PARTIES = ["Kremlin", "Kyiv", "Hungary", "Slovakia", "Moldova"]


async def kept_counts(session: AsyncSession) -> tuple[set[Any], set[Any]]:
    """The kept party and group counts, as sets of rows."""
    row = DemandPartyRow
    parties = await session.execute(
        select(row.actor_id, row.written, row.n_demands, row.newest_article, row.side)
    )
    groups = await session.execute(
        select(FigureGroupRow.measure, FigureGroupRow.measured_side, FigureGroupRow.n_figures)
    )
    return set(parties.tuples()), set(groups.tuples())


async def counted_afresh(session: AsyncSession) -> tuple[set[Any], set[Any]]:
    """The same counts, rebuilt from the demands and figures in a savepoint rolled back."""
    async with session.begin_nested() as nested:
        await rebuild_fact_counts(session)
        found = await kept_counts(session)
        await nested.rollback()
    return found


async def save_figures(session: AsyncSession, tag: str, measures: list[str | None]) -> int:
    """An article stating one figure of each measure given; its id."""
    texts = [f"{n + 12} soldiers were counted ({tag}, {n})." for n in range(len(measures))]
    draft = make_draft(*texts)
    figures = [
        dataclasses.replace(make_figure(draft, f"{n + 12} soldiers", value=n + 12), measure=measure)
        for n, measure in enumerate(measures)
    ]
    extracted = make_extracted(draft, title=tag, source=f"{tag}.txt", figures=figures)
    return (await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)).article_id


async def test_kept_counts_equal_the_facts_after_saves_and_removals(
    session: AsyncSession,
) -> None:
    first = await save_demands(session, "one", [("Kremlin", "a zone"), ("Kyiv", "guarantees")])
    await save_demands(session, "two", [("Kremlin", "neutrality"), ("Kremlin", "no troops")])
    await save_figures(session, "three", ["military_killed", "military_killed", None])
    figures = await save_figures(session, "four", ["civilians_killed"])
    assert await kept_counts(session) == await counted_afresh(session)
    parties, groups = await kept_counts(session)
    assert {(written, n) for _, written, n, _, _ in parties} == {("Kremlin", 3), ("Kyiv", 1)}
    assert ("military_killed", None, 2) in groups

    await delete_article(session, article_id=first)
    await delete_article(session, article_id=figures)

    assert await kept_counts(session) == await counted_afresh(session)
    parties, groups = await kept_counts(session)
    assert {(written, n) for _, written, n, _, _ in parties} == {("Kremlin", 2)}
    assert all(measure != "civilians_killed" for measure, _, _ in groups)


async def test_parties_past_the_window_are_counted(session: AsyncSession) -> None:
    for n, party in enumerate(PARTIES):
        # Kremlin 5 demands, Kyiv 4, … Moldova 1.
        wordings = [(party, f"point {k}") for k in range(len(PARTIES) - n)]
        await save_demands(session, f"article {n}", wordings)

    read, tail = await demand_parties(session, window=2)

    assert [(p.name, p.n_demands) for p in read] == [("Kremlin", 5), ("Kyiv", 4)]
    assert sum(t.n_parties for t in tail) == 3
    assert sum(t.n_demands for t in tail) == 3 + 2 + 1


async def test_party_counts_query_groups_linked_and_written_parties_apart(
    session: AsyncSession,
) -> None:
    await save_demands(
        session, "one", [("Olena Marchuk", "a shelter"), ("Kremlin", "a zone")], ("Olena Marchuk",)
    )
    rows = (await session.execute(party_counts())).tuples().all()
    linked = [row for row in rows if row[0] is not None]
    written = [row for row in rows if row[0] is None]
    assert [(w, n) for _, w, n, *_ in linked] == [(None, 1)]
    assert [(w, n) for _, w, n, *_ in written] == [("Kremlin", 1)]
