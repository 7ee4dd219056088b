"""Tests for briefings.extraction.numbers: numbers as written, years, and values rendered for people."""

from __future__ import annotations

import pytest

from briefings.extraction.numbers import digit_value, is_year, scale_of, word_value
from briefings.vocabulary.lexicon import load_lexicon

LEXICON = load_lexicon()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("43,000", 43_000),
        ("1,250,000", 1_250_000),
        ("1.2bn", 1.2e9),
        ("500m", 5e8),
        ("3.8", 3.8),
        ("7", 7),
    ],
)
def test_digit_value_reads_separators_decimals_and_scale_suffixes(text: str, value: float) -> None:
    assert digit_value(text, LEXICON) == pytest.approx(value)


@pytest.mark.parametrize("text", ["15th", "2nd", "4,00", "Kyiv", ""])
def test_digit_value_is_none_for_ordinals_and_non_numbers(text: str) -> None:
    assert digit_value(text, LEXICON) is None


@pytest.mark.parametrize(("text", "value"), [("seven", 7), ("Twelve", 12), ("dozen", 12)])
def test_word_value_reads_number_words_in_any_case(text: str, value: float) -> None:
    assert word_value(text, LEXICON) == value


@pytest.mark.parametrize("text", ["seventh", "many", "thousands"])
def test_word_value_is_none_for_ordinals_and_vague_quantities(text: str) -> None:
    assert word_value(text, LEXICON) is None


def test_scale_of_reads_scale_words_and_abbreviations() -> None:
    assert scale_of("Million", LEXICON) == 1e6
    assert scale_of("bn", LEXICON) == 1e9
    assert scale_of("soldiers", LEXICON) is None


@pytest.mark.parametrize("text", ["1991", "2022", "2025"])
def test_is_year_accepts_four_digit_years(text: str) -> None:
    assert is_year(text)


@pytest.mark.parametrize("text", ["300", "43000", "2,022", "2150", "22"])
def test_is_year_rejects_other_numbers(text: str) -> None:
    assert not is_year(text)
