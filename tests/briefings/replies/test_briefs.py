"""Tests of the answer briefs: /who, actor cards, /sources, citations, /demands and plain questions."""

from __future__ import annotations

from datetime import date

from briefings.entries import (
    ActorEntry,
    DemandEntry,
    FigureEntry,
    SentenceEntry,
    Slice,
    SourceEntry,
)
from briefings.replies.answer_briefs import ECHO_CHARS, build_answer, build_no_answer, rank_answers
from briefings.replies.briefs import build_actor_card, build_source, build_sources, build_who
from briefings.replies.citations import cite
from briefings.replies.demand_briefs import build_demands

NO_FIGURES: Slice[FigureEntry] = Slice((), 0)
NO_DEMANDS: Slice[DemandEntry] = Slice((), 0)


def make_actor_entry(
    name: str,
    *,
    id_: int = 1,
    role: str | None = None,
    aliases: tuple[str, ...] = (),
    articles: tuple[int, ...] = (1,),
    n_articles: int | None = None,
) -> ActorEntry:
    """An actor as the store hands it back."""
    count = len(articles) if n_articles is None else n_articles
    return ActorEntry(id_, name, "person", role, aliases, articles, count)


def make_figure_entry(value: float, article_id: int, *, claimant: str = "Kyiv") -> FigureEntry:
    """A figure of soldiers killed on Ukraine's side."""
    return FigureEntry(
        article_id, f"{value:,.0f}", value, None, "soldiers", "military_killed", "Ukraine",
        claimant, article_id,
    )  # fmt: skip


def make_demand_entry(
    party: str, demand: str, article_id: int, *, kind: str = "demand"
) -> DemandEntry:
    """A demand as the store hands it back."""
    return DemandEntry(article_id, party, kind, demand, article_id)


def make_source_entry(id_: int, **fields: object) -> SourceEntry:
    """An article of the store with some fact counts."""
    values: dict[str, object] = {
        "title": f"Article {id_}",
        "outlet": "Example News",
        "published": date(2025, 3, id_),
        "n_actors": 2,
        "n_figures": 3,
        "n_demands": 1,
    }
    values.update(fields)
    return SourceEntry(id_, **values)  # type: ignore[arg-type]


def make_sentence(
    text: str,
    matched: int,
    *,
    rank: float = 1.0,
    article_id: int = 1,
    figures: tuple[FigureEntry, ...] = (),
    demands: tuple[DemandEntry, ...] = (),
) -> SentenceEntry:
    """A sentence found for a question."""
    return SentenceEntry(article_id, text, matched, rank, figures, demands)


# -- /who -------------------------------------------------------------------------------


def test_build_who_says_how_many_are_shown_of_all() -> None:
    actors = Slice(
        (
            make_actor_entry(
                "Donald Trump", role="US president", articles=(1, 2, 3, 4), n_articles=9
            ),
            make_actor_entry("Keir Starmer", id_=2, articles=(2,)),
        ),
        1234,
    )

    text = build_who(actors).plain

    assert "Who is who — the 2 most cited of 1,234" in text
    assert "• Donald Trump — US president [1][2][3][4]+5" in text
    assert "• Keir Starmer [2]" in text
    assert text.index("Donald Trump") < text.index("Keir Starmer")


def test_build_who_with_every_actor_shown() -> None:
    text = build_who(Slice((make_actor_entry("Donald Trump"),), 1)).plain
    assert "1 actors, most cited first" in text
    assert "most cited of" not in text


def test_build_who_with_no_actors() -> None:
    assert build_who(Slice((), 0)).plain == "No actors yet: load an article first."


# -- actor cards ------------------------------------------------------------------------


