"""Tests for briefings.extraction.demand_positions: denied permission, importance, "let", willingness."""

from __future__ import annotations

import pytest
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


def test_let_inside_a_quote_framed_by_tell_is_the_speaker_s(nlp: Language) -> None:
    text = (
        '"Let there be a treaty first, and then let there be a truce," Petro Bondar told reporters.'
    )
    demand = only_demand(nlp, text)
    assert demand.party == "Petro Bondar"
    assert demand.demand.startswith("Let there be a treaty first")


def test_the_other_side_having_no_say_is_the_speaker_s_rejection(nlp: Language) -> None:
    text = "Ukraine's foreign minister Petro Bondar said Russia has no say in Ukraine's future."
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind) == ("Petro Bondar", DemandKind.REJECTION)


def test_only_with_a_modal_in_reported_words_is_a_condition(nlp: Language) -> None:
    text = "Maria Ivanova, a Kremlin spokeswoman, said a truce could only be discussed with guarantees for Russia."
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind) == ("Maria Ivanova", DemandKind.CONDITION)


def test_only_gives_the_condition_of_a_party_subject(nlp: Language) -> None:
    demand = only_demand(
        nlp, "Petro Bondar said Kyiv would only agree to a deal that brings peace."
    )
    assert (demand.party, demand.kind) == ("Kyiv", DemandKind.CONDITION)


def test_only_about_repairs_or_counts_is_no_condition(nlp: Language) -> None:
    text = "Petro Bondar said only 12 people were hurt. Officials said the bridge could only be repaired in spring."
    assert extract_text(nlp, text).demands == ()


def test_up_to_a_party_in_someone_s_words_is_the_speaker_s_call(nlp: Language) -> None:
    text = "Marko Lenz said it was now up to Petro Bondar to get a deal done."
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind) == ("Marko Lenz", DemandKind.CALL)
    assert "up to Petro Bondar" in demand.demand


def test_the_key_is_in_a_quote_is_the_speaker_s(nlp: Language) -> None:
    text = '"For us the key is that any force has American support," Petro Bondar said.'
    assert only_demand(nlp, text).party == "Petro Bondar"


def test_only_after_a_stated_condition_is_a_condition_whatever_the_verb(nlp: Language) -> None:
    text = (
        "The Kremlin said the truce would take effect only after sanctions on the bank are lifted."
    )
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind) == ("Kremlin", DemandKind.CONDITION)
    assert demand.demand.endswith("only after sanctions on the bank are lifted")


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Petro Bondar said the Russian proposal was unacceptable.", "Petro Bondar"),
        ("Marko Lenz called the plan unacceptable.", "Marko Lenz"),
    ],
)
def test_calling_something_unacceptable_is_a_rejection(
    nlp: Language, text: str, party: str
) -> None:
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind) == (party, DemandKind.REJECTION)


def test_an_evaluation_nobody_makes_is_no_position(nlp: Language) -> None:
    assert extract_text(nlp, "The proposal is unacceptable.").demands == ()


def test_what_the_other_side_cannot_achieve_is_an_assessment_not_a_position(nlp: Language) -> None:
    assert extract_text(nlp, "Petro Bondar said Russia could not win the war.").demands == ()


def test_possible_only_to_is_the_speaker_s_condition(nlp: Language) -> None:
    demand = only_demand(
        nlp, "The Kremlin has said a summit is possible only to sign a final agreement."
    )
    assert (demand.party, demand.kind) == ("Kremlin", DemandKind.CONDITION)


def test_nobody_being_able_to_impose_is_the_speaker_s_rejection(nlp: Language) -> None:
    text = '"Nobody will be able to impose a freeze of the conflict on us," Maria Ivanova said.'
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind) == ("Maria Ivanova", DemandKind.REJECTION)


def test_nobody_being_able_to_win_is_no_position(nlp: Language) -> None:
    assert extract_text(nlp, "Nobody can win this war, Petro Bondar said.").demands == ()


def test_time_for_a_party_to_act_is_the_speaker_s_call(nlp: Language) -> None:
    demand = only_demand(nlp, "It is time for Russia to end this war, Petro Bondar said.")
    assert (demand.party, demand.kind) == ("Petro Bondar", DemandKind.CALL)


def test_time_for_a_change_names_no_party_and_is_no_call(nlp: Language) -> None:
    assert extract_text(nlp, "It was time for a change, Petro Bondar said.").demands == ()
