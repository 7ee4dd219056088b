"""Tests of briefings.replies.load_briefs: disagreements found on load, and the admin replies."""

from __future__ import annotations

from datetime import date

import pytest

from briefings.entries import FigureEntry, Slice, SourceEntry
from briefings.i18n import ENGLISH, UKRAINIAN, use_language
from briefings.replies.load_briefs import (
    LoadedArticle,
    build_admin_only,
    build_articles,
    build_loaded,
    build_remove_prompt,
    find_disagreements,
)
from briefings.replies.reply import Style


def figure(
    value: float,
    claimant: str | None,
    *,
    measure: str | None = "military_killed",
    side: str | None = "Ukraine",
    article: int = 1,
    text: str | None = None,
) -> FigureEntry:
    """A stored figure as answers see it."""
    shown = text or f"{value:,.0f}"
    return FigureEntry(1, shown, value, None, "soldiers", measure, side, claimant, article)


def loaded(article_id: int = 3) -> LoadedArticle:
    """A saved article's summary."""
    return LoadedArticle(article_id, "Talks in Paris", "Example News", "2024-12-08", 9, 4, 6, 3)


def test_a_new_figure_contradicted_by_another_claimant_is_a_disagreement() -> None:
    new = figure(43_000, "Zelenskyy", article=3)
    earlier = [
        figure(60_000, "Kremlin"),
        figure(43_000, "Kyiv"),
        figure(400_000, "Trump", measure="military_losses"),  # a part may be below its whole
        figure(30_000, "Pentagon", measure="military_losses"),  # but not above it
    ]
    [found] = find_disagreements([new], earlier)
    assert found.figure == new
    assert [f.claimant for f in found.earlier] == ["Kremlin", "Pentagon"]


def test_same_claimant_same_value_other_side_or_unmeasured_is_no_disagreement() -> None:
    new = figure(43_000, "Zelenskyy", article=3)
    earlier = [
        figure(40_000, "Zelenskyy"),
        figure(43_000, "Trump"),
        figure(600_000, "Trump", side="Russia"),
        figure(400_000, "Trump", measure=None),
        figure(400_000, None),
        figure(2_000_000, "Trump", measure="civilians_killed"),
    ]
    assert find_disagreements([new], earlier) == []
    assert find_disagreements([figure(1, None)], [figure(2, "Trump")]) == []


def test_the_load_summary_counts_what_is_new_and_sets_claims_side_by_side() -> None:
    new = figure(43_000, "Zelenskyy", article=3, text="43,000")
    earlier = [figure(60_000, "Trump", text="60,000")]
    reply = build_loaded(loaded(), find_disagreements([new], earlier))
    text = reply.plain
    assert "Loaded as article [3]" in text
    assert "“Talks in Paris” — Example News, 2024-12-08" in text
    assert "9 actors (4 new), 6 figures, 3 demands." in text
    assert "Disagrees with earlier sources" in text
    assert (
        "43,000 soldiers killed by Zelenskyy [3] against 60,000 soldiers killed by Trump [1]"
        in text
    )
    assert reply.actions == ("/sources 3", "/figures")


def test_a_summary_without_disagreements_says_nothing_of_them() -> None:
    assert "Disagrees" not in build_loaded(loaded(), []).plain


def test_articles_are_listed_with_number_date_and_outlet() -> None:
    rows = (
        SourceEntry(2, "Kremlin terms", None, None, 3, 1, 2),
        SourceEntry(1, "Paris talks", "Example News", date(2024, 12, 8), 9, 6, 3),
    )
    text = build_articles(Slice(rows, 5)).plain
    assert "the newest 2 of 5" in text
    assert "2. Kremlin terms — undated" in text
    assert "1. Paris talks — 2024-12-08, Example News" in text
    assert "No articles loaded yet" in build_articles(Slice((), 0)).plain


def test_removal_asks_to_confirm_with_a_button() -> None:
    reply = build_remove_prompt(SourceEntry(4, "Paris talks", None, None, 9, 6, 3))
    assert reply.actions == ("/remove 4 yes",)
    assert "6 figures and 3 demands" in reply.plain


def test_non_admins_are_told_the_command_is_for_admins() -> None:
    assert build_admin_only("load").plain.startswith("/load is for admins.")


def test_the_load_summary_in_ukrainian_counts_in_ukrainian_plural_forms() -> None:
    article = LoadedArticle(3, "Talks in Paris", "Example News", "2024-12-08", 21, 4, 2, 5)
    with use_language(UKRAINIAN):
        text = build_loaded(article, []).plain
    assert text.split("\n")[:3] == [
        "✅ Завантажено як статтю [3]",
        "«Talks in Paris» — Example News, 2024-12-08",
        "21 дійова особа (нових: 4), 2 цифри, 5 вимог.",
    ]
    assert (
        build_loaded(article, []).plain.split("\n")[2] == "21 actors (4 new), 2 figures, 5 demands."
    )


def test_the_article_list_in_ukrainian_groups_numbers_and_agrees_with_them() -> None:
    rows = (SourceEntry(2, "Kremlin terms", None, None, 3, 1, 2),)
    with use_language(UKRAINIAN):
        text = build_articles(Slice(rows, 1234)).plain
    assert text.startswith("Завантажені статті — 1 найновіша з 1\u00a0234\n")
    assert "2. Kremlin terms — без дати" in text


@pytest.mark.parametrize(
    ("language", "question"),
    [
        (ENGLISH, "Remove article [4] “Paris talks”?"),
        (UKRAINIAN, "Вилучити статтю [4] «Paris talks»?"),
    ],
)
def test_the_article_number_stays_bold_wherever_the_translation_puts_it(
    language: str, question: str
) -> None:
    article = SourceEntry(4, "Paris talks", None, None, 9, 1, 2)
    with use_language(language):
        prompt = build_remove_prompt(article)
    assert prompt.lines[0].plain == question
    assert [s.text for s in prompt.lines[0].segments if s.style is Style.BOLD] == ["[4]"]
    assert prompt.actions == ("/remove 4 yes",)