def test_actor_card_shows_role_aliases_claims_and_positions() -> None:
    actor = make_actor_entry(
        "Volodymyr Zelenskyy",
        role="President of Ukraine",
        aliases=("Zelensky", "Zelenskiy"),
        articles=(1, 3),
    )
    claims = Slice(
        (
            make_figure_entry(43_000, 1, claimant="Volodymyr Zelenskyy"),
            make_figure_entry(43_000, 3, claimant="Volodymyr Zelenskyy"),
        ),
        2,
    )
    positions = Slice((make_demand_entry("Volodymyr Zelenskyy", "security guarantees", 3),), 1)

    text = build_actor_card(actor, claims, positions).plain

    assert text.splitlines()[:4] == [
        "Volodymyr Zelenskyy",
        "Role: President of Ukraine",
        "Also named: Zelensky, Zelenskiy",
        "Sources: [1][3]",
    ]
    assert "Claims\n• 43,000 — soldiers killed, Ukraine [1][3]" in text
    assert "Positions\n• demand: security guarantees [3]" in text
    assert "more" not in text


def test_actor_card_says_how_many_more_facts_there_are() -> None:
    actor = make_actor_entry("Vladimir Putin")
    claims = Slice((make_figure_entry(600_000, 1),), 12)
    positions = Slice((make_demand_entry("Vladimir Putin", "neutrality", 1),), 1_503)

    text = build_actor_card(actor, claims, positions).plain

    assert "…and 11 more figures. See /figures or /demands Vladimir Putin." in text
    assert "…and 1,502 more positions. See /figures or /demands Vladimir Putin." in text


def test_actor_card_without_role_aliases_or_facts() -> None:
    text = build_actor_card(make_actor_entry("Keir Starmer"), NO_FIGURES, NO_DEMANDS).plain
    assert text.splitlines() == ["Keir Starmer", "Role: not stated in the articles", "Sources: [1]"]


# -- /sources ----------------------------------------------------------------------------


def test_build_sources_shows_the_newest_of_all() -> None:
    sources = Slice(
        (make_source_entry(9), make_source_entry(8, outlet=None, published=None)), 2_000
    )

    text = build_sources(sources).plain

    assert "Sources — the newest 2 of 2,000" in text
    assert "[9] Article 9 — Example News, 2025-03-09 (2 actors, 3 figures, 1 demands)" in text
    assert "[8] Article 8 (2 actors, 3 figures, 1 demands)" in text
    assert "Send /sources N for article [N]." in text


def test_build_sources_with_all_shown_and_with_none() -> None:
    text = build_sources(Slice((make_source_entry(1),), 1)).plain
    assert "Sources — 1 articles" in text and "/sources N" not in text
    assert build_sources(Slice((), 0)).plain == "No articles loaded yet."


def test_build_source_gives_one_article_or_says_there_is_none() -> None:
    assert build_source(make_source_entry(3), 3).plain.startswith("[3] Article 3")
    assert build_source(None, 7).plain == "There is no article [7]. /sources lists them."


# -- citations --------------------------------------------------------------------------


def test_cite_sorts_and_dedupes() -> None:
    assert cite([3, 1, 3, 2]) == "[1][2][3]"
    assert cite([]) == ""


def test_cite_limits_and_counts_the_rest() -> None:
    assert cite([5, 4, 3, 2, 1]) == "[1][2][3][4]+1"
    assert cite([1, 2, 3], limit=2) == "[1][2]+1"


def test_cite_counts_hidden_articles_from_the_total() -> None:
    assert cite([1, 2], total=10) == "[1][2]+8"
    assert cite([1, 2, 3, 4, 5], limit=4, total=9) == "[1][2][3][4]+5"
    # A total lower than the ids given never hides a shown one.
    assert cite([1, 2, 2], total=1) == "[1][2]"


# -- /demands ----------------------------------------------------------------------------


def test_build_demands_merges_identical_demands_with_all_citations() -> None:
    demands = [
        make_demand_entry("Kremlin", "a buffer zone", 4),
        make_demand_entry("Kremlin", "a buffer zone", 2),
        make_demand_entry("Kremlin", "a buffer zone", 3, kind="condition"),
        make_demand_entry("Kyiv", "security guarantees", 1),
    ]

    text = build_demands(demands, {"Kremlin": 3, "Kyiv": 1}, "Demands").plain

    assert "• demand: a buffer zone [2][4]" in text
    assert "• condition: a buffer zone [3]" in text
    assert "older" not in text
    assert text.index("Kremlin") < text.index("Kyiv")


