"""Tests for briefings.vocabulary.reader_words: a Ukrainian reader's words name the measures
their English does, in any inflection."""

from __future__ import annotations

import json

import pytest

from briefings.vocabulary.measures import measures_for_topic
from briefings.vocabulary.reader_words import DATA, SHORTEST_STEM, english_words


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
    assert english_words(["killed", "ceasefire", "миру"]) == set()


def test_every_stem_is_long_enough_and_every_word_names_a_measure() -> None:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for stem, words in data["uk"].items():
        assert len(stem) >= SHORTEST_STEM, stem
        for word in words:
            assert measures_for_topic([word]), f"{stem} → {word} names no measure"
