"""Tests for briefings.replies.counts: a number's noun agrees with it."""

from __future__ import annotations

import pytest

from briefings.replies.counts import counted, plural_of


@pytest.mark.parametrize(
    ("number", "noun", "text"),
    [
        (1, "actor", "1 actor"),
        (2, "actor", "2 actors"),
        (0, "figure", "0 figures"),
        (1_234, "older position", "1,234 older positions"),
        (1, "party", "1 party"),
        (3, "party", "3 parties"),
        (2, "day", "2 days"),
        (1, "second", "1 second"),
        (1.5, "second", "1.5 seconds"),
        (2, "person", "2 people"),
    ],
)
def test_the_noun_agrees_with_the_number(number: float, noun: str, text: str) -> None:
    plural = "people" if noun == "person" else None
    assert counted(number, noun, plural) == text


@pytest.mark.parametrize(
    ("noun", "plural"), [("quote", "quotes"), ("match", "matches"), ("box", "boxes")]
)
def test_regular_plurals(noun: str, plural: str) -> None:
    assert plural_of(noun) == plural
