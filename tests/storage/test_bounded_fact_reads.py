"""Tests that list answers over facts read rows that do not grow with the store: the newest few
by index seeks and a total counted up to a cap (storage.totals, storage.fact_queries,
storage.party_queries, storage.story_queries)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from store_builders import save_demands
from test_bounded_reads import plans, rows_read

from storage import demand_parties, demands_of, demands_of_side, figures_overview, quotes_of
from storage.totals import TOTAL_CAP

pytestmark = pytest.mark.usefixtures("small_cap")


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Count up to 5, so that a store of a few articles is past the cap."""
    monkeypatch.setattr("storage.totals.TOTAL_CAP", 5)


async def grow(session: AsyncSession, start: int, n: int) -> None:
    """n more articles, each with the Kremlin's demand and a demand of a party of its own."""
    for k in range(start, start + n):
        await save_demands(session, f"a{k}", [("Kremlin", f"point {k}"), (f"Party{k}", "talks")])


async def grows(session: AsyncSession, read: Callable[[], Awaitable[object]]) -> tuple[int, int]:
    """Rows a read returns on a store of 8 articles, and then of 30."""
    await grow(session, 0, 8)
    few = await rows_read(session, read)
    await grow(session, 8, 22)
    return few, await rows_read(session, read)


async def test_a_partys_newest_demands_and_capped_total_read_bounded_rows(
    session: AsyncSession,
) -> None:
    async def read() -> object:
        return await demands_of(session, actor_id=None, party="kremlin", limit=3)

    few, many = await grows(session, read)
    assert many == few
    found = await demands_of(session, actor_id=None, party="kremlin", limit=3)
    assert (len(found.rows), found.total, found.capped) == (3, 5, True)


async def test_a_sides_demands_read_bounded_rows(session: AsyncSession) -> None:
    async def read() -> object:
        return await demands_of_side(session, side=None, limit=3)

    few, many = await grows(session, read)
    assert many == few


async def test_the_parties_past_the_window_are_not_read(session: AsyncSession) -> None:
    async def read() -> object:
        return await demand_parties(session, window=4)

    few, many = await grows(session, read)
    # The window's parties and one count per side of the rest (one side here: none).
    assert many == few


async def test_quotes_and_figure_groups_read_bounded_rows(session: AsyncSession) -> None:
    async def read() -> object:
        await quotes_of(session, actor_id=None, speaker=None, limit=3)
        return await figures_overview(session, per_measure=3)

    few, many = await grows(session, read)
    assert many == few


async def test_newest_facts_are_found_by_index_seeks_not_whole_reads(session: AsyncSession) -> None:
    await grow(session, 0, 6)

    async def read() -> object:
        await demands_of(session, actor_id=None, party="kremlin", limit=3)
        await demands_of_side(session, side=None, limit=3)
        await quotes_of(session, actor_id=None, speaker=None, limit=3)
        await demand_parties(session, window=4)
        return await figures_overview(session, per_measure=3)

    steps = await plans(session, read)
    # Demands and figures are found by index seeks; quotes (any speaker's) are walked newest
    # first along their article index, as far as the limit or the count's cap.
    assert not [s for s in steps if s.startswith("SCAN") and s.split()[1] in WHOLE_READS]
    assert any("ix_demand_parties_most" in step for step in steps)


WHOLE_READS = {"demands", "figures", "party"}


def test_the_cap_is_large_enough_to_say_how_many_a_page_hides() -> None:
    assert TOTAL_CAP >= 1000
