"""Tests of briefings.identity.lookup: which stored actor a user's phrase names."""

from __future__ import annotations

from briefings.identity.lookup import actors_named, most_cited
from briefings.records import ActorName

NAMES = [
    ActorName(1, "Keith Kellogg"),
    ActorName(1, "Kellogg"),
    ActorName(2, "NATO"),
    ActorName(3, "Andriy Yermak"),
    ActorName(4, "Yermak"),
]


def test_an_exact_spelling_comes_before_variants() -> None:
    assert actors_named("yermak", NAMES) == [4]
    assert actors_named("Keith Kellogg", NAMES) == [1]


def test_a_variant_must_be_at_least_as_long_as_the_phrase() -> None:
    assert actors_named("Ukraine in Nato", NAMES) == []
    assert actors_named("Andriy B. Yermak", NAMES) == []
    assert actors_named("Kellog", NAMES) == [1]  # a spelling variant of "Kellogg"


def test_the_most_cited_wins_then_the_oldest() -> None:
    assert most_cited([3, 4], {3: 2, 4: 5}) == 4
    assert most_cited([3, 4], {3: 5}) == 3
    assert most_cited([4, 3], {}) == 3
