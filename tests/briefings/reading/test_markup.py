"""Tests for briefings.reading.markup: Markdown and plain text into blocks."""

from __future__ import annotations

import pytest

from briefings.reading.markup import (
    Block,
    BlockKind,
    clean_inline,
    looks_like_markdown,
    parse_markdown,
    parse_plain,
)


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("**Kyiv** said *no* and _never_.", "Kyiv said no and never."),
        (
            "Trump [has already](#) [appointed](https://x.example/a) him.",
            "Trump has already appointed him.",
        ),
        ("Before ![a photo](img.jpg) after", "Before  after"),
        ("See <https://www.example.com/a>.", "See https://www.example.com/a."),
        ("A `code` word and ~~struck~~ text", "A code word and struck text"),
        (r"Escaped \*stars\* and a\_b\_c stay", "Escaped *stars* and a_b_c stay"),
        ("snake_case_name and 5 * 3 * 2", "snake_case_name and 5 * 3 * 2"),
        ("Line<br>break", "Linebreak"),
    ],
)
def test_clean_inline(markdown: str, plain: str) -> None:
    assert clean_inline(markdown) == plain


def test_headings_become_their_own_blocks() -> None:
    blocks = parse_markdown("# Title\nIntro text.\n## Sub ##\nMore text.")
    assert texts(blocks) == ["Title", "Intro text.", "Sub", "More text."]
    assert [(b.kind, b.level) for b in blocks][:3] == [
        (BlockKind.HEADING, 1),
        (BlockKind.PARAGRAPH, 0),
        (BlockKind.HEADING, 2),
    ]


def test_soft_wrapped_lines_join_into_one_paragraph() -> None:
    blocks = parse_markdown("First line\nsecond line.\n\nNext paragraph.")
    assert texts(blocks) == ["First line second line.", "Next paragraph."]


def test_rules_quotes_lists_and_images_are_removed() -> None:
    markdown = (
        "> A standfirst in a quote.\n\n---\n\n- first item\n* second item\n1. third item\n\n"
        "![photo](x.jpg)\n\nBody."
    )
    blocks = parse_markdown(markdown)
    assert texts(blocks) == [
        "A standfirst in a quote.",
        "first item",
        "second item",
        "third item",
        "Body.",
    ]
    assert [b.kind for b in blocks][1:4] == [BlockKind.ITEM] * 3


def test_a_quote_directly_after_text_is_its_own_block() -> None:
    assert texts(parse_markdown("Text.\n> Quoted.\nText again.")) == [
        "Text.",
        "Quoted.",
        "Text again.",
    ]


def test_setext_headings() -> None:
    blocks = parse_markdown("Big title\n=========\n\nSmaller\n-------\n\nBody.")
    assert [(b.text, b.kind, b.level) for b in blocks] == [
        ("Big title", BlockKind.HEADING, 1),
        ("Smaller", BlockKind.HEADING, 2),
        ("Body.", BlockKind.PARAGRAPH, 0),
    ]


def test_a_line_wholly_in_bold_is_a_subheading() -> None:
    blocks = parse_markdown("**'Key conditions' discussed**\n\n**Related:** [x](#) text")
    assert [b.kind for b in blocks] == [BlockKind.HEADING, BlockKind.PARAGRAPH]


def test_code_fences_are_dropped_but_their_lines_kept() -> None:
    assert texts(parse_markdown("```\ncode line\n```\nAfter.")) == ["code line", "After."]


def test_plain_paragraphs_split_on_blank_lines_and_join_wrapped_lines() -> None:
    text = "Title line\n\nA paragraph that is\nhard wrapped.\n\n\nAnother one."
    assert texts(parse_plain(text)) == [
        "Title line",
        "A paragraph that is hard wrapped.",
        "Another one.",
    ]


def test_plain_text_without_blank_lines_has_one_block_per_line() -> None:
    assert texts(parse_plain("Title\nFirst paragraph.\nSecond paragraph.\n")) == [
        "Title",
        "First paragraph.",
        "Second paragraph.",
    ]


def test_plain_text_keeps_markdown_like_characters() -> None:
    assert texts(parse_plain("A *starred* word and a [bracket](x)")) == [
        "A *starred* word and a [bracket](x)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Title\n\nBody", True),
        ("Text with [a link](#).", True),
        ("**Bold** start", True),
        ("Above\n\n---\n\nBelow", True),
        ("WASHINGTON, Dec 17 - Plain wire copy, 5 * 3.", False),
        ("A hashtag #ceasefire is not a heading.", False),
    ],
)
def test_looks_like_markdown(text: str, expected: bool) -> None:
    assert looks_like_markdown(text) is expected


def test_plain_lines_after_a_short_unpunctuated_line_start_a_new_block() -> None:
    text = (
        "Title\n\n10:05 CET\n"
        "Minister: talks must go on\n"
        "The foreign minister said on Monday that the talks had to continue despite the strikes.\n"
        "Share this update"
    )
    assert texts(parse_plain(text))[1:] == [
        "10:05 CET",
        "Minister: talks must go on",
        "The foreign minister said on Monday that the talks had to continue despite the strikes."
        " Share this update",
    ]


def test_plain_list_items_inside_a_paragraph_are_blocks_of_their_own() -> None:
    blocks = parse_plain("Title\n\nKey points\n- The port reopens\n- Envoy: no deal yet")
    assert texts(blocks) == ["Title", "Key points", "The port reopens", "Envoy: no deal yet"]
    assert [b.kind for b in blocks][1:] == [BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.ITEM]


def test_narrow_wrapped_lines_still_join() -> None:
    text = "Title\n\nThe talks in Geneva ended\nwithout a date for the\nnext round, officials\nsaid on Friday."
    assert texts(parse_plain(text))[1:] == [
        "The talks in Geneva ended without a date for the next round, officials said on Friday."
    ]
