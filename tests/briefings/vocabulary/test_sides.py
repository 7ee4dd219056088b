"""Tests of briefings.vocabulary.sides: an actor's side from its known country, its name, then its role."""

from __future__ import annotations

import pytest

from briefings.i18n import use_language
from briefings.vocabulary.sides import (
    actor_side,
    country_label,
    side_command,
    side_label,
    side_named,
    side_of,
    side_order,
    stored_side,
)


@pytest.mark.parametrize(
    ("name", "role", "side"),
    [
        ("Kremlin", None, "Russia"),
        ("Moscow", None, "Russia"),
        ("Russian Defence Ministry", None, "Russia"),
        ("Ukraine's General Staff", None, "Ukraine"),
        ("Dmitry Peskov", "Kremlin spokesman", "Russia"),
        ("Andrzej Duda", "Polish president", "European Union"),
        ("Emmanuel Macron", "President of France", "European Union"),
        ("U.S. officials", None, "United States"),
        ("Bridget Brink", "US ambassador to Ukraine", "United States"),
        # The countries a role is about are not the actor's own.
        ("An envoy", "special envoy for Ukraine and Russia", None),
        ("Mark Rutte", "Nato secretary general", None),
        ("Volodymyr Fesenko", "political analyst", None),
    ],
)
def test_a_side_comes_from_the_name_then_the_role(name: str, role: str | None, side: str) -> None:
    assert side_of(name, role) == side


def test_a_known_actors_country_beats_its_role() -> None:
    # Kellogg's role names Ukraine and Russia; the data says whom he speaks for.
    assert actor_side("Keith Kellogg", "Trump's special envoy for Ukraine and Russia") == (
        "United States"
    )
    assert actor_side("Zelensky", None) == "Ukraine"


def test_codes_in_capitals_match_only_in_capitals() -> None:
    assert side_of("US envoy") == "United States"
    assert side_of("those of us", "told us") is None


def test_readers_name_sides_by_name_adjective_or_code() -> None:
    assert [side_named(t) for t in ("russia", "the Russians", "us", "EU", "Ukrainian")] == [
        "Russia",
        "Russia",
        "United States",
        "European Union",
        "Ukraine",
    ]
    # Parties are not sides: /demands kremlin stays the Kremlin's own positions.
    assert side_named("Kremlin") is None and side_named("France") is None


def test_sides_are_shown_in_a_fixed_order_with_the_others_last() -> None:
    assert side_order() == ("Ukraine", "Russia", "United States", "European Union", "Others")
    assert side_label(None) == "Others"


def test_readers_name_the_catch_all_side_too() -> None:
    assert side_named("others") == side_named("the other side") == "Others"
    # Facts on no side hold None; every other side holds its name.
    assert stored_side("Others") is None and stored_side("Russia") == "Russia"


def test_each_side_has_a_short_command_word_that_names_it() -> None:
    words = [side_command(side) for side in side_order()]
    assert words == ["ukraine", "russia", "us", "eu", "others"]
    assert [side_named(word) for word in words] == list(side_order())


def test_sides_are_shown_in_ukrainian_but_kept_and_matched_as_the_data_names_them() -> None:
    with use_language("uk"):
        labels = [side_label(side) for side in side_order()]
        commands = [side_command(side) for side in side_order()]
        named = side_named("russia")
        nato = country_label("Nato")
    assert labels == ["Україна", "Росія", "США", "ЄС", "Інші"]
    assert side_label(None) == "Others" and country_label("Nato") == "Nato"
    # What a reader sends and what facts hold stay the data's words, whatever the language.
    assert commands == ["ukraine", "russia", "us", "eu", "others"]
    assert named == "Russia" and nato == "НАТО"


def test_readers_may_name_a_side_by_its_ukrainian_name() -> None:
    assert [side_named(t) for t in ("росія", "Україна", "США", "єс", "інші")] == [
        "Russia",
        "Ukraine",
        "United States",
        "European Union",
        "Others",
    ]
    assert side_named("кремль") is None
