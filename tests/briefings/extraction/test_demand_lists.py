"""Tests for briefings.extraction.demand_lists: listed items under a subhead or a lead-in."""

from __future__ import annotations

from article_builders import extract_text
from spacy.language import Language


def _listed(nlp: Language, text: str) -> list[tuple[str, str]]:
    return [(d.party, d.demand) for d in extract_text(nlp, text).demands]


def test_numbered_items_under_a_subhead_are_the_named_party_s_demands(nlp: Language) -> None:
    text = (
        "Where the talks stand\n\nWhat Moscow demands\n\n"
        "The Kremlin has repeated its terms in recent weeks.\n\n"
        "1. The handover of the whole of Zaporizhzhia region. 2. Elections within 100 days.\n\n"
        "Background\n\n1. The first round was held in May. 2. The second in June."
    )
    assert _listed(nlp, text) == [
        ("Moscow", "The handover of the whole of Zaporizhzhia region"),
        ("Moscow", "Elections within 100 days"),
    ]


def test_bullets_after_a_lead_in_with_a_colon_are_its_party_s(nlp: Language) -> None:
    text = (
        "Kyiv set out its conditions on Tuesday:\n\n- A full ceasefire for 30 days\n"
        "- The return of deported children\n\nSeparately, the army reported shelling."
    )
    listed = [(d.side, d.demand) for d in extract_text(nlp, text).demands]
    assert ("Ukraine", "A full ceasefire for 30 days") in listed
    assert ("Ukraine", "The return of deported children") in listed


def test_a_list_under_a_subhead_without_a_demand_word_is_no_demand(nlp: Language) -> None:
    text = "Key events\n\n1. Talks resumed in Geneva. 2. Petro Bondar arrived late."
    assert _listed(nlp, text) == []


def test_a_headline_stating_a_demand_does_not_own_the_list_after_it(nlp: Language) -> None:
    text = (
        "Petro Bondar says Ukraine wants a just peace\n\n"
        "- Russian drones struck Kharkiv overnight\n- Talks are due in Geneva"
    )
    listed = _listed(nlp, text)
    assert all("Kharkiv" not in demand and "Geneva" not in demand for _, demand in listed)
