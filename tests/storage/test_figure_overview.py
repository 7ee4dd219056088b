"""Tests of storage.figure_overview: the newest figures of every measure and side, on each
backend (a union of seeks on SQLite, a LATERAL join on PostgreSQL)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession
from store_builders import save_figure

from storage import figures_overview


async def test_figures_overview_keeps_the_newest_per_measure_and_side(
    session: AsyncSession,
) -> None:
    killed = [await save_figure(session, f"k{n}", 1000 + n) for n in range(4)]
    russian = await save_figure(session, "r", 2000, side="Russia")
    wounded = await save_figure(session, "w", 3000, measure="military_wounded")
    unmeasured = await save_figure(session, "u", 4000, measure=None, side=None)

    overview = await figures_overview(session, per_measure=2)

    by_group: dict[tuple[str | None, str | None], list[int]] = {}
    for figure in overview:
        by_group.setdefault((figure.measure, figure.measured_side), []).append(figure.article_id)
    assert by_group == {
        ("military_killed", "Ukraine"): killed[2:],
        ("military_killed", "Russia"): [russian],
        ("military_wounded", "Ukraine"): [wounded],
        (None, None): [unmeasured],
    }
    assert [f.article_id for f in overview] == sorted(f.article_id for f in overview)


async def test_figures_overview_of_an_empty_store(session: AsyncSession) -> None:
    assert await figures_overview(session, per_measure=3) == []


async def test_groups_of_every_shape_of_missing_measure_and_side(session: AsyncSession) -> None:
    both = await save_figure(session, "b", 10)
    no_side = [await save_figure(session, f"m{n}", 20 + n, side=None) for n in range(3)]
    no_measure = await save_figure(session, "s", 30, measure=None)
    neither = await save_figure(session, "n", 40, measure=None, side=None)

    overview = await figures_overview(session, per_measure=2)

    assert sorted(f.article_id for f in overview) == sorted(
        [both, *no_side[1:], no_measure, neither]
    )
    assert [f.article_id for f in overview] == sorted(f.article_id for f in overview)
