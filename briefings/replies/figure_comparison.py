"""When figures dispute each other: comparable claims whose values cannot both be true.

Two claimants' figures are comparable when they count the same thing the same way: measures that
are the same or one a part of the other, the same side measured, the same unit, the same kind
(total, rate, change, one event's), the same period, and, for totals, stated within a month of
each other (a running count grows). Sums of money are compared only for the same holder: two
donors' pledges add up, they do not dispute. One event's toll or one transaction is compared
with nothing: two articles rarely count the same event, and we cannot tell when they do.

Comparable figures contradict when their values cannot both be true given their qualifiers:
"at least 1,780" and "about 10,000" can; "43,000 killed and 370,000 wounded" against "400,000
killed and wounded" cannot, read as the parts' sum against the whole.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from briefings.entries import FigureEntry
from briefings.vocabulary.measures import comparable as comparable_measures
from briefings.vocabulary.measures import counts_things, measure_family, measure_unit_kind

# "about 10,000": within this share either way.
ABOUT = 0.15
# Totals stated further apart than this may both be true: counts grow.
CONTEMPORARY_DAYS = 31
TOTAL = "total"
EVENT = "event"
RATE = "rate"
_UPPER_BOUNDS = {"less than", "at most", "up to"}
_LOWER_BOUNDS = {"more than", "at least"}


@dataclass(frozen=True)
class Bounds:
    """The values a figure allows, given its qualifier."""

    low: float
    high: float

    def meets(self, other: Bounds) -> bool:
        """Whether both can be true at once."""
        return self.low <= other.high and other.low <= self.high

    def __add__(self, other: Bounds) -> Bounds:
        return Bounds(self.low + other.low, self.high + other.high)


def bounds(figure: FigureEntry) -> Bounds:
    """ "at least 1,780" → [1,780, ∞); "about 10,000" → [8,500, 11,500]; "43,000" → [43,000]."""
    value, qualifier = figure.value, figure.qualifier
    if qualifier in _LOWER_BOUNDS:
        return Bounds(value, math.inf)
    if qualifier in _UPPER_BOUNDS:
        return Bounds(0.0, value)
    if qualifier == "about":
        return Bounds(value * (1 - ABOUT), value * (1 + ABOUT))
    if qualifier == "almost":
        return Bounds(value * (1 - ABOUT), value)
    return Bounds(value, value)


def series_key(figure: FigureEntry) -> tuple[object, ...]:
    """What a figure counts and how: one claimant's figures with one key are one series."""
    return (figure.measure, figure.measured_side, figure.unit, kind_of(figure), period_key(figure))


def kind_of(figure: FigureEntry) -> str:
    """The figure's kind; a figure stored before kinds were read counts as a total."""
    return figure.kind or TOTAL


def period_key(figure: FigureEntry) -> str | None:
    """The period compared: none for a running total ("since 2022"), else the words, folded."""
    period = (figure.period or "").casefold()
    if not period or (kind_of(figure) == TOTAL and period.startswith("since")):
        return None
    return " ".join(period.split())


def comparable(first: FigureEntry, second: FigureEntry) -> bool:
    """Whether two claimants' figures count the same thing the same way (module docstring)."""
    if not (first.measure and second.measure and first.claimant and second.claimant):
        return False
    # The cheap tests first: /figures asks this of every pair in a group.
    return (
        first.claimant != second.claimant
        and (first.measured_side, first.unit) == (second.measured_side, second.unit)
        and kind_of(first) == kind_of(second) != EVENT
        and measure_family(first.measure) == measure_family(second.measure)
        and comparable_measures(first.measure, second.measure)
        and period_key(first) == period_key(second)
        and _same_holder(first, second)
        and _same_things(first, second)
        and _contemporary(first, second)
    )


def _same_holder(first: FigureEntry, second: FigureEntry) -> bool:
    """Sums of money compare only for one known holder; other figures need no holder."""
    if measure_unit_kind(first.unit) != "money":
        return True
    return first.holder is not None and first.holder == second.holder


