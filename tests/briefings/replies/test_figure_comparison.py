"""Tests of briefings.replies.figure_comparison: which claims dispute each other, both ways."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import count

import pytest

from briefings.entries import FigureEntry
from briefings.replies.figure_comparison import (
    bounds,
    comparable,
    contested,
    contradicts,
    disputed,
)

_ids = count(1)
DAY = date(2025, 2, 10)


def claim(
    value: float,
    claimant: str,
    *,
    measure: str = "military_killed",
    side: str | None = "Ukraine",
    unit: str | None = None,
    qualifier: str | None = None,
    kind: str = "total",
    period: str | None = None,
    holder: str | None = None,
    article: int = 1,
    published: date | None = DAY,
) -> FigureEntry:
    """A stored figure as replies see it."""
    return FigureEntry(
        next(_ids),
        f"{value:,.0f}",
        value,
        unit,
        None,
        measure,
        side,
        claimant,
        article,
        qualifier=qualifier,
        kind=kind,
        period=period,
        holder=holder,
        published=published,
    )


KYIV = claim(43_000, "Kyiv")


def test_two_claimants_exact_and_different_on_one_count_contradict() -> None:
    assert contradicts(KYIV, claim(90_000, "Kremlin"))
    assert not contradicts(KYIV, claim(43_000, "Kremlin"))
    assert not contradicts(KYIV, claim(50_000, "Kyiv"))  # one claimant's change is history


@pytest.mark.parametrize(
    "other",
    [
        claim(90_000, "Kremlin", side="Russia"),
        claim(90_000, "Kremlin", measure="civilians_killed"),
        claim(90_000, "Kremlin", unit="%"),
        claim(1_500, "Kremlin", kind="rate", period="a day"),
        claim(900, "Kremlin", kind="change"),
        claim(40, "Kremlin", kind="event", period="in the attack"),
        claim(9_000, "Kremlin", period="in November"),
        claim(90_000, "Kremlin", published=date(2025, 6, 1)),
    ],
    ids=["side", "measure", "unit", "rate", "change", "event", "period", "months apart"],
)
def test_claims_that_count_another_thing_or_another_way_are_not_compared(
    other: FigureEntry,
) -> None:
    assert not comparable(KYIV, other)
    assert not contested([KYIV, other])


def test_rates_of_one_period_and_totals_of_one_period_are_compared() -> None:
    daily = claim(1_500, "Kellogg", kind="rate", period="a day")
    assert contradicts(daily, claim(300, "Kremlin", kind="rate", period="a day"))
    assert not comparable(daily, claim(300, "Kremlin", kind="rate", period="a week"))
    november = claim(9_000, "Kyiv", period="in November")
    assert contradicts(november, claim(2_000, "Kremlin", period="In  November"))


def test_a_running_total_since_a_start_compares_with_a_plain_total() -> None:
    assert contradicts(claim(90_000, "Kremlin", period="since 2022"), KYIV)


@pytest.mark.parametrize(
    ("first", "second", "disputed"),
    [
        (("at least", 1_780), ("about", 10_000), False),
        (("more than", 1_000), (None, 800), True),
        (("about", 10_000), (None, 11_000), False),
        (("about", 10_000), (None, 13_000), True),
        (("up to", 5_000), ("at least", 4_000), False),
        (("up to", 5_000), ("at least", 6_000), True),
        (("almost", 1_000), (None, 1_001), True),
    ],
)
def test_qualifiers_decide_whether_two_values_can_both_be_true(
    first: tuple[str | None, float], second: tuple[str | None, float], disputed: bool
) -> None:
    a = claim(first[1], "Kyiv", measure="prisoners", qualifier=first[0])
    b = claim(second[1], "Kremlin", measure="prisoners", qualifier=second[0])
    assert contradicts(a, b) is disputed
    assert contested([a, b]) is disputed


def test_bounds_follow_the_qualifier() -> None:
    assert (bounds(claim(100, "x", qualifier="at least")).low, bounds(claim(100, "x")).high) == (
        100,
        100,
    )
    assert bounds(claim(100, "x", qualifier="up to")).low == 0


def aid(
    value: float, claimant: str, *, unit: str = "USD", holder: str | None = None
) -> FigureEntry:
    """A sum of aid, as a total."""
    return claim(value, claimant, measure="aid_money", side=None, unit=unit, holder=holder)


def test_different_donors_sums_add_up_and_are_not_disputed() -> None:
    ours = aid(5.9e9, "Pentagon", holder="United States")
    assert not comparable(ours, aid(2.3e9, "Downing Street", holder="United Kingdom"))
    assert not comparable(ours, aid(2.3e9, "Downing Street"))
    assert contradicts(ours, aid(20e9, "Kremlin", holder="United States"))


def test_sums_in_other_currencies_are_not_compared() -> None:
    euros = aid(28e9, "Berlin", unit="EUR", holder="Germany")
    assert not comparable(euros, aid(10e9, "Kremlin", holder="Germany"))
    assert contradicts(euros, aid(10e9, "Kremlin", unit="EUR", holder="Germany"))


def test_a_part_below_its_whole_stands_and_above_it_is_disputed() -> None:
    whole = claim(400_000, "Trump", measure="military_losses")
    assert not contradicts(whole, KYIV)
    assert contradicts(whole, claim(450_000, "Kremlin"))


def test_a_whole_against_another_claimants_parts_in_one_article_is_their_sum() -> None:
    whole = claim(400_000, "Trump", measure="military_losses")
    killed = claim(43_000, "Zelenskyy", article=2)
    wounded = claim(370_000, "Zelenskyy", measure="military_wounded", article=2)
    assert contested([whole, killed, wounded])  # 413,000 is not 400,000
    assert not contested([whole, killed])
    about = replace(whole, qualifier="about")
    assert not contested([about, killed, wounded])  # about 400,000 allows 413,000
    other_article = replace(wounded, article_id=3)
    assert not contested([whole, killed, other_article])


def test_the_disputed_figures_are_the_pairs_and_the_whole_with_its_parts() -> None:
    whole = claim(400_000, "Trump", measure="military_losses")
    killed = claim(43_000, "Zelenskyy", article=2)
    wounded = claim(370_000, "Zelenskyy", measure="military_wounded", article=2)
    bystander = claim(1_500, "Kellogg", kind="rate", period="a day")
    assert disputed([whole, killed, wounded, bystander]) == {whole.id, killed.id, wounded.id}
    assert disputed([KYIV, claim(43_000, "Kremlin")]) == set()


def test_counts_of_things_compare_only_when_they_count_the_same_noun() -> None:
    def land(value: float, claimant: str, what: str) -> FigureEntry:
        return replace(claim(value, claimant, measure="territory"), what=what)

    regions = land(4, "Kremlin", "regions")
    assert not comparable(regions, land(12, "Kyiv", "villages"))
    assert contradicts(regions, land(5, "Kyiv", "region"))
    soldiers = replace(KYIV, what="soldiers")
    assert contradicts(soldiers, replace(claim(90_000, "Kremlin"), what="troops"))
