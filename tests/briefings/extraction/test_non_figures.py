"""Tests of briefings.extraction.non_figures: numbers that are no facts of the story stay out."""

from __future__ import annotations

import pytest
from article_builders import extract_text
from spacy.language import Language


def values(nlp: Language, text: str) -> list[float]:
    """The values of the figures found in an article with this body."""
    return [figure.value for figure in extract_text(nlp, text).figures]


@pytest.mark.parametrize(
    "text",
    [
        "Part Three: the harvest\n\nThe farmers kept working.",
        "Section 4 of the accord covers the ports.",
        "Issue 52 · Tuesday · 6 min read",
        "The allies offered guarantees modelled on Article 5 of the treaty.",
        "The details are set out in points 9-11 of the plan.",
        "Chapter Seven describes the siege.",
        "On day 900 of the war, the envoys met in Geneva.",
    ],
)
def test_a_label_with_a_number_is_not_a_figure(nlp: Language, text: str) -> None:
    assert values(nlp, text) == []


def test_a_label_word_before_a_count_of_what_follows_keeps_the_count(nlp: Language) -> None:
    text = "At that point 300 soldiers were trapped in the town, the governor said."
    assert values(nlp, text) == [300]


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said the shelter was full.[4] Buses left at dawn.",
        "[2] Interview with the author, 14 May, notes 7 and 8.",
        "The bridge was rebuilt.\n\n[12] Regional administration, 40 pages.",
    ],
)
def test_footnote_markers_and_footnote_text_are_not_figures(nlp: Language, text: str) -> None:
    assert values(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The draft asks for:\n\n1. A halt to strikes on ports.\n2. An exchange of detainees.",
        "Kyiv set out its terms. 1. A halt to strikes. 2. Guarantees. 3. Money for repairs.",
        "Read more: 1. Why the talks stalled 2. What the envoys want 3. Maps of the front",
        "The draft asks for (1) a halt to strikes and (2) an exchange of detainees.",
    ],
)
def test_the_numbers_of_a_list_are_not_figures(nlp: Language, text: str) -> None:
    assert values(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Poland sent 14 Leopard 2 tanks, the minister said.", [14]),
        ("The Minsk 2 accord was signed in February.", []),
        ("Poland sent Ukraine 30 tanks, the minister said.", [30]),
    ],
)
def test_a_name_with_a_number_is_not_a_figure(
    nlp: Language, text: str, expected: list[float]
) -> None:
    assert values(nlp, text) == expected


def test_an_amount_opening_a_line_is_not_a_time(nlp: Language) -> None:
    assert values(nlp, "12.50 million people need aid, the UN said.") == [12.5e6]


def test_a_figure_in_brackets_is_still_a_figure(nlp: Language) -> None:
    text = "Russia fired 90 drones (40 more than a week before), the air force said."
    assert values(nlp, text) == [90, 40]


def test_a_number_ending_a_sentence_is_still_a_figure(nlp: Language) -> None:
    text = "The governor said the number of shelters had risen to 14. Buses left at dawn."
    assert values(nlp, text) == [14]


@pytest.mark.parametrize(
    "text",
    [
        "Four officials familiar with the negotiations said the text was ready.",
        "Two diplomats briefed on the plan said the text was ready.",
        "Three sources close to the presidency described the mood as tense.",
        "The text is ready, according to two officials.",
        "Five people who spoke on condition of anonymity described the meeting.",
        "Two of the diplomats said the text was ready.",
        "Interfax, citing three officials, reported the talks had ended.",
    ],
)
def test_a_count_of_anonymous_sources_is_not_a_figure(nlp: Language, text: str) -> None:
    assert values(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Four officials were killed in the strike, the governor said.",
        "Four of the diplomats were expelled, the ministry said.",
    ],
)
def test_a_count_of_officials_in_the_news_is_a_figure(nlp: Language, text: str) -> None:
    assert values(nlp, text) == [4]


@pytest.mark.parametrize(
    "text",
    [
        "19:47 CEST\n\nThe envoys met again.",
        "The talks ran from 09:00 to 13:30 in the old palace.",
        "The sirens sounded at 22.40 in the capital.",
        "09.15 The envoys arrived in Geneva.",
    ],
)
def test_a_clock_time_is_not_a_figure(nlp: Language, text: str) -> None:
    assert values(nlp, text) == []


@pytest.mark.parametrize(
    "text", ["Share this story: 340 shares", "Comments 45", "Part 2 of 4: the ports"]
)
def test_counters_and_part_numbers_are_not_figures(nlp: Language, text: str) -> None:
    assert values(nlp, text) == []


def test_a_time_ago_is_not_a_figure(nlp: Language) -> None:
    assert values(nlp, "Published 5 hours ago") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The town went 9 days without power, the mayor said.", 9),
        ("Petro Bondar said a deal was possible within 60 days.", 60),
    ],
)
def test_a_duration_of_the_story_is_a_figure(nlp: Language, text: str, value: float) -> None:
    assert values(nlp, text) == [value]
