"""Tests for bot.core.arguments: cleaning, numbers, bounds and the sentences that refuse them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

import pytest

from bot.core import arguments
from bot.core.arguments import (
    ARTICLE_NUMBER,
    LAST_KEY,
    LAST_PAGE,
    PAGE_NUMBER,
    Removal,
    article_number,
    clean,
    page_number,
    removal,
    shown_command,
)
from briefings.errors import ArgumentError, InputError
from briefings.i18n import UKRAINIAN, use_language

RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        (f"{RLO}Zelensky{PDF}", "Zelensky"),
        (f"{LRI}Putin{PDI} \u200e\u200f\u061c", "Putin"),
        ("Pe\u200bsk\u00adov\ufeff", "Peskov"),
        ("a\x00b\x07c\x1b[31m", "abc[31m"),
        ("a\u0085b\x9bc", "a bc"),
        ("  tabs\tand\nnew\r\nlines  ", "tabs and new lines"),
        ("a \u202a b", "a b"),
        ("lone \ud800 surrogate", "lone surrogate"),
        ("flag \U000e0067\U000e0062", "flag"),
        # Joiners stay: emoji sequences and several scripts need them.
        ("👩\u200d👩\u200d👧 \u0645\u200c\u0627", "👩\u200d👩\u200d👧 \u0645\u200c\u0627"),
        ("Київ 東京 ½", "Київ 東京 ½"),
    ],
)
def test_clean_removes_hidden_characters_and_collapses_whitespace(typed: str, cleaned: str) -> None:
    assert clean(typed) == cleaned


@pytest.mark.parametrize(
    ("typed", "number"),
    [("3", 3), ("[3]", 3), ("007", 7), (f"{RLO}3", 3), (str(LAST_KEY), LAST_KEY)],
)
def test_article_numbers(typed: str, number: int) -> None:
    assert article_number(typed) == number


@pytest.mark.parametrize(
    "typed",
    [
        "0",
        "-1",
        "+3",
        "²",
        "٣",
        "३",
        "①",
        "3.0",
        "1e3",
        "three",
        "[]",
        str(LAST_KEY + 1),
        "9" * 25,
        "9" * 100_000,
    ],
)
def test_what_is_no_article_number_is_refused_with_one_sentence(typed: str) -> None:
    with pytest.raises(ArgumentError) as refused:
        article_number(typed)
    assert str(refused.value) == ARTICLE_NUMBER


@pytest.mark.parametrize(
    ("word", "page"), [("2", 2), ("10000", 10_000), ("kellogg", None), ("2nd", None)]
)
def test_page_numbers_and_names(word: str, page: int | None) -> None:
    assert page_number(word) == page


@pytest.mark.parametrize("word", ["0", "10001", "-2", "²", "٢", "9" * 5000])
def test_page_numbers_out_of_range_are_refused(word: str) -> None:
    with pytest.raises(ArgumentError) as refused:
        page_number(word)
    assert str(refused.value) == PAGE_NUMBER


@pytest.mark.parametrize(
    ("typed", "asked"),
    [
        ("3", Removal(3, False)),
        ("[3] YES", Removal(3, True)),
        ("3 yes", Removal(3, True)),
        ("", None),
        ("three", None),
        ("3 no", None),
    ],
)
def test_removals(typed: str, asked: Removal | None) -> None:
    assert removal(typed) == asked


@pytest.mark.parametrize("typed", ["0 yes", "99999999999", "²"])
def test_a_removal_of_no_article_number_is_refused(typed: str) -> None:
    with pytest.raises(ArgumentError, match="Article numbers"):
        removal(typed)


BOUNDS: dict[str, tuple[Callable[[str], str], int]] = {
    "name": (lambda text: arguments.name(text, "/who lists the actors"), arguments.NAME_CHARS),
    "topic": (lambda text: arguments.topic(text, "/figures"), arguments.TOPIC_CHARS),
    "question": (arguments.question, arguments.QUESTION_CHARS),
}


@pytest.mark.parametrize("kind", BOUNDS)
def test_arguments_are_bounded_after_cleaning(kind: str) -> None:
    bound, most = BOUNDS[kind]
    assert bound("x" * most) == "x" * most
    assert bound(RLO * 10 + "x" * most) == "x" * most
    with pytest.raises(ArgumentError) as refused:
        bound("x" * (most + 1))
    assert f"at most {most:,} characters" in str(refused.value)


def test_a_long_schedule_is_refused_before_it_is_read() -> None:
    with pytest.raises(InputError, match="A time and a place take at most 64 characters"):
        arguments.schedule("8:00 " + "Kyiv " * 100, time(8), "Europe/Kyiv")


def test_a_schedule_is_read_cleaned() -> None:
    found = arguments.schedule(f"{RLO}07:30 Kyiv{PDF}", time(8), "UTC")
    assert (found.at, found.zone.key) == (time(7, 30), "Europe/Kyiv")


@pytest.mark.parametrize(
    ("name", "shown"),
    [("weather", "weather"), (f"wea{RLO}ther", "weather"), ("x" * 40, "x" * 31 + "…"), (RLO, "")],
)
def test_unknown_command_names_are_shown_cleaned_and_bounded(name: str, shown: str) -> None:
    assert shown_command(name) == shown


def test_the_page_refusal_names_the_last_page() -> None:
    assert f"from 1 to {LAST_PAGE:,}," in PAGE_NUMBER


def test_refusals_raised_for_a_ukrainian_answer_are_in_ukrainian() -> None:
    with use_language(UKRAINIAN):
        with pytest.raises(ArgumentError) as number:
            article_number("0")
        with pytest.raises(ArgumentError) as page:
            page_number("0")
        with pytest.raises(ArgumentError) as long_name:
            arguments.name("x" * (arguments.NAME_CHARS + 1), "/who lists the actors")
        with pytest.raises(ArgumentError) as long_question:
            arguments.question("x" * (arguments.QUESTION_CHARS + 1))
    assert str(number.value).startswith("Номер статті — ціле число")
    assert "від 1 до 10\u00a0000" in str(page.value)
    assert str(long_name.value) == (
        "Ім'я чи назва задовгі (ліміт символів: 100); /who показує перелік дійових осіб."
    )
    assert "(ліміт символів: 4\u00a0096)" in str(long_question.value)
