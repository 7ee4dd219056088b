"""Tests for briefings.replies.share_briefs: what a reply shares, the link sentences, shared sources."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from entry_builders import make_actor_entry, make_figure_entry

from briefings.entries import SourceDate
from briefings.i18n import UKRAINIAN, _, use_language
from briefings.replies.figure_briefs import build_figures
from briefings.replies.reply import Share, text_reply
from briefings.replies.share_briefs import (
    BAD_LINK,
    GONE_LINK,
    SHARED_SOURCES,
    build_bad_link,
    build_gone_link,
    build_group,
    build_source_notes,
    cited_articles,
    share_card,
    share_one_group,
)


def test_a_card_shares_its_actor_by_id_under_the_actors_name() -> None:
    card = share_card(
        text_reply("Volodymyr Zelenskyy"), make_actor_entry("Volodymyr Zelenskyy", id_=7)
    )
    assert card.share == Share("a7", "Volodymyr Zelenskyy")


def test_figures_of_one_group_share_that_group() -> None:
    figures = [make_figure_entry(43_000, 1), make_figure_entry(31_000, 2, claimant="Trump")]
    shared = share_one_group(build_figures(figures, "Figures"), figures)
    assert shared.share == Share(
        "fmilitary_losses-ukraine", "Soldiers killed and wounded — Ukraine"
    )


def test_figures_of_several_groups_or_of_no_measure_share_nothing() -> None:
    ukraine = make_figure_entry(43_000, 1)
    russia = replace(make_figure_entry(90_000, 2), measured_side="Russia")
    unmeasured = replace(make_figure_entry(24, 1), measure=None, measured_side=None)
    for figures in ([ukraine, russia], [ukraine, unmeasured], [unmeasured]):
        assert share_one_group(build_figures(figures, "Figures"), figures).share is None


def test_a_group_opened_by_its_link_shows_every_claimant_and_shares_itself() -> None:
    figures = [make_figure_entry(31_000, 1), make_figure_entry(43_000, 2)]
    opened = build_group(figures)
    assert "Kyiv: 31,000 [1] → 43,000 [2]" in opened.plain
    assert opened.share is not None and opened.share.payload == "fmilitary_losses-ukraine"


def test_a_link_that_opens_nothing_says_so_in_one_sentence_with_help() -> None:
    for built, sentence in ((build_bad_link(), BAD_LINK), (build_gone_link(), GONE_LINK)):
        assert built.plain.startswith(sentence)
        assert "/help" in built.plain and built.actions == ("/help",)
        assert built.failed and len(built.lines) == 1
    with use_language(UKRAINIAN):
        assert build_bad_link().plain.startswith(_(BAD_LINK)) and _(BAD_LINK) != BAD_LINK


def test_cited_articles_are_the_numbers_in_brackets_in_order() -> None:
    answer = text_reply("Role: president [2]\n• 43,000 [1][2]+3\nSources: [10][2]")
    assert cited_articles(answer) == [1, 2, 10]


def source(number: int, published: date | None = date(2024, 12, 8)) -> SourceDate:
    """An article's title, outlet and day."""
    return SourceDate(number, f"Headline {number}", "example.com", published, datetime(2025, 1, 1))


def test_source_notes_list_each_cited_article_with_title_outlet_and_day() -> None:
    notes = build_source_notes([1, 2, 99], {1: source(1), 2: source(2, None)})
    texts = [line.plain for line in notes]
    assert texts == [
        "",
        "Sources",
        "[1] Headline 1 — example.com, 8 Dec 2024",
        "[2] Headline 2 — example.com, undated",
    ]
    assert build_source_notes([], {}) == []


def test_source_notes_are_bounded() -> None:
    many = range(1, SHARED_SOURCES + 4)
    notes = build_source_notes(list(many), {n: source(n) for n in many})
    assert len(notes) == 2 + SHARED_SOURCES + 1
    assert notes[-1].plain == "…and 3 more articles."
