"""Tests of bot.core.chart_rendering: chart data drawn as a real PNG, text drawn as written."""

from __future__ import annotations

import struct
from datetime import date

from bot.core.chart_rendering import (
    DPI,
    HEIGHT,
    WIDTH,
    _thousands,
    drawable,
    month_words,
    render_chart,
)
from briefings.i18n import use_language
from briefings.replies.chart_data import ChartData, ChartPoint, ChartSeries

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def make_series(
    claimant: str, *values: tuple[date, float, bool], measure: str | None = None
) -> ChartSeries:
    """A series of points, each (day, value, contested)."""
    points = tuple(
        ChartPoint(day, value, f"{value:,.0f}", (n + 1,), contested)
        for n, (day, value, contested) in enumerate(values)
    )
    return ChartSeries(claimant, measure, points)


def make_chart(
    *series: ChartSeries, title: str = "Soldiers killed and wounded — Ukraine"
) -> ChartData:
    """Chart data as the domain builds it."""
    return ChartData(
        title=title,
        y_label="soldiers killed and wounded",
        series=series,
        contested=any(p.contested for s in series for p in s.points),
        hidden_series=0,
        undated_day=None,
        other_groups=0,
    )


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_a_chart_is_a_png_of_the_set_size() -> None:
    chart = make_chart(
        make_series(
            "Volodymyr Zelenskyy",
            (date(2024, 12, 8), 43_000, True),
            (date(2025, 2, 1), 46_000, False),
            measure="soldiers killed",
        ),
        make_series("Donald Trump", (date(2024, 12, 9), 400_000, True)),
    )

    png = render_chart(chart)

    assert png_size(png) == (round(WIDTH * DPI), round(HEIGHT * DPI))
    # Axes, lines, markers and text: far more than an empty canvas compresses to.
    assert len(png) > 15_000
    assert png.endswith(b"IEND\xaeB`\x82")


def test_one_point_and_awkward_text_draw_without_a_warning() -> None:
    # Warnings are errors in the tests: a missing glyph or a "$" parsed as maths would fail here.
    chart = make_chart(
        make_series("Міністерство оборони 🇺🇦 $5bn_aid", (date(2025, 1, 1), 5.5, False)),
        title="Aid — $ and 📈 and 50%",
    )

    assert png_size(render_chart(chart))[0] > 0


def test_text_is_drawn_as_written() -> None:
    assert drawable("$5bn") == r"\$5bn"
    assert drawable("Kyiv 🇺🇦") == "Kyiv "
    assert drawable("Зеленський — “peace”") == "Зеленський — “peace”"


def test_a_ukrainian_chart_draws_in_ukrainian_with_its_numbers() -> None:
    chart = make_chart(
        make_series("Kyiv", (date(2025, 1, 1), 43_000, True), measure="загиблі військові"),
        make_series("Kremlin", (date(2025, 1, 2), 90_000, True)),
        title="Загиблі військові — Україна",
    )
    with use_language("uk"):
        assert png_size(render_chart(chart))[0] > 0
        ticks = [_thousands(400_000, None), _thousands(2.5, None)]
    # Ukrainian groups thousands with a space and writes a decimal comma.
    assert ticks == ["400\xa0000", "2,5"]
    assert [_thousands(400_000, None), _thousands(2.5, None)] == ["400,000", "2.5"]


def test_month_labels_are_in_the_charts_language() -> None:
    labels = ("Dec 2024", "2025-Feb", "May", "08", "Mayday")
    with use_language("uk"):
        shown = [month_words(label) for label in labels]
    assert shown == ["груд. 2024", "2025-лют.", "трав.", "08", "Mayday"]
    assert [month_words(label) for label in labels] == list(labels)
