"""Tests for bot.telegram_adapter.rendering: HTML escaping, pages within Telegram's limit, nothing lost or cut."""

from __future__ import annotations

import pytest
from app_builders import shown_text

from bot.telegram_adapter.rendering import (
    CAPTION_LIMIT,
    PAGE_LIMIT,
    render_caption,
    render_pages,
    render_text,
    telegram_length,
)
from briefings.replies.reply import bold, italic, line, reply


def test_styles_become_tags_and_text_is_escaped() -> None:
    pages = render_pages(reply([line(bold("<Putin> & co"), " said ", italic("*no*"), " 🇺🇦")]))
    assert pages == ["<b>&lt;Putin&gt; &amp; co</b> said <i>*no*</i> 🇺🇦"]


def test_plain_text_is_the_same_words_without_markup() -> None:
    answer = reply([line(bold("Who"), " — 2 actors"), line("• <b>not a tag</b>")])
    assert render_text(answer) == "Who — 2 actors\n• <b>not a tag</b>"
    assert shown_text(render_pages(answer)[0]) == render_text(answer)


def test_a_long_reply_is_paged_between_lines_and_nothing_is_lost() -> None:
    answer = reply([line(bold(f"{n}."), f" fact number {n} & more " * 3) for n in range(600)])
    pages = render_pages(answer)
    assert len(pages) > 1
    assert all(telegram_length(page) <= PAGE_LIMIT for page in pages)
    assert "\n".join(shown_text(p) for p in pages) == render_text(answer)


def test_one_line_longer_than_a_page_is_split_at_spaces() -> None:
    words = " ".join(f"word{n}&" for n in range(2000))
    pages = render_pages(reply([line(italic(words))]))
    assert len(pages) > 1
    assert all(telegram_length(page) <= PAGE_LIMIT for page in pages)
    assert all(page.count("<i>") == page.count("</i>") for page in pages)
    assert "".join(shown_text(p) for p in pages) == words


def test_a_word_longer_than_a_page_is_split_too() -> None:
    word = "&" * 10_000
    pages = render_pages(reply([line(word)]))
    assert all(telegram_length(page) <= PAGE_LIMIT for page in pages)
    assert "".join(shown_text(p) for p in pages) == word


@pytest.mark.parametrize("emoji", ["🇺🇦", "👍🏽", "🕊️"])
def test_emoji_count_as_telegram_counts_them(emoji: str) -> None:
    pages = render_pages(reply([line(emoji * 1500)]))
    assert all(telegram_length(page) <= PAGE_LIMIT for page in pages)
    assert "".join(shown_text(p) for p in pages) == emoji * 1500


def test_an_empty_reply_renders_one_empty_page() -> None:
    assert render_pages(reply([])) == [""]


def test_a_caption_is_one_piece_of_html_showing_the_plain_text() -> None:
    answer = reply([line(bold("⚠️ Losses & <claims>")), line(italic("Sources: "), "[1] A's")])
    caption = render_caption(answer)
    assert caption == "<b>⚠️ Losses &amp; &lt;claims&gt;</b>\n<i>Sources: </i>[1] A's"
    assert shown_text(caption) == render_text(answer)


def test_a_caption_over_the_limit_loses_whole_lines_at_its_end() -> None:
    answer = reply([line(bold(f"line {n} & more")) for n in range(200)])
    shown = shown_text(render_caption(answer))
    assert telegram_length(shown) <= CAPTION_LIMIT
    assert render_text(answer).startswith(shown + "\n")
