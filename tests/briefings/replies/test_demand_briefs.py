"""Tests for briefings.replies.demand_briefs: positions merged, cited and counted."""

from __future__ import annotations

from dataclasses import replace

from entry_builders import make_demand_entry

from briefings.entries import (
    DemandEntry,
    FigureEntry,
    PartyEntry,
    PartyTally,
    Slice,
)
from briefings.i18n import use_language
from briefings.replies.demand_briefs import (
    build_demands,
    build_overview,
    build_party_demands,
    build_side_demands,
    build_voices,
)
from briefings.vocabulary.standing import PartyChoice

NO_FIGURES: Slice[FigureEntry] = Slice((), 0)
NO_DEMANDS: Slice[DemandEntry] = Slice((), 0)


# -- /demands ----------------------------------------------------------------------------


def test_build_demands_merges_identical_demands_with_all_citations() -> None:
    demands = [
        make_demand_entry("Kremlin", "a buffer zone", 4),
        make_demand_entry("Kremlin", "a buffer zone", 2),
        make_demand_entry("Kremlin", "a buffer zone", 3, kind="condition"),
        make_demand_entry("Kyiv", "security guarantees", 1),
    ]

    text = build_demands(demands, {"Kremlin": 3, "Kyiv": 1}, "Demands").plain

    assert "• demand: a buffer zone [2][4]" in text
    assert "• condition: a buffer zone [3]" in text
    assert "older" not in text
    assert text.index("Kremlin") < text.index("Kyiv")


def test_build_demands_says_how_many_older_from_totals() -> None:
    demands = [
        make_demand_entry("Kyiv", "security guarantees", 1),
        make_demand_entry("Kremlin", "neutrality", 2),
        make_demand_entry("Kremlin", "neutrality", 3),
    ]

    text = build_demands(demands, {"Kyiv": 1_201, "Kremlin": 2}, "Demands").plain

    assert "…and 1,200 older positions: send /demands Kyiv." in text
    assert "Send /demands Kremlin" not in text
    # The party with most demands in all comes first.
    assert text.index("Kyiv") < text.index("Kremlin")


def test_build_demands_with_none() -> None:
    assert build_demands([], {}, "Demands").plain == "No demands yet: load an article first."


# -- what /demands leaves out ---------------------------------------------------------------
# Made-up parties and people; no real reporting.


def party(name: str, side: str | None, n: int, role: str | None = None) -> PartyEntry:
    """A party to demands: a person when it has a role, else as written."""
    return PartyEntry(1 if role else None, name, "person" if role else None, role, side, n)


MEDIC = party("Iryna Kovalenko", None, 2, "paramedic")
ANALYST = party("Taras Melnyk", None, 1, "political analyst")
MAYOR = party("Bohdan Zaruba", None, 2, "mayor")


def test_the_overview_sets_the_people_quoted_apart_and_says_how_to_see_them() -> None:
    shown = (party("Kremlin", "Russia", 1), MAYOR)
    choice = PartyChoice(shown, (), (MEDIC, ANALYST))
    demands = [
        make_demand_entry("Kremlin", "neutrality", 1),
        make_demand_entry("Bohdan Zaruba", "air defence", 2),
    ]

    reply = build_overview(demands, choice, "Demands")
    text = reply.plain

    # The mayor is an official on no side: under Others. The medic and the analyst are not.
    assert "— Others —\nBohdan Zaruba\n" in text
    assert "Iryna Kovalenko" not in text and "Taras Melnyk" not in text
    assert "Set apart: 2 people quoted (" in text
    assert "), with 3 positions: send /demands people." in text
    assert "/demands people" in reply.actions


def test_the_overview_with_no_people_quoted_says_nothing_of_them() -> None:
    choice = PartyChoice((party("Kremlin", "Russia", 1),), (), ())
    reply = build_overview([make_demand_entry("Kremlin", "neutrality", 1)], choice, "Demands")
    assert "Set apart" not in reply.plain and "people" not in reply.plain
    assert reply.actions == ()


def test_the_overview_counts_one_person_quoted_in_the_singular() -> None:
    choice = PartyChoice((party("Kremlin", "Russia", 1),), (), (ANALYST,))
    text = build_overview([make_demand_entry("Kremlin", "neutrality", 1)], choice, "D").plain
    assert "Set apart: 1 person quoted (" in text and "with 1 position:" in text


def test_the_overview_counts_the_parties_left_out_and_names_their_sides() -> None:
    hidden = (party("Hungary", "European Union", 2), party("Britain", None, 1))
    choice = PartyChoice((party("Kremlin", "Russia", 1),), hidden, ())

    reply = build_overview([make_demand_entry("Kremlin", "neutrality", 1)], choice, "Demands")

    assert (
        "…and 2 more parties (3 positions): send /demands eu or others for a side's, "
        "or /demands NAME for one party's."
    ) in reply.plain
    assert reply.actions == ("/demands eu", "/demands others")


def test_the_overview_says_over_when_the_store_stopped_counting_the_parties_left_out() -> None:
    tail = (PartyTally("Russia", 700, 900, over=True), PartyTally(None, 302, 400, over=True))
    choice = PartyChoice((party("Kremlin", "Russia", 1),), (), (), tail)

    text = build_overview([make_demand_entry("Kremlin", "neutrality", 1)], choice, "D").plain

    assert (
        "…and over 1,001 more parties: send /demands russia or others for a side's, "
        "or /demands NAME for one party's."
    ) in text


