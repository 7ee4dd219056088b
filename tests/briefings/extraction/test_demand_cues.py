"""Tests for briefings.extraction.demand_cues: demands cued by verbs, modals and adjectives."""

from __future__ import annotations

import pytest
from article_builders import extract_text, only_demand
from spacy.language import Language

from briefings.model import DemandKind


def no_demands(nlp: Language, text: str) -> None:
    assert extract_text(nlp, text).demands == ()


@pytest.mark.parametrize(
    ("text", "party", "kind", "shown"),
    [
        (
            "Oksana Hrytsenko called for an immediate truce.",
            "Oksana Hrytsenko",
            DemandKind.CALL,
            "called for an immediate truce",
        ),
        (
            "Petro Bondar rejected the plan.",
            "Petro Bondar",
            DemandKind.REJECTION,
            "rejected the plan",
        ),
        (
            "Moscow has rejected the European peace plan.",
            "Moscow",
            DemandKind.REJECTION,
            "rejected the European peace plan",
        ),
        (
            "Petro Bondar has ruled out talks.",
            "Petro Bondar",
            DemandKind.REJECTION,
            "ruled out talks",
        ),
        (
            "Petro Bondar proposed a prisoner swap.",
            "Petro Bondar",
            DemandKind.PROPOSAL,
            "proposed a prisoner swap",
        ),
        (
            "Hungary proposed an Easter truce.",
            "Hungary",
            DemandKind.PROPOSAL,
            "proposed an Easter truce",
        ),
    ],
)
def test_a_cue_verb_gives_its_subject_as_party_and_the_verb_phrase_as_demand(
    nlp: Language, text: str, party: str, kind: DemandKind, shown: str
) -> None:
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind, demand.demand) == (party, kind, shown)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Petro Bondar said Russia must withdraw its troops.", "Russia must withdraw its troops"),
        (
            "Petro Bondar said on Monday that Russia should return the deported children.",
            "Russia should return the deported children",
        ),
    ],
)
def test_must_in_reported_speech_is_the_speakers_demand_not_the_subjects(
    nlp: Language, text: str, shown: str
) -> None:
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind, demand.demand) == ("Petro Bondar", DemandKind.DEMAND, shown)


@pytest.mark.parametrize(
    "text",
    [
        '"We need lasting security guarantees," Petro Bondar said.',
        '"We need lasting security guarantees," said Petro Bondar.',
    ],
)
def test_we_need_in_a_quote_is_the_speakers_demand(nlp: Language, text: str) -> None:
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind) == ("Petro Bondar", DemandKind.DEMAND)
    assert "security guarantees" in demand.demand


@pytest.mark.parametrize(
    "text",
    [
        '"There can be no deal without us," Petro Bondar said.',
        '"There will be no agreement without Ukraine at the table," Petro Bondar said.',
    ],
)
def test_there_can_be_no_deal_is_the_speakers_rejection(nlp: Language, text: str) -> None:
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind) == ("Petro Bondar", DemandKind.REJECTION)
    assert demand.demand.startswith("There")


@pytest.mark.parametrize(
    "text",
    [
        "Petro Bondar told reporters that the talks had stalled.",
        "Petro Bondar told journalists the talks had stalled.",
    ],
)
def test_told_with_a_that_clause_is_not_a_call(nlp: Language, text: str) -> None:
    no_demands(nlp, text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Petro Bondar told allies to send more shells.", "told allies to send more shells"),
        (
            "Petro Bondar urged allies to send more air defence.",
            "urged allies to send more air defence",
        ),
    ],
)
def test_told_or_urged_with_an_infinitive_is_a_call(nlp: Language, text: str, shown: str) -> None:
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind, demand.demand) == ("Petro Bondar", DemandKind.CALL, shown)


@pytest.mark.parametrize(
    "text",
    [
        "Petro Bondar called the plan premature.",
        "Petro Bondar called the offer a trap.",
    ],
)
def test_called_with_a_complement_is_not_a_call(nlp: Language, text: str) -> None:
    no_demands(nlp, text)


def test_will_not_accept_is_the_subjects_rejection(nlp: Language) -> None:
    demand = only_demand(
        nlp, "Petro Bondar said Ukraine will not accept any territorial concessions."
    )
    assert (demand.party, demand.kind) == ("Ukraine", DemandKind.REJECTION)
    assert demand.demand == "will not accept any territorial concessions"


def test_ready_to_is_the_subjects_proposal(nlp: Language) -> None:
    demand = only_demand(nlp, "Petro Bondar said Ukraine was ready to talk.")
    assert (demand.party, demand.kind, demand.demand) == (
        "Ukraine",
        DemandKind.PROPOSAL,
        "ready to talk",
    )


def test_an_obligation_ends_before_a_reporting_verb_joined_to_it(nlp: Language) -> None:
    text = (
        'A Kremlin spokeswoman, Maria Ivanova, said Kyiv "needs to stop sabotaging" the truce, '
        "and claimed drones had hit a depot."
    )
    assert only_demand(nlp, text).demand == 'Kyiv "needs to stop sabotaging" the truce'


