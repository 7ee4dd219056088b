"""Tests for briefings.vocabulary.reader_words: a Ukrainian reader's words name the measures
their English does, in any inflection."""

from __future__ import annotations

import json

import pytest

from briefings.questions.intents import _cues
from briefings.vocabulary.measures import measures_for_topic
from briefings.vocabulary.reader_words import (
    DATA,
    QUESTION_WORDS,
    SHORTEST_STEM,
    WHOLE_WORD,
    english_reading,
    english_words,
    in_cyrillic,
)
from briefings.vocabulary.sides import load_sides


@pytest.mark.parametrize(
    ("ukrainian", "english"),
    [
        (["загиблі"], ["killed"]),
        (["загиблих", "військових"], ["killed", "soldiers"]),
        (["втрати"], ["losses"]),
        (["полонених"], ["prisoners"]),
        (["біженців"], ["refugees"]),
        (["ДРОНИ"], ["drones"]),
    ],
)
def test_any_inflection_names_what_its_english_names(
    ukrainian: list[str], english: list[str]
) -> None:
    assert measures_for_topic(ukrainian) == measures_for_topic(english) != frozenset()


def test_english_and_unknown_words_stand_for_nothing_more() -> None:
    assert english_words(["killed", "ceasefire", "миру"]) == []


def test_every_stem_is_long_enough_and_every_word_names_a_measure() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for stem, words in data["uk"].items():
        assert len(stem) >= SHORTEST_STEM, stem
        for word in words:
            assert measures_for_topic([word]), f"{stem} → {word} names no measure"


def test_every_question_word_is_a_cue_and_every_place_a_country_the_data_knows() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    cues = {" ".join(cue) for _kind, kind_cues in _cues().kinds for cue in kind_cues}
    assert {w for words in data["uk_questions"].values() for w in words} <= cues
    places = {w for words in data["uk_places"].values() for w in words}
    assert all(load_sides().country_in(place) for place in places), places
    # A stem starts words, so it must be long enough to name one thing; a whole word may be short.
    stems = [stem for section in QUESTION_WORDS for stem in data[section]]
    assert all(len(stem) >= SHORTEST_STEM for stem in stems if not stem.endswith(WHOLE_WORD))


def test_a_whole_word_stem_does_not_start_longer_words() -> None:
    assert english_words(["коли"], QUESTION_WORDS) == ["when"]
    assert english_words(["колишній"], QUESTION_WORDS) == []


def test_a_question_is_read_with_its_english_after_it() -> None:
    assert english_reading("Скільки військових загинуло?") == (
        "Скільки військових загинуло? how many soldiers killed"
    )
    assert english_reading("How many soldiers?") == "How many soldiers?"
    assert in_cyrillic("Трамп") and not in_cyrillic("Trump")
