"""Tests of briefings.identity.role_phrases: reading role phrases, matching them to roles, dated and grouped roles."""

from __future__ import annotations

from datetime import date

import pytest

from briefings.identity.role_phrases import (
    RoleHolder,
    fitting_titles,
    holder_country,
    is_role_phrase,
    parse_role,
    pick_holder,
    role_fits,
    role_titles,
    roles_as_of,
)
from briefings.records import DatedRole

DEC_8, DEC_20, FEB_1 = date(2024, 12, 8), date(2024, 12, 20), date(2025, 2, 1)


def fits(phrase: str, role: str, country: str | None = None, *, strict: bool = False) -> bool:
    """True when the phrase names the holder of the role."""
    phrase_key, role_key = parse_role(phrase), parse_role(role)
    assert phrase_key is not None and role_key is not None
    return role_fits(phrase_key, role_key, country, strict=strict)


def holder(key: int, *roles: str, country: str | None = None) -> RoleHolder:
    """An actor holding some roles."""
    return RoleHolder(key, roles, country)


# -- reading --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the Kremlin spokesman",
        "Ukrainian leader",
        "President-elect",
        "head of state",
        "Kremlin's spokeswoman",
    ],
)
def test_a_phrase_headed_by_a_title_is_a_role_phrase(text: str) -> None:
    assert is_role_phrase(text)


@pytest.mark.parametrize(
    "text",
    [
        "Dmitry Peskov",
        "President Trump",
        "Kremlin",
        "senior Ukrainian official",
        "Ukraine's general staff",
        "Nordic and Baltic leaders",
    ],
)
def test_names_and_titleless_phrases_are_not_role_phrases(text: str) -> None:
    assert not is_role_phrase(text)


def test_a_role_is_read_as_title_modifiers_country_and_specifiers() -> None:
    key = parse_role("the former deputy head of Ukraine's presidential office")
    assert key is not None
    assert (key.title, key.modifiers, key.country, key.specifiers) == (
        "head",
        frozenset({"former", "deputy"}),
        "ukraine",
        frozenset({"presidential", "office"}),
    )


def test_a_title_may_hold_of() -> None:
    key = parse_role("US secretary of state")
    assert key is not None and (key.title, key.country) == ("secretary of state", "united states")
    assert not fits("the US secretary", "US secretary of state")


def test_a_leading_determiner_or_possessive_pronoun_is_dropped() -> None:
    assert parse_role("his spokesman") == parse_role("the spokesman") == parse_role("spokesman")
    assert parse_role("Russia's spokesman") != parse_role("spokesman")


def test_a_country_after_for_or_to_is_not_the_holders_own() -> None:
    key = parse_role("special envoy for Ukraine and Russia")
    assert key is not None and key.country is None
    assert key.specifiers == {"special", "ukraine", "russia"}


# -- matching -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "role",
    ["President of Ukraine", "Ukraine's president", "Ukrainian President", "president of Ukraine"],
)
def test_country_forms_are_one_qualifier(role: str) -> None:
    assert fits("the Ukrainian president", role)
    assert not fits("the Russian president", role)


def test_a_title_agrees_with_its_synonyms() -> None:
    assert fits("the Kremlin spokeswoman", "Kremlin spokesman")
    assert fits("Kremlin spokesman", "Kremlin press secretary")
    assert fits("Kremlin spokesman", "spokesman for the Kremlin", "russia")
    assert not fits("Kremlin spokesman", "Kremlin chief of staff")


def test_a_leader_is_a_president_or_prime_minister_but_not_the_other_way_round() -> None:
    assert fits("the Ukrainian leader", "President of Ukraine")
    assert fits("the British leader", "British prime minister")
    assert fits("the German leader", "Chancellor", "germany")
    assert not fits("the Ukrainian president", "Ukrainian leader")


def test_president_elect_is_not_president() -> None:
    assert fits("the president-elect", "US President-elect")
    assert not fits("the president-elect", "US president")
    assert not fits("the US president", "US president-elect")
    assert not fits("the former US president", "US president")


def test_a_country_the_role_leaves_out_is_the_holders() -> None:
    assert fits("the Russian president", "President", "russia")
    assert not fits("the Russian president", "President", "ukraine")
    assert not fits("the Russian president", "President", None)


