"""Tests for briefings.replies.demand_briefs: positions merged, cited and counted."""

from __future__ import annotations

from entry_builders import make_demand_entry

from briefings.entries import (
    DemandEntry,
    FigureEntry,
    Slice,
)
from briefings.replies.demand_briefs import build_demands

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

    assert "…and 1,200 older positions. Send /demands Kyiv for all of them." in text
    assert "Send /demands Kremlin" not in text
    # The party with most demands in all comes first.
    assert text.index("Kyiv") < text.index("Kremlin")


def test_build_demands_with_none() -> None:
    assert build_demands([], {}, "Demands").plain == "No demands yet: load an article first."
