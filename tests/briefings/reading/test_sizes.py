"""Tests for briefings.reading.sizes: the sentences that refuse an input over a limit."""

from __future__ import annotations

import re

import pytest
from reading_builders import MIB, read

from briefings.errors import InputTooLargeError
from briefings.i18n import UKRAINIAN, use_language
from briefings.reading.sizes import (
    MAX_LINES,
    MAX_PARAGRAPHS,
    check_lines,
    check_paragraphs,
    check_size,
    over_the_limit,
)

NBSP = "\u00a0"  # Ukrainian groups thousands with a no-break space
REFUSAL = re.compile(r"The (?:file|page) is (.+); the limit is (.+)\.")


def refusal(size: int, limit: int, source: str = "story.txt") -> str:
    """The sentence check_size refuses size with."""
    with pytest.raises(InputTooLargeError) as refused:
        check_size(size, limit, source=source)
    return str(refused.value)


@pytest.mark.parametrize("limit", [1, 512, 1023, 1024, 1536, 8000, 10_000, 2 * MIB, 10 * MIB + 3])
def test_one_byte_over_the_limit_never_shows_the_limit_twice(limit: int) -> None:
    found = REFUSAL.fullmatch(refusal(limit + 1, limit))
    assert found is not None
    shown, limit_shown = found.groups()
    assert shown != limit_shown


def test_sizes_that_round_alike_are_shown_to_the_byte_as_well() -> None:
    assert refusal(8001, 8000) == (
        "The file is 7.8 KB (8,001 bytes); the limit is 7.8 KB (8,000 bytes)."
    )
    assert refusal(2 * MIB + 1, 2 * MIB) == (
        "The file is 2.0 MB (2,097,153 bytes); the limit is 2.0 MB (2,097,152 bytes)."
    )
    assert refusal(2, 1) == "The file is 2 bytes; the limit is 1 byte."


def test_sizes_that_differ_when_rounded_are_shown_rounded() -> None:
    assert refusal(20 * MIB, 2 * MIB) == "The file is 20.0 MB; the limit is 2.0 MB."
    assert (
        refusal(1536, 512, "https://news.example/a")
        == "The page is 1.5 KB; the limit is 512 bytes."
    )


def test_an_input_at_the_limit_passes() -> None:
    check_size(8000, 8000, source="story.txt")


def test_an_input_found_too_large_while_read_is_refused_without_a_size() -> None:
    assert str(over_the_limit(4096, source="https://news.example/a")) == (
        "The page is over the size limit of 4.0 KB."
    )


def test_too_many_lines_are_refused_and_the_last_newline_ends_a_line() -> None:
    check_lines("line\n" * MAX_LINES, source="story.txt")
    with pytest.raises(InputTooLargeError) as refused:
        check_lines("line\n" * (MAX_LINES + 1), source="story.txt")
    assert str(refused.value) == "The file has 50,001 lines; an article has at most 50,000."


def test_too_many_paragraphs_are_refused() -> None:
    check_paragraphs(MAX_PARAGRAPHS, source="story.txt")
    with pytest.raises(
        InputTooLargeError, match=rf"^The file has {MAX_PARAGRAPHS + 1:,} paragraphs; an article"
    ):
        check_paragraphs(MAX_PARAGRAPHS + 1, source="story.txt")


def test_the_reader_counts_paragraphs_after_parsing() -> None:
    # Blank-line paragraphs of one word each: few lines per paragraph, too many paragraphs.
    text = "Title\n\n" + "\n\n".join(f"Word{n}" for n in range(MAX_PARAGRAPHS + 1))
    with pytest.raises(
        InputTooLargeError, match=rf"^The file has {MAX_PARAGRAPHS + 1:,} paragraphs"
    ):
        read(text)


def test_refusals_are_said_in_ukrainian_with_its_numbers_and_plural_forms() -> None:
    with use_language(UKRAINIAN):
        exact = refusal(8001, 8000)
        page = refusal(20 * MIB, 2 * MIB, "https://news.example/a")
        tiny = refusal(2, 1)
        unknown = str(over_the_limit(4096, source="https://news.example/a"))
        with pytest.raises(InputTooLargeError) as lines:
            check_lines("line\n" * (MAX_LINES + 1), source="story.txt")
        with pytest.raises(InputTooLargeError) as paragraphs:
            check_paragraphs(MAX_PARAGRAPHS + 2, source="https://news.example/a")
    assert exact == (
        f"Файл займає 7,8 КБ (8{NBSP}001 байт); дозволено щонайбільше 7,8 КБ (8{NBSP}000 байтів)."
    )
    assert page == "Сторінка займає 20,0 МБ; дозволено щонайбільше 2,0 МБ."
    assert tiny == "Файл займає 2 байти; дозволено щонайбільше 1 байт."
    assert unknown == "Сторінка перевищує межу в 4,0 КБ."
    assert str(lines.value) == (
        f"У файлі 50{NBSP}001 рядок; у статті їх може бути щонайбільше 50{NBSP}000."
    )
    assert str(paragraphs.value) == (
        f"На сторінці 20{NBSP}002 абзаци; у статті їх може бути щонайбільше 20{NBSP}000."
    )
    # The same refusal outside the Ukrainian answer is English again.
    assert refusal(2, 1) == "The file is 2 bytes; the limit is 1 byte."
