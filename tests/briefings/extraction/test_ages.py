"""Tests of briefings.extraction.ages: ages stay out of the figures unless a demand sets them."""

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
        "Men aged 18 to 60 are barred from leaving the country.",
        "The law covers men between the ages of 25 and 55.",
        "Volunteers must be 18 years of age or older.",
        "The scheme is open to recruits who are 21 or older.",
        "Parliament lowered the mobilisation age from 27 to 25.",
        "The conscription age limit was raised to 30 last year.",
        "The camp housed dozens of 17-year-olds.",
    ],
)
def test_an_age_is_not_a_figure(nlp: Language, text: str) -> None:
    assert values(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington urged Kyiv to lower the conscription age from 25 to 20.", [25, 20]),
        ("The allies are calling on Kyiv to lower the draft age to 21 years old.", [21]),
        ("The generals proposed to draft men aged 20 to 24 first, Petro Bondar said.", [20, 24]),
    ],
)
def test_an_age_set_by_a_demand_is_kept(nlp: Language, text: str, expected: list[float]) -> None:
    assert values(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Men over 65 may leave the country.",
        "Children under 14 were evacuated first.",
        "Men between 20 and 55 cannot cross the border.",
        "Recruits can be called up once they turn 19, the ministry said.",
    ],
)
def test_an_age_after_over_or_under_a_group_is_not_a_figure(nlp: Language, text: str) -> None:
    assert values(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Over 60 soldiers were captured, the governor said.",
        "Villages over 60 kilometres from the front were spared, the governor said.",
    ],
)
def test_over_before_a_count_or_a_unit_is_not_an_age(nlp: Language, text: str) -> None:
    assert values(nlp, text) == [60]
