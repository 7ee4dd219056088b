"""Tests of briefings.extraction.claimant_sources: who a claiming phrase names."""

from __future__ import annotations

import pytest
from spacy.language import Language

from briefings.extraction.claimant_sources import author, is_count, load_claimant_cues, who
from briefings.extraction.extensions import attribution_of


def named_by(nlp: Language, text: str, word: str, speaking: bool = True) -> str | None:
    """Who the word (a subject or source) names in a one-article text."""
    doc = nlp(text)
    token = next(token for token in doc if token.text == word)
    found = who(token, attribution_of(doc), load_claimant_cues(), speaking=speaking)
    return found.text if found is not None else None


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("A survey by the Gallup institute found support was high.", "survey", "Gallup institute"),
        ("Data from the World Bank show the damage.", "Data", "World Bank"),
        ("The council's tally was published.", "tally", "council"),
        ("A Rating Group poll was published.", "poll", "Rating Group"),
    ],
)
def test_a_study_names_its_author(nlp: Language, text: str, word: str, expected: str) -> None:
    doc = nlp(text)
    token = next(token for token in doc if token.text == word)
    found = author(token, attribution_of(doc), load_claimant_cues())
    assert found is not None and found.text == expected


def test_an_unnamed_plural_stands_as_written_only_for_a_speech_verb(nlp: Language) -> None:
    text = "Pro-war bloggers claimed gains."
    assert named_by(nlp, text, "bloggers") == "Pro-war bloggers"
    assert named_by(nlp, text, "bloggers", speaking=False) is None


def test_a_count_of_people_is_a_count(nlp: Language) -> None:
    doc = nlp("Two sources said so.")
    assert is_count(doc[1])
    assert not is_count(nlp("Sources said so.")[0])


def test_a_definite_title_names_its_holder(nlp: Language) -> None:
    text = "Mayor Ihor Lysenko spoke first. The mayor said the shelters were full."
    assert named_by(nlp, text, "mayor") == "Ihor Lysenko"
