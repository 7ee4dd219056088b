"""Tests for briefings.extraction.demand_nouns: demands named by nouns ("their demands include")."""

from __future__ import annotations

import pytest
from article_builders import extract_text, only_demand
from spacy.language import Language

from briefings.model import DemandKind


@pytest.mark.parametrize(
    ("text", "party", "kind", "shown"),
    [
        (
            "Russia's demands include the withdrawal of Ukrainian troops from Donbas.",
            "Russia",
            DemandKind.DEMAND,
            "the withdrawal of Ukrainian troops from Donbas",
        ),
        (
            "Russia's proposal is a ceasefire in the air.",
            "Russia",
            DemandKind.PROPOSAL,
            "a ceasefire in the air",
        ),
        (
            "The conditions of the Kremlin include a neutral Ukraine.",
            "Kremlin",
            DemandKind.CONDITION,
            "a neutral Ukraine",
        ),
    ],
)
def test_a_demand_noun_is_its_owners_and_says_what_it_links_to(
    nlp: Language, text: str, party: str, kind: DemandKind, shown: str
) -> None:
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind, demand.demand) == (party, kind, shown)


def test_those_before_a_colon_is_what_follows_it(nlp: Language) -> None:
    text = "The Kremlin's conditions remain those set out in June: Ukraine must leave Nato."
    demand = only_demand(nlp, text)
    assert (demand.party, demand.demand) == ("Kremlin", "Ukraine must leave Nato")


def test_a_speaker_denying_anothers_terms_rejects_them(nlp: Language) -> None:
    text = "Petro Bondar said Russia's terms were not a plan but a demand for surrender."
    demand = only_demand(nlp, text)
    assert (demand.party, demand.kind) == ("Petro Bondar", DemandKind.REJECTION)
    assert demand.demand.startswith("Russia's terms")


def test_a_demand_noun_with_its_infinitive_carries_its_content(nlp: Language) -> None:
    text = "Rejecting Russia's demands to shrink its navy, Petro Bondar said talks would go on."
    found = [(d.party, d.demand) for d in extract_text(nlp, text).demands]
    assert ("Russia", "Russia's demands to shrink its navy") in found
    assert ("Petro Bondar", "Rejecting Russia's demands to shrink its navy") in found


@pytest.mark.parametrize(
    ("text", "party", "words"),
    [
        (
            "The draft contains several demands, including recognition of the occupied regions.",
            "draft",
            "recognition of the occupied regions",
        ),
        (
            "The Ukrainian delegation again raised the idea of a summit between the presidents.",
            "Ukrainian delegation",
            "idea of a summit",
        ),
    ],
)
def test_a_position_put_forward_as_a_noun_is_its_subject_s(
    nlp: Language, text: str, party: str, words: str
) -> None:
    demand = only_demand(nlp, text)
    assert demand.party == party
    assert words in demand.demand


def test_our_position_followed_by_a_colon_is_the_speaker_s(nlp: Language) -> None:
    demand = only_demand(
        nlp, '"Our position is simple: a ceasefire first, then talks," Petro Bondar said.'
    )
    assert (demand.party, demand.demand) == ("Petro Bondar", "a ceasefire first, then talks")