def test_build_demands_says_how_many_older_from_totals() -> None:
    demands = [
        make_demand_entry("Kyiv", "security guarantees", 1),
        make_demand_entry("Kremlin", "neutrality", 2),
        make_demand_entry("Kremlin", "neutrality", 3),
    ]

    text = build_demands(demands, {"Kyiv": 1_201, "Kremlin": 2}, "Demands").plain

    assert "…and 1,200 older. Send /demands Kyiv for all of them." in text
    assert "Send /demands Kremlin" not in text
    # The party with most demands in all comes first.
    assert text.index("Kyiv") < text.index("Kremlin")


def test_build_demands_with_none() -> None:
    assert build_demands([], {}, "Demands").plain == "No demands yet: load an article first."


# -- plain questions ----------------------------------------------------------------------


def test_rank_answers_keeps_sentences_with_at_least_half_the_terms() -> None:
    half = make_sentence("Half", 2)
    most = make_sentence("Most", 3)
    less = make_sentence("Less", 1)
    none = make_sentence("None", 0)

    assert rank_answers([less, half, none, most], 4) == [most, half]
    assert rank_answers([none], 0) == []
    assert rank_answers([less], 1) == [less]


def test_rank_answers_prefers_sentences_stating_facts() -> None:
    plain = make_sentence("Plain", 2, rank=9.0)
    with_figure = make_sentence("Figure", 2, rank=1.0, figures=(make_figure_entry(43_000, 1),))
    with_demand = make_sentence(
        "Demand", 2, rank=2.0, demands=(make_demand_entry("Kyiv", "guarantees", 1),)
    )
    more_terms = make_sentence("More", 3, rank=0.1)

    ranked = rank_answers([plain, with_figure, with_demand, more_terms], 3)

    assert ranked == [more_terms, with_demand, with_figure, plain]


def test_build_answer_shows_sentences_with_their_facts() -> None:
    figure = make_figure_entry(43_000, 2, claimant="Volodymyr Zelenskyy")
    demand = make_demand_entry("Kremlin", "neutrality", 2)
    found = [
        make_sentence("Zelenskyy said 43,000 died.", 2, article_id=2, figures=(figure,)),
        make_sentence("The Kremlin wants neutrality.", 2, article_id=5, demands=(demand,)),
        make_sentence("Unrelated.", 0),
    ]

    text = build_answer("how many soldiers died?", 2, found, limit=5).plain

    assert text.splitlines()[0] == "What the articles say about “how many soldiers died?”"
    assert "1. Zelenskyy said 43,000 died. [2]" in text
    assert "↳ figure: 43,000 — soldiers killed, Ukraine (claimed by Volodymyr Zelenskyy)" in text
    assert "2. The Kremlin wants neutrality. [5]" in text
    assert "↳ demand by Kremlin: neutrality" in text
    assert "Unrelated" not in text


def test_build_answer_keeps_to_the_limit() -> None:
    found = [make_sentence(f"Sentence {n}.", 1, rank=float(n)) for n in range(5)]
    text = build_answer("ceasefire", 1, found, limit=2).plain
    assert "1. Sentence 4." in text and "2. Sentence 3." in text
    assert "3. Sentence" not in text


def test_build_answer_echoes_a_long_question_shortened() -> None:
    question = "what   did\nthe Kremlin say " + "about the ceasefire " * 10
    found = [make_sentence("The Kremlin said no.", 3)]

    heading = build_answer(question, 3, found, limit=3).lines[0].plain

    echoed = heading.split("“")[1].split("”")[0]
    assert len(echoed) == ECHO_CHARS == 80
    assert echoed.startswith("what did the Kremlin say about")
    assert echoed.endswith("…")
    assert "\n" not in echoed and "  " not in echoed


def test_build_answer_without_enough_terms_is_no_answer() -> None:
    found = [make_sentence("Barely.", 1)]
    assert build_answer("a b c d", 4, found, limit=3) == build_no_answer("a b c d")


def test_build_no_answer() -> None:
    text = build_no_answer("where is the  border?").plain
    assert text.splitlines() == [
        "Nothing in the articles says that: no sentence matches “where is the border?”.",
        "Try other words, or /who, /figures, /demands.",
    ]
