"""Tests of briefings.vocabulary.standing: who is a party, who an ordinary person quoted, which places act."""

from __future__ import annotations

import json

import pytest

from briefings.entries import PartyEntry
from briefings.i18n import use_language
from briefings.vocabulary.lexicon import data_text
from briefings.vocabulary.standing import (
    choose_parties,
    is_voice,
    load_standing,
    party_totals,
    place_kinds,
    voices_about,
    voices_label,
    voices_named,
)

# Made-up people; the roles are the kinds of roles features give.


def person(role: str | None, side: str | None = None, n: int = 1) -> PartyEntry:
    """A party linked to a person with a role and a side."""
    return PartyEntry(1, f"Person ({role})", "person", role, side, n)


def written(name: str, side: str | None = None, n: int = 1) -> PartyEntry:
    """A party as written, no actor linked."""
    return PartyEntry(None, name, None, None, side, n)


@pytest.mark.parametrize(
    "party",
    [
        person("paramedic"),
        person("political analyst"),
        person("one of the frontline village's last remaining residents"),
        person("coordinates a support group for families of missing soldiers"),
        person("owner of a bakery on the main square"),
        # A role that names a voice word makes a voice even on a side.
        person("Ukrainian political analyst", "Ukraine"),
        person("Russian military blogger and economist", "Russia"),
        written("local residents"),
        written("analysts"),
    ],
)
def test_ordinary_people_quoted_are_voices(party: PartyEntry) -> None:
    assert is_voice(party)


@pytest.mark.parametrize(
    "party",
    [
        person("mayor"),
        person("regional governor"),
        person("Prime Minister"),
        person("Nato's secretary general"),
        person("Trump's choice for national security adviser"),
        person("spokesman for the headquarters"),
        person("head of a volunteer group"),  # "head" is an office: it stays a party
        person("Ukrainian foreign minister", "Ukraine"),
        # On a side, with a role that names no voice word: a party, not known to be ordinary.
        person("member of the delegation's staff", "Ukraine"),
        person("pilot", "Russia"),
        # No stated role: not known to be an ordinary person.
        person(None),
        person(""),
        written("Nordic and Baltic leaders"),
        written("incoming Trump administration"),
        written("senior Ukrainian official", "Ukraine"),
        written("residents' elected representatives"),
        written("the coalition of the willing"),
        PartyEntry(2, "Central Tracing Agency", "organisation", None, None, 1),
        PartyEntry(3, "Kyiv", "country", None, "Ukraine", 5),
        PartyEntry(4, "Red Cross volunteers", "organisation", "volunteer group", None, 1),
    ],
)
def test_officials_parties_bodies_and_places_are_no_voices(party: PartyEntry) -> None:
    assert not is_voice(party)


def test_choose_parties_sets_voices_apart_then_keeps_the_first_parties() -> None:
    parties = [
        written("Kremlin", "Russia", 5),
        person("paramedic", n=4),
        written("Kyiv", "Ukraine", 3),
        written("Hungary", "European Union", 2),
        person("political analyst", n=1),
    ]

    choice = choose_parties(parties, limit=2)

    assert [p.name for p in choice.shown] == ["Kremlin", "Kyiv"]
    assert [p.name for p in choice.hidden] == ["Hungary"]
    assert [p.role for p in choice.voices] == ["paramedic", "political analyst"]


def test_party_totals_add_up_parties_shown_under_one_name() -> None:
    parties = [written("Kyiv", n=2), PartyEntry(3, "Kyiv", "country", None, None, 5)]
    assert party_totals(parties) == {"Kyiv": 7}


def test_readers_name_the_voices_by_the_datas_words() -> None:
    assert voices_named("people") and voices_named("People quoted") and voices_named("voices")
    assert not voices_named("Russia") and not voices_named("Kyiv people")


def test_places_are_the_kind_extraction_gives_places() -> None:
    assert place_kinds() == frozenset({"country"})


def test_every_office_and_rank_of_the_role_phrases_is_an_official_role() -> None:
    phrases = json.loads(data_text("role_phrases.json"))
    titles = phrases["offices"] + phrases["ranks"]
    titles += [
        other for title, others in phrases["same"].items() if title in titles for other in others
    ]
    assert [title for title in titles if is_voice(person(title))] == []
    assert not load_standing().official_words & load_standing().voice_words


def test_the_voices_are_called_by_their_ukrainian_name_but_named_by_the_datas_words() -> None:
    with use_language("uk"):
        label, about, named = voices_label(), voices_about(), voices_named("people quoted")
    assert label == "Процитовані люди" and about.startswith("мешканці, медики")
    assert named and voices_label() == "People quoted"
