"""Tests for briefings.vocabulary.measures: the taxonomy, its labels, and which measures compare."""

from __future__ import annotations

from briefings.i18n import use_language
from briefings.vocabulary.lexicon import load_lexicon
from briefings.vocabulary.measures import (
    comparable,
    measure_label,
    measures_for_topic,
    with_wholes_and_parts,
)


def test_every_overlap_family_and_slot_names_something_that_exists() -> None:
    taxonomy = load_lexicon().measures
    ids = [m.id for m in taxonomy.measures]
    slots = {"noun", "event", "term", "bare", *taxonomy.unit_kinds}
    assert len(ids) == len(set(ids))
    for measure in taxonomy.measures:
        assert measure.overlaps <= set(ids), measure.id
        assert measure.family in ids, measure.id
        assert measure.units <= set(taxonomy.unit_kinds), measure.id
        assert all(alternative <= slots for alternative in measure.requires), measure.id


def test_comparable_measures() -> None:
    assert comparable("military_losses", "military_wounded")
    assert comparable("civilians_killed", "civilian_casualties")
    assert not comparable("military_killed", "civilians_killed")
    assert not comparable("aid_money", "territory")


def test_labels_and_topics() -> None:
    assert measure_label("military_killed") == "soldiers killed"
    assert measure_label("no_such_measure") == "no such measure"
    assert {"military_losses", "equipment_losses"} <= measures_for_topic(["losses"])
    assert "prisoners" in measures_for_topic(["prisoner"])
    assert "aid_money" in measures_for_topic(["aid"])
    assert measures_for_topic(["Ukraine"]) == frozenset()


def test_a_topic_brings_the_wholes_and_parts_a_dispute_needs() -> None:
    found = with_wholes_and_parts({"military_killed"})
    assert {"military_killed", "military_losses", "military_wounded"} <= found
    assert "prisoners" not in found


def test_every_measures_label_is_shown_in_ukrainian() -> None:
    ids = [measure.id for measure in load_lexicon().measures.measures]
    with use_language("uk"):
        ukrainian = {measure: measure_label(measure) for measure in ids}
    assert ukrainian["military_killed"] == "загиблі військові"
    assert all(ukrainian[m] != measure_label(m) for m in ids), "a label has no translation"
    # A label's explanation stays in brackets, which short labels leave out.
    assert all(("(" in ukrainian[m]) == ("(" in measure_label(m)) for m in ids), "brackets differ"
    assert measure_label("military_killed") == "soldiers killed"