def test_the_overview_counts_one_party_left_out_in_the_singular() -> None:
    choice = PartyChoice((party("Kremlin", "Russia", 1),), (party("Kyiv", "Ukraine", 1),), ())
    text = build_overview([make_demand_entry("Kremlin", "neutrality", 1)], choice, "D").plain
    assert "…and 1 more party (1 position): send /demands ukraine for a side's" in text


def test_the_overview_of_only_people_quoted_is_no_empty_store() -> None:
    text = build_overview([], PartyChoice((), (), (MEDIC,)), "Demands").plain
    assert text.startswith("Demands\n\nNo party states a position yet.\n\nSet apart: 1 person")


def test_a_party_with_older_positions_names_the_command_that_shows_them() -> None:
    text = build_demands([make_demand_entry("Kyiv", "guarantees", 1)], {"Kyiv": 2}, "D").plain
    assert "…and 1 older position: send /demands Kyiv." in text


def test_a_side_counts_its_people_quoted_and_its_older_positions() -> None:
    found = Slice((make_demand_entry("Bohdan Zaruba", "air defence", 2),), 4)

    reply = build_side_demands(found, "Others", (MEDIC,))

    assert reply.plain.startswith("Demands and positions: Others\n\n— Others —\nBohdan Zaruba\n")
    assert "…and 3 older positions on this side: send /demands NAME for a party's." in reply.plain
    assert "Set apart: 1 person quoted (" in reply.plain
    assert reply.actions == ("/demands people",)


def test_a_side_with_only_people_quoted_says_so() -> None:
    text = build_side_demands(Slice((), 0), "Others", (MEDIC,)).plain
    assert "No party on this side states one." in text and "Set apart: 1 person" in text
    assert build_side_demands(Slice((), 0), "Others").plain == (
        "No demands on the Others side in the articles yet."
    )


def test_a_partys_own_positions_say_how_many_older_are_not_shown() -> None:
    found = Slice((make_demand_entry("Kyiv", "guarantees", 1),), 61)
    text = build_party_demands(found, "Kyiv").plain
    assert "…and 60 older positions, not shown: these are the newest." in text
    # The command it would name is this very one: it names none.
    assert "send /demands Kyiv" not in text
    assert "older" not in build_party_demands(Slice(found.rows, 1), "Kyiv").plain


def test_the_people_quoted_are_listed_with_their_roles() -> None:
    demands = [
        make_demand_entry("Iryna Kovalenko", "real guarantees", 3),
        make_demand_entry("Taras Melnyk", "a referendum", 1),
    ]

    text = build_voices(demands, (MEDIC, ANALYST), 3).plain

    assert text.startswith("People quoted — residents, medics, analysts")
    assert (
        "Iryna Kovalenko — paramedic\n• demand: real guarantees [3]\n…and 1 older position" in text
    )
    assert "Taras Melnyk — political analyst\n• demand: a referendum [1]" in text
    assert "…and 1 more person quoted: send /demands NAME for one's positions." in text
    assert build_voices([], (), 0).plain.startswith("Every position in the articles is a party's.")


def test_the_overview_offers_buttons_for_the_sides_with_most_left_out() -> None:
    hidden = (
        party("Hungary", "European Union", 1),
        party("Britain", None, 1),
        party("Norway", None, 1),
        party("Kyiv", "Ukraine", 1),
    )
    choice = PartyChoice((party("Kremlin", "Russia", 1),), hidden, (MEDIC,))

    reply = build_overview([make_demand_entry("Kremlin", "neutrality", 1)], choice, "Demands")

    assert "send /demands ukraine, eu or others for a side's" in reply.plain
    assert reply.actions == ("/demands others", "/demands ukraine", "/demands people")


def test_the_overview_in_ukrainian_names_sides_and_counts_in_ukrainian() -> None:
    hidden = (party("Hungary", "European Union", 2), party("Britain", None, 1))
    choice = PartyChoice((party("Kremlin", "Russia", 1),), hidden, (MEDIC,))
    demands = [replace(make_demand_entry("Kremlin", "neutrality", 1), side="Russia")]

    with use_language("uk"):
        reply = build_overview(demands, choice, "Вимоги та позиції")

    assert "— Росія —\nKremlin\n• вимога: neutrality [1]" in reply.plain
    # Three parties would be "3 учасники", five "5 учасників"; the commands stay as sent.
    assert "…і ще 2 учасники (3 позиції): надішліть /demands eu або others," in reply.plain
    assert "Окремо: 1 процитована людина (мешканці, медики" in reply.plain
    assert reply.actions == ("/demands eu", "/demands others", "/demands people")


def test_a_side_in_ukrainian_is_named_by_its_ukrainian_name() -> None:
    found = Slice((replace(make_demand_entry("Kremlin", "neutrality", 1), side="Russia"),), 6)
    with use_language("uk"):
        text = build_side_demands(found, "Russia").plain
        empty = build_side_demands(Slice((), 0), "Others").plain
    english = build_side_demands(found, "Russia").plain

    assert text.startswith("Вимоги та позиції: Росія\n\n— Росія —\n")
    assert "…і ще 5 старіших позицій цієї сторони: надішліть /demands НАЗВА" in text
    assert empty == "У статтях ще немає вимог сторони «Інші»."
    assert english.startswith("Demands and positions: Russia\n\n— Russia —\n")
    assert "…and 5 older positions on this side" in english
