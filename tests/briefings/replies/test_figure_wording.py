"""Tests of briefings.replies.figure_wording: a figure's words, its kind, and its history."""

from __future__ import annotations

from datetime import date

from briefings.entries import FigureEntry
from briefings.i18n import use_language
from briefings.replies.figure_briefs import build_figures
from briefings.replies.figure_wording import (
    figure_words,
    full_history,
    latest_with_history,
    previous_value,
    series_of,
    value_words,
)


def stated(
    value: float,
    *,
    text: str | None = None,
    claimant: str = "Kyiv",
    article: int = 1,
    published: date | None = None,
    kind: str = "total",
    period: str | None = None,
    unit: str | None = None,
    measure: str = "military_killed",
    holder: str | None = None,
    qualifier: str | None = None,
) -> FigureEntry:
    """A stored figure."""
    return FigureEntry(
        article * 100 + int(value) % 100,
        text or f"{value:,.0f}",
        value,
        unit,
        "soldiers",
        measure,
        "Ukraine",
        claimant,
        article,
        qualifier=qualifier,
        kind=kind,
        period=period,
        holder=holder,
        published=published,
    )


def test_a_value_starting_a_line_part_is_lower_case() -> None:
    assert value_words(stated(1500, text="Roughly 1,500")) == "roughly 1,500"
    assert value_words(stated(2, text="Two")) == "two"
    assert value_words(stated(5e8, text="US$500m")) == "US$500m"


def test_the_kind_is_said_after_the_value() -> None:
    assert figure_words(stated(1500, kind="rate", period="a day")) == "1,500 a day"
    assert figure_words(stated(9, kind="event", period="in the attack")) == (
        "9 (one event, in the attack)"
    )
    assert figure_words(stated(9, kind="event")) == "9 (one event)"
    assert figure_words(stated(9, period="Since the summer")) == "9 (since the summer)"
    assert figure_words(stated(3, kind="change")) == "3 (a change)"
    assert figure_words(stated(3, kind="change", qualifier="a further", text="a further 3")) == (
        "a further 3"
    )
    money = stated(5e8, text="$500m", unit="USD", measure="aid_money", holder="Norway")
    assert figure_words(money, " in aid") == "$500m in aid from Norway"
    assert figure_words(stated(5e8, text="$500m", unit="USD", holder="Kyiv")) == "$500m"


def test_a_claimant_changing_a_figure_over_time_is_one_series_with_its_history() -> None:
    figures = [
        stated(43_000, article=3, published=date(2024, 12, 8)),
        stated(31_000, article=1, published=date(2024, 2, 25)),
        stated(31_000, article=2, published=date(2024, 3, 1)),
    ]
    [series] = series_of(figures)
    assert [s.figure.value for s in series] == [31_000, 43_000]
    assert latest_with_history(series) == "43,000 [3] (was 31,000 [1][2])"
    assert full_history(series) == (
        "31,000 [1][2] → 43,000 [3] (first stated 25 Feb 2024, last changed 8 Dec 2024)"
    )


def test_two_values_in_one_article_are_two_entries_not_a_history() -> None:
    figures = [stated(35_000, article=4), stated(40_000, article=4)]
    assert [[s.figure.value for s in series] for series in series_of(figures)] == [
        [35_000],
        [40_000],
    ]


def test_figures_about_a_topic_show_each_history_and_the_overview_the_last_change() -> None:
    figures = [
        stated(31_000, article=1, published=date(2024, 2, 25)),
        stated(43_000, article=2, published=date(2024, 12, 8)),
    ]
    overview = build_figures(figures, "Figures").plain
    assert "• Kyiv: 43,000 soldiers killed [2] (was 31,000 [1])" in overview
    topic = build_figures(figures, "Figures about “losses”", history=True).plain
    assert (
        "• Kyiv: 31,000 [1] → 43,000 [2] soldiers killed (first stated 25 Feb 2024, last changed 8 Dec 2024)"
        in topic
    )


def test_the_previous_value_is_the_claimants_own_of_the_same_series() -> None:
    new = stated(46_000, article=5, published=date(2025, 3, 1))
    earlier = [
        stated(43_000, article=2, published=date(2024, 12, 8)),
        stated(50_000, claimant="Kremlin", article=3),
        stated(40_000, article=4, kind="rate", period="a day"),
    ]
    before = previous_value(new, earlier)
    assert before is not None and before.value == 43_000
    assert previous_value(stated(43_000, article=5), earlier) is None


def test_a_figures_kind_and_history_are_worded_in_ukrainian() -> None:
    figures = [
        stated(31_000, article=1, published=date(2024, 2, 25)),
        stated(43_000, article=2, published=date(2024, 12, 8)),
    ]
    [series] = series_of(figures)
    with use_language("uk"):
        history = full_history(series)
        latest = latest_with_history(series)
        event = figure_words(stated(9, kind="event", period="in the attack"))
    # The dates in Ukrainian words; the values and the period as the articles write them.
    assert history == (
        "31,000 [1] → 43,000 [2] (уперше наведено 25 лют. 2024, востаннє змінено 8 груд. 2024)"
    )
    assert latest == "43,000 [2] (раніше 31,000 [1])"
    assert event == "9 (одна подія, in the attack)"