def test_a_body_must_be_in_the_role_not_only_its_country() -> None:
    assert not fits("the Kremlin spokesman", "Russian foreign ministry spokeswoman")
    assert not fits("the Kremlin spokesman", "spokesman", "russia")


def test_across_articles_the_phrase_names_every_word_of_the_role() -> None:
    assert fits("the spokesman", "Ukraine's foreign ministry spokesman")
    assert not fits("the Ukrainian spokesman", "Ukraine's foreign ministry spokesman", strict=True)
    assert fits(
        "Ukraine's foreign ministry spokesman",
        "spokesman of Ukraine's foreign ministry",
        strict=True,
    )


# -- picking one actor ----------------------------------------------------------------


def test_an_actor_of_the_article_wins_when_exactly_one_fits() -> None:
    peskov = holder(1, "Kremlin spokesman", country="russia")
    tykhyi = holder(2, "Ukraine's foreign ministry spokesman", country="ukraine")
    assert pick_holder("the spokesman", [peskov], [peskov, tykhyi]) == 1
    assert pick_holder("the spokesman", [peskov, tykhyi], [peskov, tykhyi]) is None


def test_across_articles_exactly_one_actor_must_fit() -> None:
    zelenskyy = holder(1, "President of Ukraine", country="ukraine")
    shmyhal = holder(2, "Ukrainian prime minister", country="ukraine")
    putin = holder(3, "President", country="russia")
    assert pick_holder("Ukrainian president", [], [zelenskyy, shmyhal, putin]) == 1
    assert pick_holder("Russian leader", [], [zelenskyy, shmyhal, putin]) == 3
    assert pick_holder("Ukrainian leader", [], [zelenskyy, shmyhal, putin]) is None


def test_a_bare_title_or_rank_names_no_one_in_another_article() -> None:
    trump = holder(1, "US President-elect", country="united states")
    peskov = holder(2, "spokesman", country="russia")
    assert pick_holder("president-elect", [], [trump]) is None
    assert pick_holder("US president-elect", [], [trump]) == 1
    assert pick_holder("Russian spokesman", [], [peskov]) is None
    assert pick_holder("Russian spokesman", [peskov], [peskov]) == 2


def test_a_joined_role_is_several_roles() -> None:
    zelenskyy = holder(
        1, "President of Ukraine; official website; Ukrainian leader", country="ukraine"
    )
    assert pick_holder("the Ukrainian leader", [], [zelenskyy]) == 1


# -- countries, dates, grouping -------------------------------------------------------


def test_a_holders_country_is_the_datas_else_its_sides_when_one_country() -> None:
    assert holder_country(["Peskov"], "Russia") == "russia"
    assert holder_country(["Emmanuel Macron"], "European Union") == "france"
    assert holder_country(["Oksana Tkachuk"], "Ukraine") == "ukraine"
    assert holder_country(["Kaja Kallas"], "European Union") is None
    assert holder_country(["Volodymyr Fesenko"], None) is None


def test_roles_are_those_of_the_newest_article_by_the_day() -> None:
    dated = [
        DatedRole(1, "US president", DEC_8, 1),
        DatedRole(1, "outgoing US president", FEB_1, 3),
        DatedRole(2, "US president-elect", DEC_8, 1),
        DatedRole(2, "US president", FEB_1, 3),
        DatedRole(3, "Kremlin spokesman", None, 2),
        DatedRole(3, "spokesman", DEC_8, 4),
        DatedRole(4, "Ukrainian leader", None, 5),
    ]
    assert roles_as_of(dated, DEC_20) == {
        1: ("US president",),
        2: ("US president-elect",),
        3: ("spokesman",),
        4: ("Ukrainian leader",),
    }
    as_of_february = roles_as_of(dated, FEB_1)
    assert (as_of_february[1], as_of_february[2]) == (("outgoing US president",), ("US president",))
    assert roles_as_of(dated, None) == as_of_february


def test_the_roles_a_phrase_may_name_are_found_by_their_titles() -> None:
    assert role_titles("Kremlin spokesman; presidential adviser") == {"spokesman", "adviser"}
    assert role_titles("official website") == frozenset()
    assert "president" in fitting_titles(["the US president-elect"])
