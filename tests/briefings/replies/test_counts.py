"""Tests for briefings.replies.counts: a number's noun agrees with it, in each language."""

from __future__ import annotations

import pytest

from briefings.i18n import UKRAINIAN, use_language
from briefings.replies.counts import amount, counted

FORMS = ("{n} older position", "{n} older positions")


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "1 older position"),
        (0, "0 older positions"),
        (2, "2 older positions"),
        (1_234, "1,234 older positions"),
        (1.5, "1.5 older positions"),
    ],
)
def test_the_english_noun_agrees_with_the_number(number: float, text: str) -> None:
    assert counted(number, *FORMS) == text


def test_a_floor_is_written_as_one_and_takes_the_plural() -> None:
    assert counted(1_000, *FORMS, over=True) == "over 1,000 older positions"
    assert amount(1_000, over=True) == "over 1,000"


@pytest.mark.parametrize(("number", "form"), [(1, 0), (21, 0), (3, 1), (24, 1), (5, 2), (11, 2)])
def test_ukrainian_takes_its_three_forms(number: int, form: int) -> None:
    with use_language(UKRAINIAN):
        forms = [counted(n, "{n} article", "{n} articles") for n in (1, 3, 5)]
        assert len(set(forms)) == 3, forms
        words = [text.split(" ", 1)[1] for text in forms]
        assert counted(number, "{n} article", "{n} articles").split(" ", 1)[1] == words[form]
