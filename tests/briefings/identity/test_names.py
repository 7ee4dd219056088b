"""Tests for briefings.identity.names: spelling variants of one name match, different people do not."""

from __future__ import annotations

import pytest

from briefings.identity.names import fold, name_keys, names_match


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Zelensky", "Zelenskyy"),
        ("Zelenskiy", "Zelenskyy"),
        ("Zelensky", "Zelenskiy"),
        ("Zelensky", "Volodymyr Zelenskyy"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskiy"),
        ("Trump", "Donald Trump"),
        ("Orbán", "Orban"),
        ("Viktor Orbán", "Orban"),
    ],
)
def test_variants_of_one_name_match_both_ways(left: str, right: str) -> None:
    assert names_match(left, right)
    assert names_match(right, left)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Donald Tusk", "Donald Trump"),
        ("Kellogg", "Putin"),
        ("Melania Trump", "Donald Trump"),
        ("Joe Biden", "Hunter Biden"),
    ],
)
def test_different_people_do_not_match(left: str, right: str) -> None:
    assert not names_match(left, right)
    assert not names_match(right, left)


def test_empty_names_match_nothing() -> None:
    assert not names_match("", "Trump")
    assert not names_match("Trump", "  ")


def test_fold_drops_accents_apostrophes_and_case() -> None:
    assert fold("  Orbán  O’Brien ") == "orban obrien"


def test_names_that_can_match_share_a_surname_key() -> None:
    assert name_keys("Volodymyr Zelenskyy").surname == name_keys("ZELENSKIY").surname
    # Cyrillic is keyed in Latin letters (tests/briefings/identity/test_reader_names.py).
    assert name_keys("Кремль").surname == "kreml"
    assert name_keys("Keith  Kellogg’s").folded == "keith kelloggs"
