"""Tests for briefings.extraction.demand_parts: framing, parties and spans the cues share."""

from __future__ import annotations

import pytest
from article_builders import extract_text
from spacy.language import Language

from briefings.extraction.demand_parts import (
    clause_start,
    complement_end,
    is_negated,
    span_text,
)
from briefings.extraction.demand_reader import DemandReader
from briefings.extraction.extensions import attribution_of
from briefings.vocabulary.lexicon import load_lexicon


def reader_of(nlp: Language, text: str) -> DemandReader:
    doc = nlp(text)
    return DemandReader(doc, attribution_of(doc), load_lexicon())


@pytest.mark.parametrize(
    "text",
    [
        "If Petro Bondar calls for a truce, the talks could resume.",
        "Petro Bondar said the talks could resume if Kyiv called for a truce.",
        "If Moscow rejects the plan, the fighting will go on, Petro Bondar said.",
    ],
)
def test_a_cue_inside_an_if_clause_is_not_a_demand(nlp: Language, text: str) -> None:
    assert extract_text(nlp, text).demands == ()


def test_a_cue_in_an_if_clause_or_under_a_belief_is_framed(nlp: Language) -> None:
    reader = reader_of(nlp, "If Moscow rejects the plan, Kyiv will call for talks.")
    framed = {t.text: reader.framed(t) for t in reader.doc if t.pos_ == "VERB"}
    assert framed == {"rejects": True, "call": False}


def test_the_party_of_a_reported_we_is_the_speaker(nlp: Language) -> None:
    reader = reader_of(nlp, '"We reject the plan," Petro Bondar said.')
    verb = next(t for t in reader.doc if t.lemma_ == "reject")
    party = reader.party(verb)
    assert party is not None and party.text == "Petro Bondar"


def test_spans_end_after_the_complement_without_trailing_punctuation(nlp: Language) -> None:
    doc = nlp("Petro Bondar said that Russia did not accept the plan.")
    verb = next(t for t in doc if t.lemma_ == "accept")
    assert is_negated(verb)
    start, end = clause_start(verb), complement_end(verb)
    assert doc[start:end].text == "Russia did not accept the plan"
    assert span_text(doc, start, len(doc)) == (start, end)


def test_a_proviso_cut_short_by_the_parse_runs_to_the_end_of_the_sentence(nlp: Language) -> None:
    found = extract_text(
        nlp, "Moscow is ready to halt strikes provided Washington moves first."
    ).demands
    assert [d.demand for d in found] == ["ready to halt strikes provided Washington moves first"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Petro Bondar called for a "lasting truce" and left.',
            'called for a "lasting truce"',
        ),
        (
            "Petro Bondar urged donors to “stay the course”.",
            "urged donors to “stay the course”",
        ),
    ],
)
def test_a_quote_opened_in_a_demand_is_closed_in_it(
    nlp: Language, text: str, expected: str
) -> None:
    assert [d.demand for d in extract_text(nlp, text).demands] == [expected]
