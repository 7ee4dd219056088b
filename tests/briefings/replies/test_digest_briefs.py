"""Tests of briefings.replies.digest_briefs: the news since the last digest, then the story in brief."""

from __future__ import annotations

from datetime import date

from briefings.entries import DemandEntry, FigureEntry, SourceEntry
from briefings.i18n import use_language
from briefings.replies.digest_briefs import DigestNews, StoryState, build_digest, clip
from briefings.replies.load_briefs import find_disagreements

DAY = date(2025, 3, 25)


def figure(
    value: float, claimant: str, article: int, measure: str = "military_killed"
) -> FigureEntry:
    """A figure of Ukrainian military losses."""
    return FigureEntry(
        article, f"{value:,.0f}", value, None, "soldiers", measure, "Ukraine", claimant, article
    )


def demand(party: str, text: str, article: int) -> DemandEntry:
    """A demand of a party."""
    return DemandEntry(article, party, "demand", text, article)


STATE = StoryState(
    figures=(
        figure(400_000, "Donald Trump", 1, "military_losses"),
        figure(43_000, "Volodymyr Zelenskyy", 1),
        figure(370_000, "Volodymyr Zelenskyy", 1, "military_wounded"),
    ),
    demands=(
        demand("Kremlin", "Ukraine withdraw from four regions", 2),
        demand("Zelenskyy", "security guarantees", 1),
    ),
    totals={"Kremlin": 3, "Zelenskyy": 1},
)


def test_a_digest_with_news_lists_it_before_the_state() -> None:
    restated = figure(46_000, "Volodymyr Zelenskyy", 3)
    disputed = figure(90_000, "Kremlin", 3)
    news = DigestNews(
        articles=(SourceEntry(3, "Envoys meet in Geneva", "Example News", DAY, 4, 1, 1),),
        figures=(restated, disputed),
        demands=(demand("Kremlin", "a neutral Ukraine", 3),),
        disagreements=tuple(find_disagreements([restated, disputed], STATE.figures)),
        earlier=STATE.figures,
    )
    reply = build_digest(DAY, news, STATE)
    text = reply.plain
    assert text.startswith("🗞 Ceasefire digest — Tuesday 25 March 2025")
    assert (
        "New since your last digest: 1 article\n• [3] Envoys meet in Geneva — Example News" in text
    )
    # A new figure says what it counts, and what the same claimant said before.
    assert "• 46,000 — soldiers killed, Ukraine by Volodymyr Zelenskyy (was 43,000 [1]) [3]" in text
    assert (
        "90,000 soldiers killed by Kremlin [3] against 43,000 soldiers killed by Volodymyr Zelenskyy [1]"
        in text
    )
    assert "46,000 soldiers killed by Volodymyr Zelenskyy [3] against" not in text
    assert "• Kremlin demand: a neutral Ukraine [3]" in text
    assert text.index("New since") < text.index("The story so far")
    # The contested group whole: a claimant's killed and wounded both, against the other's sum.
    assert (
        "⚠️ Soldiers killed and wounded — Ukraine: Donald Trump 400,000 [1]; "
        "Volodymyr Zelenskyy 43,000 soldiers killed [1], 370,000 soldiers wounded [1]"
    ) in text
    assert reply.actions == ("/figures", "/demands", "/sources")


def test_a_digest_without_news_says_so_in_one_line_and_gives_the_state() -> None:
    text = build_digest(DAY, DigestNews(), STATE).plain
    lines = text.splitlines()
    assert lines[2] == "Nothing new since your last digest."
    assert "The story so far" in text
    assert text.index("• Kremlin demand") < text.index("• Zelenskyy demand")


def test_an_empty_store_gives_a_short_digest() -> None:
    assert "No articles loaded yet." in build_digest(DAY, DigestNews(), StoryState()).plain


def test_many_new_facts_are_bounded_with_pointers_to_the_rest() -> None:
    articles = tuple(SourceEntry(n, f"Title {n}", None, None, 1, 1, 1) for n in range(3, 30))
    figures = tuple(figure(1000 + n, "Someone", n) for n in range(3, 30))
    text = build_digest(DAY, DigestNews(articles, figures), STATE).plain
    assert "…and 22 more articles: /sources" in text
    assert "…and 22 more figures: /figures" in text


def test_long_text_is_clipped_at_a_word() -> None:
    assert clip("word " * 100, 20) == "word word word word…"
    assert clip("short") == "short"


def test_a_digest_in_ukrainian_is_dated_counted_and_headed_in_ukrainian() -> None:
    articles = tuple(SourceEntry(n, f"Title {n}", None, None, 1, 1, 1) for n in range(3, 30))
    figures = tuple(figure(1000 + n, "Someone", n) for n in range(3, 9))
    with use_language("uk"):
        text = build_digest(DAY, DigestNews(articles, figures), STATE).plain

    assert text.startswith("🗞 Дайджест про припинення вогню — вівторок 25 березня 2025\n")
    assert "Нове від попереднього дайджесту: 27 статей\n" in text
    assert "…і ще 22 статті: /sources" in text
    assert "…і ще 1 цифра: /figures" in text
    assert "• 1,003 — загиблі військові, Україна (наводить: Someone) [3]" in text
    assert "Що відомо на цей момент" in text and "• Kremlin вимога: Ukraine withdraw" in text
