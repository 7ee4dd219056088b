"""Tests for briefings.replies.answer_briefs: sentences ranked and shown for a plain question."""

from __future__ import annotations

from entry_builders import make_demand_entry, make_figure_entry, make_sentence

from briefings.entries import (
    DemandEntry,
    FigureEntry,
    Slice,
)
from briefings.i18n import use_language
from briefings.replies.answer_briefs import (
    ECHO_CHARS,
    build_answer,
    build_empty_question,
    build_no_answer,
    rank_answers,
)

NO_FIGURES: Slice[FigureEntry] = Slice((), 0)
NO_DEMANDS: Slice[DemandEntry] = Slice((), 0)


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


def test_build_answer_in_ukrainian_translates_the_interface_not_the_facts() -> None:
    figure = make_figure_entry(43_000, 2, claimant="Volodymyr Zelenskyy")
    demand = make_demand_entry("Kremlin", "neutrality", 2, kind="proposal")
    found = [
        make_sentence("The Kremlin wants neutrality.", 2, figures=(figure,), demands=(demand,))
    ]

    with use_language("uk"):
        text = build_answer("what does the Kremlin want?", 2, found, limit=3).plain
        nothing = build_no_answer("де кордон?").plain

    assert text.splitlines()[0] == "Що пишуть статті про «what does the Kremlin want?»"
    assert "1. The Kremlin wants neutrality. [1]" in text
    assert "(наводить Volodymyr Zelenskyy)" in text and "↳ цифра: " in text
    assert "↳ пропозиція від Kremlin: neutrality" in text
    assert nothing.splitlines()[0] == (
        "У статтях про це нічого немає: жодне речення не відповідає запиту «де кордон?»."
    )
    english = build_answer("what does the Kremlin want?", 2, found, limit=3).plain
    assert "↳ proposal by Kremlin: neutrality" in english


def test_build_empty_question_in_ukrainian_keeps_an_example_the_articles_can_answer() -> None:
    with use_language("uk"):
        empty = build_empty_question("  ").plain
        common = build_empty_question("the of").plain

    assert empty.startswith("Напишіть запитання після /ask англійською")
    assert empty.endswith("/ask what does Russia demand?")
    assert common.startswith("У запиті «the of» немає слів")
    assert build_empty_question("").plain == (
        "Ask a question after /ask, e.g. /ask what does Russia demand?"
    )
