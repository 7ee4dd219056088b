"""Tests for briefings.extraction.demand_nouns: demands named by nouns ("their demands include")."""

from __future__ import annotations

import pytest
from article_builders import only_demand
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
