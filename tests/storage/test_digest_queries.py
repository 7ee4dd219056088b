"""Tests of storage.digest_queries: what was stored after an article, as entries for a digest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from sqlalchemy.ext.asyncio import AsyncSession
from store_builders import save_demands, save_figure, save_plain

from briefings.entries import DemandEntry, FigureEntry
from storage import (
    article_id_before,
    demands_after,
    figures_after,
    newest_article_id,
    sources_after,
)


async def test_newest_article_id_is_zero_on_an_empty_store(session: AsyncSession) -> None:
    assert await newest_article_id(session) == 0


async def test_sources_after_an_article_are_the_later_ones_oldest_first(
    session: AsyncSession,
) -> None:
    first = await save_plain(session, "Talks resumed.")
    later = [await save_plain(session, f"Talks went on, day {n}.") for n in range(3)]

    found = await sources_after(session, first, limit=2)

    assert await newest_article_id(session) == later[-1]
    assert [s.id for s in found.rows] == later[:2]
    assert (found.total, found.rows[0].title, found.rows[0].n_figures) == (
        3,
        "Talks went on, day 0.",
        0,
    )


async def test_figures_and_demands_after_an_article_are_entries(session: AsyncSession) -> None:
    first = await save_figure(session, "old", 100)
    figured = await save_figure(session, "new", 200, claimant="Oleksandr Syrskyi")
    demanded = await save_demands(session, "d", [("Kyiv", "guarantees")], actors=("Kyiv",))

    figures = await figures_after(session, first, limit=5)
    demands = await demands_after(session, first, limit=5)

    assert figures == [
        FigureEntry(
            figures[0].id,
            "200",
            200,
            None,
            "soldiers",
            "military_killed",
            "Ukraine",
            "Oleksandr Syrskyi",
            figured,
            kind="total",
        )
    ]
    assert demands == [
        DemandEntry(
            demands[0].id,
            "Kyiv",
            "demand",
            "guarantees (d)",
            demanded,
            demands[0].party_actor_id,
            None,
        )
    ]
    assert demands[0].party_actor_id is not None


async def test_article_id_before_an_instant_is_what_was_loaded_by_then(
    session: AsyncSession,
) -> None:
    start = datetime(2025, 3, 1, 12, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        early = await save_plain(session, "Talks resumed.")
    with time_machine.travel(start + timedelta(days=1), tick=False):
        await save_plain(session, "Talks went on.")
    assert await article_id_before(session, start + timedelta(hours=1)) == early
    assert await article_id_before(session, start - timedelta(hours=1)) == 0
