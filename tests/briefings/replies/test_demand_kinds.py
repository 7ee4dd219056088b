"""Tests for briefings.replies.demand_kinds: each kind of position named in each language."""

from __future__ import annotations

from briefings.i18n import use_language
from briefings.model import DemandKind
from briefings.replies.demand_kinds import kind_label


def test_every_kind_is_named_in_english_as_stored() -> None:
    assert [kind_label(kind) for kind in DemandKind] == [kind.value for kind in DemandKind]


def test_every_kind_has_its_own_ukrainian_name() -> None:
    with use_language("uk"):
        names = [kind_label(kind) for kind in DemandKind]

    assert names == ["вимога", "умова", "заклик", "пропозиція", "відмова"]


def test_a_kind_not_listed_is_shown_as_stored() -> None:
    with use_language("uk"):
        assert kind_label("ultimatum") == "ultimatum"
