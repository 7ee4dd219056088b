"""Tests of storage.group_queries: the figure groups kept counted, and one group's figures, on
each backend."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from store_builders import save_figure

from briefings.entries import FigureGroupCount, Slice
from storage import delete_article, figure_group_counts, figures_of_group


async def test_group_counts_are_the_largest_first_and_bounded(session: AsyncSession) -> None:
    for n in range(3):
        await save_figure(session, f"k{n}", 1000 + n)
    await save_figure(session, "r", 2000, side="Russia")
    await save_figure(session, "u", 3000, side=None)

    counts = await figure_group_counts(session, limit=10)

    assert counts[0] == FigureGroupCount("military_killed", "Ukraine", 3)
    assert set(counts[1:]) == {
        FigureGroupCount("military_killed", "Russia", 1),
        FigureGroupCount("military_killed", None, 1),
    }
    assert len(await figure_group_counts(session, limit=1)) == 1


async def test_a_removed_articles_group_is_no_longer_counted(session: AsyncSession) -> None:
    only = await save_figure(session, "r", 2000, side="Russia")
    await delete_article(session, article_id=only)
    assert await figure_group_counts(session, limit=10) == []


async def test_a_groups_figures_are_of_its_measures_and_side_newest_kept(
    session: AsyncSession,
) -> None:
    killed = [await save_figure(session, f"k{n}", 1000 + n) for n in range(3)]
    wounded = await save_figure(session, "w", 5000, measure="military_wounded")
    await save_figure(session, "r", 2000, side="Russia")
    await save_figure(session, "c", 7, measure="civilians_killed")

    found = await figures_of_group(
        session, measures={"military_killed", "military_wounded"}, side="Ukraine", limit=3
    )

    assert [f.article_id for f in found.rows] == [killed[1], killed[2], wounded]
    assert found.total == 4


async def test_a_group_on_no_side_holds_only_figures_of_no_side(session: AsyncSession) -> None:
    sideless = await save_figure(session, "n", 70_000, side=None)
    await save_figure(session, "k", 43_000)

    found = await figures_of_group(session, measures={"military_killed"}, side=None, limit=10)

    assert [f.article_id for f in found.rows] == [sideless]
    assert await figures_of_group(session, measures=(), side=None, limit=10) == Slice((), 0)
