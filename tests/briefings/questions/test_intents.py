"""What a plain question asks for, read without the store: kinds, measures, sides and names."""

from __future__ import annotations

import pytest

from briefings.questions.intents import (
    Asks,
    measures_asked,
    name_phrases,
    question_words,
    read_question,
)
from briefings.vocabulary.reader_words import in_cyrillic

KINDS = {
    "how many soldiers has Ukraine lost?": (Asks.FIGURES,),
    "What does Russia want?": (Asks.DEMANDS,),
    "who is Kellogg?": (Asks.ACTOR,),
    "Who's Keith Kellogg": (Asks.ACTOR,),
    "when did Moscow claim the village?": (Asks.EVENTS, Asks.FIGURES, Asks.QUOTES),
    "What did Zelensky say about peace?": (Asks.QUOTES,),
    # A measure named without "how many" still asks for figures, before quotes.
    "What did Trump say about Ukrainian losses?": (Asks.FIGURES, Asks.QUOTES),
    "Why is Kyiv short of soldiers?": (Asks.REASONS, Asks.FIGURES),
    # Forms of a cue word: "wanted", "demanding".
    "What was Putin demanding?": (Asks.DEMANDS,),
    "Kellogg?": (),
}


@pytest.mark.parametrize(("text", "kinds"), KINDS.items(), ids=list(KINDS))
def test_the_kinds_a_question_asks_for_come_in_the_data_order(
    text: str, kinds: tuple[Asks, ...]
) -> None:
    assert read_question(text).asks == kinds


def test_soldiers_lost_names_military_losses_and_the_measures_listed_under_it() -> None:
    measures = measures_asked(["how", "many", "soldiers", "has", "ukraine", "lost"])
    assert {"military_losses", "military_killed", "military_wounded"} <= measures
    assert "territory" not in measures
    assert "prisoners" not in measures


def test_a_people_word_names_a_measure_only_beside_an_event() -> None:
    assert "deaths" in measures_asked(["how", "many", "ukrainians", "died"])
    assert measures_asked(["what", "did", "the", "ukrainians", "say"]) == frozenset()


def test_an_event_word_alone_names_no_measure() -> None:
    assert measures_asked(["what", "was", "lost"]) == frozenset()


def test_a_term_outweighs_a_shared_noun() -> None:
    assert "civilians_killed" in measures_asked(["how", "many", "civilians", "died"])
    assert "military_losses" not in measures_asked(["how", "many", "civilians", "died"])


def test_the_country_named_and_its_side() -> None:
    question = read_question("How much aid has Germany given?")
    assert (question.country, question.side) == ("Germany", "European Union")
    assert read_question("what do the Russians want").side == "Russia"


def test_us_in_lower_case_is_not_the_united_states() -> None:
    assert read_question("what do they want from us?").country is None


def test_name_phrases_run_longest_first_and_skip_common_words() -> None:
    words = question_words("What did Keith Kellogg say about the talks?")
    phrases = name_phrases(words)
    assert phrases[0] == "Keith Kellogg"
    assert "Keith Kellogg" in phrases and "Kellogg" in phrases
    assert all(not p.lower().startswith(("what", "the", "about")) for p in phrases)


def test_possessives_and_who_is_clitics_are_read() -> None:
    assert question_words("Who's Zelensky's envoy?") == ["Who", "is", "Zelensky", "envoy"]


def test_topic_words_leave_out_the_cue_words() -> None:
    question = read_question("What did Zelensky say about peace?")
    assert question.topic == ("zelensky", "peace")
    assert "say" not in question.topic


@pytest.mark.parametrize(
    ("ukrainian", "english"),
    [
        ("Скільки військових втратила Україна?", "How many soldiers has Ukraine lost?"),
        ("Чого вимагає Москва?", "What does Moscow demand?"),
        ("Хто такий Келлог?", "Who is Kellogg?"),
        ("Коли Москва захопила Благодатне?", "When did Moscow capture Blagodatne?"),
        ("Що сказав Зеленський про мир?", "What did Zelensky say about peace?"),
    ],
)
def test_a_ukrainian_question_is_read_as_its_english_is(ukrainian: str, english: str) -> None:
    asked, meant = read_question(ukrainian), read_question(english)
    assert (asked.asks, asked.measures, asked.country) == (
        meant.asks,
        meant.measures,
        meant.country,
    )
    assert asked.text == ukrainian
    # Cyrillic words count through their English; names are tried as written.
    assert not any(in_cyrillic(term) for term in asked.terms)
    assert all(in_cyrillic(name) for name in asked.names)


def test_cyrillic_names_are_the_capitalised_words() -> None:
    assert read_question("що сказав Трамп про мир?").names == ("Трамп",)
