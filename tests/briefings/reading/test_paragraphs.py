"""Tests for briefings.reading.paragraphs: titles, broken paragraphs, rendering."""

from __future__ import annotations

from briefings.reading.markup import Block, BlockKind
from briefings.reading.paragraphs import (
    drop_repeated_title,
    join_broken_paragraphs,
    render,
    split_title,
)


def blocks(*texts: str) -> list[Block]:
    return [Block((text,)) for text in texts]


def texts(found: list[Block]) -> list[str]:
    return [block.text for block in found]


def test_title_is_the_first_level_one_heading_when_preferred() -> None:
    found = [Block(("Intro.",)), Block(("The Title",), BlockKind.HEADING, 1), Block(("Body.",))]
    title, rest = split_title(found, prefer_heading=True)
    assert title == "The Title"
    assert texts(rest) == ["Intro.", "Body."]


def test_title_is_the_first_line_otherwise() -> None:
    title, rest = split_title(
        [Block(("Headline", "By AFP")), *blocks("Body.")], prefer_heading=False
    )
    assert title == "Headline"
    assert texts(rest) == ["By AFP", "Body."]


def test_without_a_level_one_heading_the_first_line_is_the_title() -> None:
    found = [Block(("Sub",), BlockKind.HEADING, 2), *blocks("Body.")]
    assert split_title(found, prefer_heading=True) == ("Sub", blocks("Body."))


def test_a_long_first_line_is_body_text_and_the_title_is_derived_from_it() -> None:
    opening = " ".join(f"w{n}" for n in range(40)) + "."
    title, rest = split_title(blocks(opening, "More."), prefer_heading=False)
    assert title == " ".join(f"w{n}" for n in range(12)) + "\u2026"
    assert texts(rest) == [opening, "More."]


def test_no_blocks_no_title() -> None:
    assert split_title([], prefer_heading=True) == ("", [])


def test_a_repeated_title_is_dropped_from_the_body() -> None:
    found = [Block(("Putin  restates terms",), BlockKind.HEADING, 1), *blocks("Body.")]
    assert texts(drop_repeated_title("Putin restates terms", found)) == ["Body."]
    assert texts(drop_repeated_title("Other", found)) == ["Putin restates terms", "Body."]


def test_paragraph_broken_before_a_lowercase_word_is_joined() -> None:
    found = blocks("Standfirst.", "Trump has already", "appointed the retired general.", "Next.")
    assert texts(join_broken_paragraphs(found)) == [
        "Standfirst.",
        "Trump has already appointed the retired general.",
        "Next.",
    ]


def test_paragraph_broken_after_whole_sentences_is_joined_before_a_capital() -> None:
    found = blocks("Standfirst.", "He spoke. Putin wants a ban on Ukraine joining", "Nato, too.")
    assert texts(join_broken_paragraphs(found)) == [
        "Standfirst.",
        "He spoke. Putin wants a ban on Ukraine joining Nato, too.",
    ]


def test_a_standfirst_without_full_stop_is_not_joined_to_the_first_paragraph() -> None:
    found = blocks("Kyiv reacts. Russia repeats its terms on annexed regions", "Poland said no.")
    assert texts(join_broken_paragraphs(found)) == texts(found)


def test_finished_sentences_headings_and_items_are_not_joined() -> None:
    found = [
        *blocks("First.", "He said \u201cyes\u201d", "and left."),
        Block(("AID RACE",), BlockKind.HEADING, 2),
        *blocks("the outgoing administration acted."),
        Block(("item one",), BlockKind.ITEM),
        Block(("item two",), BlockKind.ITEM),
    ]
    assert texts(join_broken_paragraphs(found)) == texts(found)


def test_plain_text_subheads_are_not_joined() -> None:
    found = blocks("First paragraph ends.", "MOSCOW REJECTS FREEZE", "Kremlin spokesman said.")
    assert texts(join_broken_paragraphs(found)) == texts(found)


def test_render_separates_paragraphs_with_one_blank_line() -> None:
    found = [Block(("  One  ", "line. ")), Block(("Heading",), BlockKind.HEADING, 2)]
    assert render(found) == "One line.\n\nHeading"


def test_a_heading_cut_like_a_sentence_is_not_joined_to_a_speaker_turn() -> None:
    blocks = [
        Block(("First paragraph of the transcript.",)),
        Block(("Part One. Opening remarks",)),
        Block(("The Prime Minister of Norway, Ingrid Solberg: Good afternoon.",)),
        Block(("Part Two. Questions",)),
        Block(("Question (Daily Ledger): Will you agree?",)),
    ]
    assert len(join_broken_paragraphs(blocks)) == 5
