"""Tests of briefings.replies.chart_data: series per claimant and measure, dates, contested points, bounds."""

from __future__ import annotations

from datetime import date, timedelta

from chart_builders import SOURCES, make_entry, make_source

from briefings.i18n import use_language
from briefings.replies.chart_data import (
    MAX_POINTS,
    MAX_SERIES,
    build_chart_data,
    chart_group,
    chartable,
    source_day,
)


def test_each_claimant_is_a_series_dated_by_its_articles() -> None:
    figures = [
        make_entry(43_000, 1, claimant="Volodymyr Zelenskyy"),
        make_entry(46_000, 2, claimant="Volodymyr Zelenskyy"),
        make_entry(400_000, 2, claimant="Donald Trump", measure="military_losses"),
        make_entry(400_000, 3, claimant="Donald Trump", measure="military_losses"),
    ]

    chart = build_chart_data(figures, SOURCES)

    assert chart is not None
    assert chart.title == "Soldiers killed and wounded — Ukraine"
    by_label = {series.label: series for series in chart.series}
    assert set(by_label) == {"Volodymyr Zelenskyy (soldiers killed)", "Donald Trump"}
    zelenskyy = by_label["Volodymyr Zelenskyy (soldiers killed)"]
    assert [(p.day, p.value) for p in zelenskyy.points] == [
        (date(2025, 3, 1), 43_000),
        (date(2025, 4, 1), 46_000),
    ]
    trump = by_label["Donald Trump"]
    # Article 3 has no date: its point stands in the undated band, two weeks after the newest
    # dated one (its load day, 30 June, is not when the figure was claimed).
    assert [(p.day, p.undated) for p in trump.points] == [
        (date(2025, 4, 1), False),
        (date(2025, 4, 15), True),
    ]
    assert chart.undated_day == date(2025, 4, 15)
    assert chart.articles == (1, 2, 3)


def test_contested_values_are_those_another_claimant_disputes() -> None:
    kyiv = make_entry(43_000, 1, claimant="Kyiv")
    moscow = make_entry(600_000, 2, claimant="Moscow", measure="military_losses")
    kyiv_wounded = make_entry(370_000, 1, claimant="Kyiv", measure="military_wounded")

    chart = build_chart_data([kyiv, moscow, kyiv_wounded], SOURCES)

    assert chart is not None and chart.contested
    contested = {(s.claimant, p.value): p.contested for s in chart.series for p in s.points}
    assert contested == {
        ("Kyiv", 43_000): True,
        ("Moscow", 600_000): True,
        ("Kyiv", 370_000): True,  # wounded are part of Moscow's losses
    }


def test_one_claimants_values_contest_nothing() -> None:
    figures = [make_entry(43_000, 1), make_entry(46_000, 2)]

    chart = build_chart_data(figures, SOURCES)

    assert chart is not None and not chart.contested
    assert not any(p.contested for s in chart.series for p in s.points)
    assert chart.undated_day is None


def test_the_same_value_on_the_same_day_is_one_point_with_every_source() -> None:
    sources = {**SOURCES, 4: make_source(4, date(2025, 3, 1))}
    chart = build_chart_data([make_entry(43_000, 1), make_entry(43_000, 4)], sources)

    assert chart is not None
    [series] = chart.series
    [point] = series.points
    assert point.articles == (1, 4)


def test_the_largest_measured_group_is_charted_and_the_others_counted() -> None:
    figures = [
        make_entry(2, 1, measure="civilians_killed", side="Ukraine"),
        make_entry(43_000, 1),
        make_entry(45_000, 2),
        make_entry(12, 2, measure=None, side=None),
    ]

    chart = build_chart_data(figures, SOURCES)

    assert chart is not None
    assert chart.title == "Soldiers killed and wounded — Ukraine"
    assert chart.other_groups == 1
    group = chart_group(figures)
    assert group is not None and group.family == "military_losses"


def test_figures_without_a_measure_cannot_be_charted() -> None:
    unmeasured = [make_entry(24, 1, measure=None, side=None)]

    assert not chartable(unmeasured)
    assert build_chart_data(unmeasured, SOURCES) is None
    assert not chartable([make_entry(float("nan"), 1)])


def test_series_and_points_are_bounded() -> None:
    many_days = {n: make_source(n, date(2024, 1, 1) + timedelta(days=n)) for n in range(1, 61)}
    figures = [make_entry(1_000 + n, n, claimant=f"Claimant {n % 12}") for n in range(1, 61)]
    figures += [make_entry(5_000 + n, n, claimant="Prolific") for n in range(1, 61)]

    chart = build_chart_data(figures, many_days)

    assert chart is not None
    assert len(chart.series) == MAX_SERIES
    assert chart.hidden_series == 13 - MAX_SERIES
    assert all(len(s.points) <= MAX_POINTS for s in chart.series)
    # The series with most points comes first, keeping its newest days.
    assert chart.series[0].claimant == "Prolific"
    assert chart.series[0].points[-1].value == 5_060


def test_figures_of_unknown_articles_are_left_out() -> None:
    chart = build_chart_data([make_entry(43_000, 1), make_entry(46_000, 99)], SOURCES)

    assert chart is not None
    assert [p.value for s in chart.series for p in s.points] == [43_000]


def test_an_article_stands_on_its_publication_day_else_its_load_day() -> None:
    assert source_day(SOURCES[1]) == date(2025, 3, 1)
    assert source_day(SOURCES[3]) == date(2025, 6, 30)


def test_a_chart_built_in_ukrainian_is_titled_and_labelled_in_ukrainian() -> None:
    figures = [make_entry(43_000, 1, claimant=None), make_entry(9, 2, measure="military_wounded")]
    with use_language("uk"):
        chart = build_chart_data(figures, SOURCES)
    assert chart is not None
    assert chart.title == "Загиблі й поранені військові — Україна"
    assert chart.y_label == "загиблі й поранені військові"
    assert [series.label for series in chart.series] == [
        "без джерела (загиблі військові)",
        "Kyiv (поранені військові)",
    ]
