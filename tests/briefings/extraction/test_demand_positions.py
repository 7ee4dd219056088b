"""Tests for briefings.extraction.demand_positions: denied permission, importance, "let", willingness."""

from __future__ import annotations

from article_builders import extract_text, only_demand
from spacy.language import Language

from briefings.model import DemandKind


def test_what_the_other_side_cannot_do_is_the_speaker_s_rejection(nlp: Language) -> None:
    text = (
        "Ukraine's foreign minister Petro Bondar said Russia cannot veto the deployment of troops."
    )
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind) == ("Petro Bondar", DemandKind.REJECTION)
    assert demand.demand.startswith("Russia cannot veto")


def test_what_one_s_own_side_cannot_do_is_no_position(nlp: Language) -> None:
    text = "Kremlin spokesman Dmitry Peskov said Russia cannot accept the proposal."
    assert [d.party for d in extract_text(nlp, text).demands] != ["Kremlin spokesman Dmitry Peskov"]


def test_the_key_is_states_what_the_speaker_holds_necessary(nlp: Language) -> None:
    demand = only_demand(nlp, "Petro Bondar said the key is a monitored ceasefire.")
    assert (demand.party, demand.demand) == ("Petro Bondar", "the key is a monitored ceasefire")


def test_essential_in_a_speaker_s_words_is_a_demand(nlp: Language) -> None:
    demand = only_demand(nlp, "Petro Bondar said American air defence was essential.")
    assert demand.party == "Petro Bondar"
    assert "air defence" in demand.demand


def test_let_there_be_is_the_speaker_s_demand(nlp: Language) -> None:
    demand = only_demand(nlp, '"Let there be security guarantees first," Petro Bondar said.')
    assert (demand.party, demand.demand) == (
        "Petro Bondar",
        "Let there be security guarantees first",
    )


def test_expressed_willingness_is_the_subject_s_proposal(nlp: Language) -> None:
    demand = only_demand(nlp, "Kyiv expressed willingness to join talks in Geneva.")
    assert (demand.party, demand.kind) == ("Kyiv", DemandKind.PROPOSAL)
    assert demand.demand == "expressed willingness to join talks in Geneva"