def _same_things(first: FigureEntry, second: FigureEntry) -> bool:
    """Counts of a measure that counts things ("four regions", "12 villages") compare only when
    they count the same noun; a measure of people says what it counts by itself."""
    if first.unit is not None or not counts_things(first.measure or ""):
        return True
    return counted_noun(first) == counted_noun(second) is not None


def counted_noun(figure: FigureEntry) -> str | None:
    """The noun a count counts, folded to a rough singular: "regions" → "region"."""
    words = (figure.what or "").lower().split()
    if not words:
        return None
    noun = words[-1]
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def _contemporary(first: FigureEntry, second: FigureEntry) -> bool:
    """Totals as of dates more than a month apart are not set against each other."""
    if kind_of(first) != TOTAL or first.published is None or second.published is None:
        return True
    return abs((first.published - second.published).days) <= CONTEMPORARY_DAYS


def contradicts(first: FigureEntry, second: FigureEntry) -> bool:
    """Comparable figures whose values cannot both be true; a part may be below its whole."""
    if not comparable(first, second):
        return False
    if first.measure == second.measure:
        return not bounds(first).meets(bounds(second))
    whole, part = (first, second) if _is_whole_of(first, second) else (second, first)
    return bounds(part).low > bounds(whole).high


def _is_whole_of(whole: FigureEntry, part: FigureEntry) -> bool:
    return comparable_measures(whole.measure or "", part.measure or "") and (
        measure_family(part.measure or "") == whole.measure
    )


def contested(figures: Sequence[FigureEntry]) -> bool:
    """Whether any two claims among these contradict, a whole against another's parts included;
    stops at the first (/figures asks it of every group, and needs no more)."""
    return next(_contradictions(figures), None) is not None


def disputed(figures: Sequence[FigureEntry]) -> set[int]:
    """The ids of the figures that another claim contradicts (a whole and the parts it meets)."""
    found: set[int] = set()
    for ids in _contradictions(figures):
        found |= ids
    return found


def _contradictions(figures: Sequence[FigureEntry]) -> Iterator[set[int]]:
    """The ids of each contradiction: two claims that cannot both be true, or a whole and the
    parts of one article whose sum it cannot be."""
    for claims in _buckets(figures):
        for i, first in enumerate(claims):
            for second in claims[i + 1 :]:
                if contradicts(first, second):
                    yield {first.id, second.id}
        for whole in claims:
            for parts in _parts_against(whole, claims):
                yield {whole.id, *(part.id for part in parts)}


def _buckets(figures: Sequence[FigureEntry]) -> list[list[FigureEntry]]:
    """The claims split by what `comparable` requires to be equal (side, unit, kind, family,
    period), so that only claims that may be comparable are set against each other."""
    buckets: dict[tuple[object, ...], list[FigureEntry]] = {}
    for figure in figures:
        if figure.claimant and figure.measure and kind_of(figure) != EVENT:
            key = (figure.measured_side, figure.unit, kind_of(figure), period_key(figure))
            buckets.setdefault((*key, measure_family(figure.measure)), []).append(figure)
    return [claims for claims in buckets.values() if len(claims) > 1]


def _parts_against(whole: FigureEntry, claims: Sequence[FigureEntry]) -> list[list[FigureEntry]]:
    """Each other claimant's parts of this whole, from one article, whose sum it cannot be.

    "400,000 killed and wounded" against one article's "43,000 killed" plus "370,000 wounded".
    """
    parts: dict[tuple[str | None, int], dict[str, FigureEntry]] = {}
    for figure in claims:
        if (
            figure.measure != whole.measure
            and comparable(whole, figure)
            and _is_whole_of(whole, figure)
        ):
            parts.setdefault((figure.claimant, figure.article_id), {})[figure.measure or ""] = (
                figure
            )
    found = []
    for by_measure in parts.values():
        if len(by_measure) >= 2:
            total = sum((bounds(f) for f in by_measure.values()), Bounds(0.0, 0.0))
            if not total.meets(bounds(whole)):
                found.append(list(by_measure.values()))
    return found