def test_a_cue_inside_another_cue_is_its_content_not_a_position(nlp: Language) -> None:
    demand = only_demand(nlp, "Petro Bondar demanded that Russia agree to a full ceasefire.")
    assert demand.party == "Petro Bondar"


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        (
            "Petro Bondar said Ukraine would consider a halt to strikes.",
            DemandKind.PROPOSAL,
            "consider a halt",
        ),
        ("Kyiv agreed to consider the proposal.", DemandKind.PROPOSAL, "agreed to consider"),
        (
            "Ukraine accepts the principle of a maritime truce.",
            DemandKind.PROPOSAL,
            "accepts the principle",
        ),
        (
            "Petro Bondar ridiculed the idea of a buffer zone.",
            DemandKind.REJECTION,
            "ridiculed the idea",
        ),
        (
            "Moscow offered Kyiv to create two joint commissions.",
            DemandKind.PROPOSAL,
            "offered Kyiv",
        ),
        ("Marko Lenz said he now favoured a full peace deal.", DemandKind.PROPOSAL, "favoured"),
        ("The Kremlin ties the truce to the lifting of sanctions.", DemandKind.CONDITION, "ties"),
        (
            "Petro Bondar vowed to keep fighting until every region is free.",
            DemandKind.PROPOSAL,
            "vowed",
        ),
    ],
)
def test_consideration_acceptance_evaluation_and_vows_are_positions(
    nlp: Language, text: str, kind: DemandKind, words: str
) -> None:
    demand = only_demand(nlp, text)
    assert demand.kind == kind
    assert words in demand.demand


def test_a_hope_that_another_party_acts_is_a_position(nlp: Language) -> None:
    demand = only_demand(nlp, "Petro Bondar hopes that Washington will add sanctions.")
    assert (demand.party, demand.kind) == ("Petro Bondar", DemandKind.CALL)


def test_a_first_person_hope_is_a_position(nlp: Language) -> None:
    demand = only_demand(nlp, '"We hope that the talks will resume soon," Petro Bondar said.')
    assert demand.party == "Petro Bondar"


def test_a_hope_about_how_things_turn_out_is_no_position(nlp: Language) -> None:
    no_demands(nlp, "Petro Bondar hoped the meeting could help bring an end to the fighting.")


def test_a_cue_with_nothing_after_it_is_no_position(nlp: Language) -> None:
    no_demands(nlp, "What Russia wants")


def test_a_bare_infinitive_after_the_object_belongs_to_the_demand(nlp: Language) -> None:
    text = "Moscow handed over a paper that demands Ukraine withdraw its troops from four regions."
    assert "withdraw its troops" in only_demand(nlp, text).demand


def test_a_position_on_a_noun_before_its_subject_names_that_noun(nlp: Language) -> None:
    demand = only_demand(nlp, "Russia broke the 30-day truce Ukraine agreed to in Geneva.")
    assert (demand.party, demand.demand) == (
        "Ukraine",
        "the 30-day truce Ukraine agreed to in Geneva",
    )


def test_warning_a_party_not_to_act_is_a_rejection(nlp: Language) -> None:
    demand = only_demand(nlp, 'Petro Bondar warned Moscow not to "throw a wrench" into the talks.')
    assert (demand.party, demand.kind) == ("Petro Bondar", DemandKind.REJECTION)


def test_a_warning_about_what_may_happen_is_no_position(nlp: Language) -> None:
    no_demands(
        nlp, "The agency warned that damage to the grid could force more people to move west."
    )


def test_urging_a_group_described_by_a_clause_still_finds_the_infinitive(nlp: Language) -> None:
    text = "Petro Bondar urged the families who remain in the villages to leave before winter."
    assert only_demand(nlp, text).kind == DemandKind.CALL


def test_not_ready_in_the_first_person_is_the_speaker_s_refusal(nlp: Language) -> None:
    text = '"I am not ready to discuss our territory with anyone," Petro Bondar said.'
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind) == ("Petro Bondar", DemandKind.REJECTION)
    assert demand.demand == "not ready to discuss our territory with anyone"


def test_we_have_to_is_the_speaker_s_obligation(nlp: Language) -> None:
    demand = only_demand(nlp, '"We have to think about it very carefully," Petro Bondar said.')
    assert (demand.party, demand.demand) == (
        "Petro Bondar",
        "We have to think about it very carefully",
    )


def test_suggesting_what_might_have_been_is_no_position(nlp: Language) -> None:
    no_demands(nlp, "Marko Lenz suggested Ukraine could have kept more land by talking earlier.")


def test_accepting_the_bodies_of_soldiers_is_no_position(nlp: Language) -> None:
    no_demands(nlp, "Ukraine accepted the bodies of 900 soldiers on Friday.")


def test_a_currency_floated_is_no_proposal(nlp: Language) -> None:
    no_demands(nlp, "The currency was floated in 1998.")
