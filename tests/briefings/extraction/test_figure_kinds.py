"""Tests for briefings.extraction.figure_kinds: totals, rates, changes, one event's, periods, holders."""

from __future__ import annotations

import pytest
from article_builders import extract_text
from spacy.language import Language

from briefings.model import Figure, FigureKind


def only_figure(nlp: Language, text: str, value: float) -> Figure:
    """The figure of this value in a one-paragraph article."""
    [found] = [f for f in extract_text(nlp, text).figures if f.value == value]
    return found


@pytest.mark.parametrize(
    ("text", "value", "period"),
    [
        (
            "About 900 soldiers are killed or wounded every single day, the general said.",
            900,
            "every single day",
        ),
        ("Russia fires about 40 drones a day at Kharkiv, the mayor said.", 40, "a day"),
        ("Some 250 civilians leave the district each week, officials said.", 250, "each week"),
        ("The army receives 3,000 recruits monthly, the ministry said.", 3000, "monthly"),
    ],
)
def test_a_count_per_day_week_or_month_is_a_rate(
    nlp: Language, text: str, value: float, period: str
) -> None:
    figure = only_figure(nlp, text, value)
    assert (figure.kind, figure.period) == (FigureKind.RATE, period)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The economy grew by 2.5% last year, the central bank said.", 2.5),
        ("A further 1,200 people were evacuated, the governor said.", 1200),
    ],
)
def test_an_increase_or_an_addition_is_a_change(nlp: Language, text: str, value: float) -> None:
    assert only_figure(nlp, text, value).kind == FigureKind.CHANGE


@pytest.mark.parametrize(
    ("text", "value", "period"),
    [
        (
            "At least 9,400 civilians have been killed since 2022, the monitors said.",
            9400,
            "since 2022",
        ),
        (
            "The mission said 8,100 civilians had died since the invasion began.",
            8100,
            "since the invasion began",
        ),
        ("So far 14,000 soldiers have been wounded, the general staff said.", 14000, None),
        ("The ministry said 5,600 soldiers have died.", 5600, None),
    ],
)
def test_a_running_count_is_a_total(
    nlp: Language, text: str, value: float, period: str | None
) -> None:
    figure = only_figure(nlp, text, value)
    assert (figure.kind, figure.period) == (FigureKind.TOTAL, period)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Nine people were killed in a missile attack on Dnipro, the governor said.", 9),
        ("Four civilians were wounded overnight in Sumy, regional officials said.", 4),
        ("The governor said 12 people died on Tuesday when a drone hit a bus.", 12),
        ("The Netherlands unveiled a €300m package of air defence, its minister said.", 300e6),
    ],
)
def test_one_attacks_toll_or_one_package_is_one_event(
    nlp: Language, text: str, value: float
) -> None:
    assert only_figure(nlp, text, value).kind == FigureKind.EVENT


def test_a_count_over_a_bounded_period_is_a_total_for_that_period(nlp: Language) -> None:
    text = "Russian forces seized about 600 square kilometres in October, analysts said."
    figure = only_figure(nlp, text, 600)
    assert (figure.kind, figure.period) == (FigureKind.TOTAL, "in October")


def test_the_reporting_verbs_day_is_not_the_figures(nlp: Language) -> None:
    text = "The general said on Monday that 52,000 soldiers had been killed."
    assert only_figure(nlp, text, 52000).kind == FigureKind.TOTAL


def test_the_phrase_holding_the_number_is_not_its_period(nlp: Language) -> None:
    text = "He promised to end the war in 24 hours, the envoy said."
    assert only_figure(nlp, text, 24).period is None


@pytest.mark.parametrize(
    ("text", "value", "holder"),
    [
        (
            "Norway has committed €2bn to Kyiv's air defence since 2023, its minister said.",
            2e9,
            "Norway",
        ),
        ("Canada's $400m loan will be paid next month, officials said.", 400e6, "Canada"),
        (
            "A $250m weapons package was announced by the United States, the Pentagon said.",
            250e6,
            "United States",
        ),
    ],
)
def test_whose_sum_it_is_is_read_from_the_giver(
    nlp: Language, text: str, value: float, holder: str
) -> None:
    assert only_figure(nlp, text, value).holder == holder
