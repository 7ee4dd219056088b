"""Tests for briefings.extraction.demands: every cue run, overlaps merged, "the move" resolved."""

from __future__ import annotations

from article_builders import extract_text, only_demand
from spacy.language import Language

from briefings.model import DemandKind


def test_a_demand_that_only_says_the_move_shows_the_demand_it_answers(nlp: Language) -> None:
    text = "Hungary proposed an Easter truce. Petro Bondar rejected the move."
    found = extract_text(nlp, text).demands
    assert [(d.party, d.kind, d.demand) for d in found] == [
        ("Hungary", DemandKind.PROPOSAL, "proposed an Easter truce"),
        ("Petro Bondar", DemandKind.REJECTION, "rejected the move (proposed an Easter truce)"),
    ]


def test_the_move_of_the_same_party_is_not_its_own_answer(nlp: Language) -> None:
    text = "Petro Bondar proposed a truce and rejected the plan."
    assert [d.demand for d in extract_text(nlp, text).demands] == [
        "proposed a truce",
        "rejected the plan",
    ]


def test_a_demand_inside_a_longer_one_of_the_same_party_is_dropped(nlp: Language) -> None:
    text = (
        '"There should be an immediate ceasefire and negotiations should begin," Petro Bondar said.'
    )
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind) == ("Petro Bondar", DemandKind.DEMAND)
    assert demand.demand == "There should be an immediate ceasefire and negotiations should begin"
