"""Tests for briefings.extraction.dates: written dates read and placed on the calendar."""

from __future__ import annotations

from datetime import date

import pytest

from briefings.extraction.dates import Precision, place_date, precision_of, read_date

# A Wednesday.
PUBLISHED = date(2025, 3, 5)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Dec. 7", {"month": "dec", "day": "7"}),
        ("7th of December, 2024", {"day": "7", "month": "december", "year": "2024"}),
        ("in early February 2022", {"month": "february", "year": "2022"}),
        ("2024-12-07", {"year": "2024", "month": "12", "day": "07"}),
        ("last Saturday", {"shift": "last", "weekday": "saturday"}),
        ("next month", {"shift": "next", "unit": "month"}),
        ("Yesterday", {"word": "yesterday"}),
    ],
)
def test_read_date_gives_the_parts_written(text: str, parts: dict[str, str]) -> None:
    assert read_date(text) == parts


@pytest.mark.parametrize("text", ["the coming weeks", "recent months", "the 1990s"])
def test_what_is_no_date_reads_as_none(text: str) -> None:
    assert read_date(text) is None


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("December 7", Precision.DAY),
        ("Tuesday", Precision.DAY),
        ("February 2022", Precision.MONTH),
        ("2022", Precision.YEAR),
        ("next year", Precision.YEAR),
    ],
)
def test_precision_is_how_much_of_the_date_is_written(text: str, precision: Precision) -> None:
    parts = read_date(text)
    assert parts is not None and precision_of(parts) == precision


@pytest.mark.parametrize(
    ("text", "tense", "day"),
    [
        ("December 7 2024", "past", date(2024, 12, 7)),
        ("December 7", "past", date(2024, 12, 7)),
        ("March 20", "future", date(2025, 3, 20)),
        ("March 20", "past", date(2024, 3, 20)),
        ("Monday", "past", date(2025, 3, 3)),
        ("Wednesday", "past", PUBLISHED),
        ("Wednesday", "future", date(2025, 3, 12)),
        ("last Wednesday", "other", date(2025, 2, 26)),
        ("yesterday", "past", date(2025, 3, 4)),
        ("next month", "future", date(2025, 4, 1)),
        ("last year", "past", date(2024, 1, 1)),
    ],
)
def test_place_date_reads_the_publication_day_and_the_tense(
    text: str, tense: str, day: date
) -> None:
    parts = read_date(text)
    assert parts is not None and place_date(parts, PUBLISHED, tense) == day


def test_a_date_without_a_year_is_unplaced_without_a_publication_day() -> None:
    parts = read_date("December 7")
    assert parts is not None and place_date(parts, None, "past") is None
    assert place_date({"month": "dec", "day": "7", "year": "2024"}, None, "past") == date(
        2024, 12, 7
    )


def test_a_day_the_month_lacks_is_no_date() -> None:
    parts = read_date("February 30 2024")
    assert parts is not None and place_date(parts, PUBLISHED, "past") is None
