"""Tests for briefings.extraction.chunks: long texts cut at paragraphs, never losing a character."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefings.extraction.chunks import paragraph_chunks, with_context

TEXT = (
    "Envoys meet in Geneva\n\n"
    "Keith Kellogg met Ukrainian officials. Russia said 90,000 soldiers had been killed.\n\n"
    "The Kremlin demanded a withdrawal.\n"
    "Kyiv refused."
)


def pieces(text: str, bound: int) -> list[str]:
    """The pieces' texts."""
    return [text[start:end] for start, end in paragraph_chunks(text, bound)]


def test_a_text_within_the_bound_is_one_piece() -> None:
    assert paragraph_chunks(TEXT, len(TEXT)) == [(0, len(TEXT))]


def test_pieces_end_after_paragraphs_and_their_blank_lines() -> None:
    assert pieces(TEXT, 100) == [
        "Envoys meet in Geneva\n\n",
        "Keith Kellogg met Ukrainian officials. Russia said 90,000 soldiers had been killed.\n\n",
        "The Kremlin demanded a withdrawal.\nKyiv refused.",
    ]


def test_a_piece_holds_as_many_paragraphs_as_fit() -> None:
    assert pieces(TEXT, 110) == [
        "Envoys meet in Geneva\n\n"
        "Keith Kellogg met Ukrainian officials. Russia said 90,000 soldiers had been killed.\n\n",
        "The Kremlin demanded a withdrawal.\nKyiv refused.",
    ]


def test_a_paragraph_longer_than_the_bound_is_cut_after_a_sentence() -> None:
    assert pieces(TEXT, 60)[1:3] == [
        "Keith Kellogg met Ukrainian officials. ",
        "Russia said 90,000 soldiers had been killed.\n\n",
    ]


def test_a_sentence_longer_than_the_bound_is_cut_after_a_space_run() -> None:
    text = "one two  three four"
    assert pieces(text, 9) == ["one two  ", "three ", "four"]


def test_a_run_without_whitespace_is_cut_at_the_bound() -> None:
    assert pieces("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_a_long_run_of_line_breaks_costs_one_pass() -> None:
    # Each run is matched from its first character only: no pattern retries inside it.
    text = "a" + "\n" * 400_000 + "b" + " " * 400_000 + "c"
    assert "".join(pieces(text, 100_000)) == text


def test_the_bound_must_hold_a_character() -> None:
    with pytest.raises(ValueError, match="at least one character"):
        paragraph_chunks(TEXT, 0)


@given(
    st.text(alphabet=st.sampled_from("ab .!\n\t\"'"), max_size=400),
    st.integers(min_value=1, max_value=60),
)
def test_pieces_join_into_the_text_and_keep_within_the_bound(text: str, bound: int) -> None:
    found = paragraph_chunks(text, bound)
    assert "".join(text[start:end] for start, end in found) == text
    assert all(0 < end - start <= bound for start, end in found[:-1])
    assert [end for _, end in found[:-1]] == [start for start, _ in found[1:]]


def test_context_widens_a_piece_only_across_whitespace() -> None:
    text = "aaaa bbbb cccc dddd"
    assert with_context(text, 5, 10, 3) == (2, 13)
    assert with_context(text, 0, 5, 100) == (0, len(text))
    # Cut inside a word (a run as long as the bound), the piece is read alone on that side.
    assert with_context("xxxxxxxxxx", 4, 8, 3) == (4, 8)
