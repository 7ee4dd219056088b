"""Tests for briefings.questions.matching: which fetched facts answer a question, in which order."""

from __future__ import annotations

from briefings.entries import ActorEntry, DemandEntry, FigureEntry, QuoteEntry, Slice
from briefings.questions.intents import read_question
from briefings.questions.matching import (
    by_topic,
    claimed_as_asked,
    count_held,
    holding_most,
    holds_most,
    names_actor,
    newest_first,
    on_topic,
    subject_words,
)

PESKOV = ActorEntry(7, "Dmitry Peskov", "person", "Kremlin spokesman", ("Peskov",), (1,), 1)


def demand(id_: int, text: str, article_id: int = 1) -> DemandEntry:
    """A demand of Moscow's as the store hands it back."""
    return DemandEntry(id_, "Moscow", "demand", text, article_id)


def test_words_are_held_in_any_plain_form() -> None:
    assert (
        count_held("Kyiv rejected the ceasefires outright", ["reject", "ceasefire", "troops"]) == 2
    )
    assert holds_most("Kyiv rejected the ceasefires", ["reject", "ceasefire", "troops"])
    assert not holds_most("Kyiv rejected it", ["reject", "ceasefire", "troops"])


def test_a_word_names_an_actor_by_name_or_alias() -> None:
    assert names_actor("peskov", PESKOV)
    assert names_actor("dmitry", PESKOV)
    assert not names_actor("kremlin", PESKOV)
    assert not names_actor("peskov", None)


def test_subject_words_leave_out_the_actor_and_the_country_that_chose() -> None:
    question = read_question("Does Ukraine reject lowering the mobilisation age?")
    by_country = subject_words(question, None, by_country=True)
    assert "ukraine" not in by_country and "mobilisation" in by_country
    assert "ukraine" in subject_words(question, None, by_country=False)
    about_peskov = read_question("What did Peskov say about sanctions?")
    assert subject_words(about_peskov, PESKOV, by_country=False) == ["sanctions"]


def test_figures_of_the_claimant_named_come_alone_else_all() -> None:
    western = FigureEntry(1, "70,000", 7e4, None, "killed", None, None, "Western estimates", 1)
    kyiv = FigureEntry(2, "43,000", 4.3e4, None, "killed", None, None, "Kyiv", 1)
    assert claimed_as_asked([western, kyiv], ["western"]) == [western]
    assert claimed_as_asked([western, kyiv], ["losses"]) == [western, kyiv]


def test_demands_newest_article_first_in_stated_order() -> None:
    found = Slice((demand(1, "a", 1), demand(3, "c", 2), demand(2, "b", 2)), 9)
    ordered = newest_first(found)
    assert [d.id for d in ordered.rows] == [2, 3, 1]
    assert ordered.total == 9


def test_positions_on_topic_hold_most_words_best_first() -> None:
    rows = [
        demand(1, "Ukraine must withdraw its troops"),
        demand(2, "Ukraine must withdraw its troops from four regions"),
        demand(3, "sanctions must be lifted"),
    ]
    assert [d.id for d in on_topic(rows, ["withdraw", "troops", "regions"])] == [2, 1]
    assert on_topic(rows, []) == []


def test_quotes_with_more_of_the_words_first() -> None:
    quotes = [
        QuoteEntry(1, "We will talk.", "Peskov", "Russia", 1),
        QuoteEntry(2, "Sanctions and talks go together.", "Peskov", "Russia", 1),
    ]
    assert [q.id for q in by_topic(quotes, ["sanctions", "talks"])] == [2, 1]


def test_holding_most_keeps_texts_with_half_the_words_most_first_in_order() -> None:
    texts = ["Kherson", "troops withdrew from Kherson", "troops left Kherson", "troops left"]
    ranked = holding_most(texts, lambda text: text, ["troops", "kherson", "left"])
    assert ranked == ["troops left Kherson", "troops withdrew from Kherson", "troops left"]
