"""Tests for briefings.replies.citations: article numbers sorted, deduplicated and bounded."""

from __future__ import annotations

from briefings.entries import (
    DemandEntry,
    FigureEntry,
    Slice,
)
from briefings.replies.citations import cite

NO_FIGURES: Slice[FigureEntry] = Slice((), 0)
NO_DEMANDS: Slice[DemandEntry] = Slice((), 0)


# -- citations --------------------------------------------------------------------------


def test_cite_sorts_and_dedupes() -> None:
    assert cite([3, 1, 3, 2]) == "[1][2][3]"
    assert cite([]) == ""


def test_cite_limits_and_counts_the_rest() -> None:
    assert cite([5, 4, 3, 2, 1]) == "[1][2][3][4]+1"
    assert cite([1, 2, 3], limit=2) == "[1][2]+1"


def test_cite_counts_hidden_articles_from_the_total() -> None:
    assert cite([1, 2], total=10) == "[1][2]+8"
    assert cite([1, 2, 3, 4, 5], limit=4, total=9) == "[1][2][3][4]+5"
    # A total lower than the ids given never hides a shown one.
    assert cite([1, 2, 2], total=1) == "[1][2]"
