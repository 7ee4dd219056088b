"""Tests of briefings.replies.chart_briefs: the caption's sources and bounds, the replies without a chart."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from chart_builders import SOURCES, make_entry, make_source

from briefings.entries import FigureEntry, SourceDate
from briefings.i18n import use_language
from briefings.replies.chart_briefs import (
    CAPTION_LIMIT,
    build_chart_caption,
    build_chart_usage,
    build_no_chart,
    build_nothing_to_chart,
    length,
    offer_chart,
)
from briefings.replies.chart_data import ChartData, build_chart_data
from briefings.replies.help_briefs import build_help
from briefings.replies.reply import text_reply


def chart_of(figures: list[FigureEntry], sources: dict[int, SourceDate] = SOURCES) -> ChartData:
    """The chart data of some figures, which must be chartable."""
    chart = build_chart_data(figures, sources)
    assert chart is not None
    return chart


def test_the_caption_cites_each_series_and_names_the_sources() -> None:
    figures = [
        make_entry(43_000, 1, claimant="Volodymyr Zelenskyy"),
        make_entry(43_000, 2, claimant="Volodymyr Zelenskyy"),
        make_entry(370_000, 2, claimant="Volodymyr Zelenskyy", measure="military_wounded"),
        make_entry(400_000, 3, claimant="Donald Trump", measure="military_losses"),
    ]

    caption = build_chart_caption(chart_of(figures), SOURCES, "killed").plain

    assert caption.startswith("⚠️ Soldiers killed and wounded — Ukraine\n")
    assert "Sources disagree" in caption
    assert "• Volodymyr Zelenskyy (soldiers killed): 43,000 [1][2]" in caption
    assert "• Donald Trump: 400,000 [3]" in caption
    assert "[1] Example News, 1 Mar 2025" in caption
    assert "[3] Example News, undated" in caption
    assert "undated articles in the grey band" in caption


def test_an_uncontested_chart_says_nothing_of_disagreement() -> None:
    caption = build_chart_caption(chart_of([make_entry(43_000, 1)]), SOURCES).plain

    assert caption.startswith("📈 Soldiers killed")
    assert "disagree" not in caption
    assert "loaded" not in caption


def test_titles_stand_in_for_missing_outlets_shortened() -> None:
    title = "A very long headline about the ceasefire talks that goes on and on and on"
    sources = {1: replace(make_source(1, date(2025, 3, 1)), outlet=None, title=title)}

    caption = build_chart_caption(chart_of([make_entry(1, 1)], sources), sources).plain

    assert "[1] A very long headline about the ceasefire talks…, 1 Mar 2025" in caption


def test_a_caption_stays_within_telegrams_limit() -> None:
    days = range(1, 200)
    sources = {n: make_source(n, date(2024, 1, 1) + timedelta(days=n)) for n in days}
    long_name = "the spokesperson of a ministry with a very long name indeed, and more"
    figures = [
        make_entry(1_000 * n, n, claimant=f"{long_name} {n % 11}", text=f"{n:,} and then some")
        for n in days
    ]

    caption = build_chart_caption(chart_of(figures, sources), sources, "killed " * 30)

    assert length(caption.plain) <= CAPTION_LIMIT
    assert "more series" in caption.plain
    assert "more (/sources)" in caption.plain


def test_without_a_chart_one_sentence_says_why() -> None:
    assert build_no_chart("bananas").plain == (
        "No figures about “bananas” to chart. /figures lists them all."
    )
    assert "count nothing a chart can show" in build_nothing_to_chart("24 hours").plain
    assert build_chart_usage().plain.startswith("Send /chart TOPIC")
    assert len(build_no_chart("x" * 5000).plain) < 200


def test_figures_that_can_be_charted_offer_a_chart_button() -> None:
    answer = text_reply("Figures", ("/sources",))

    offered = offer_chart(answer, [make_entry(43_000, 1)], "soldiers killed")
    assert offered.actions == ("/sources", "/chart soldiers killed")
    assert offer_chart(answer, [make_entry(43_000, 1)], "").actions[-1] == "/chart"
    assert offer_chart(answer, [make_entry(3, 1, measure=None)], "x") == answer


def test_help_lists_chart_after_figures() -> None:
    lines = [row.plain for row in build_help().lines]

    figures = next(i for i, row in enumerate(lines) if row.startswith("/figures"))
    assert lines[figures + 1].startswith("/chart [topic] — ")


def test_a_caption_in_ukrainian_dates_its_sources_in_ukrainian() -> None:
    figures = [make_entry(43_000, 1), make_entry(45_000, 3), make_entry(4, 2, measure="prisoners")]
    with use_language("uk"):
        caption = build_chart_caption(chart_of(figures), SOURCES, "killed").plain
        usage = build_chart_usage().plain

    assert caption.startswith("📈 Загиблі й поранені військові — Україна\n")
    assert "(статті без дати — у сірій смузі праворуч)" in caption
    assert "Джерела: [1] Example News, 1 бер. 2025; [3] Example News, без дати" in caption
    assert "1 інший показник не показано на графіку; /figures killed показує їх." in caption
    # The command and its example stay as they are sent.
    assert usage.startswith("Надішліть /chart ТЕМА (наприклад, /chart soldiers killed)")
