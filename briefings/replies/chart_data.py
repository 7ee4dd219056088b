"""Chart data for /chart: each claimant's values of one measure over time, as plain data.

A chart shows one group of `figure_briefs.group_figures` (a measure family on one side): the
largest. Each claimant draws one series per measure it gives (Zelenskyy's soldiers killed and
his soldiers wounded are two lines, never one zigzag); x is the article's publication date,
or the day it was loaded when the article has none; a point is one value on one day, with
every article that gives it. Which values are contested is `figure_comparison.disputed`'s
decision; this module only places its answers on the points.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from briefings.entries import FigureEntry, SourceDate
from briefings.i18n import _
from briefings.replies.figure_briefs import UNATTRIBUTED, FigureGroup, group_figures, short_label
from briefings.replies.figure_comparison import disputed

# Bounds that keep a chart legible and quick to draw, whatever the store holds.
MAX_SERIES = 8
MAX_POINTS = 24  # per series: the newest days are kept
MAX_GROUP_FIGURES = 120  # figures of the group that are placed; the newest are kept
UNDATED_GAP = 0.15  # of the dated span, between the newest dated point and the undated band
MIN_UNDATED_GAP = timedelta(days=14)


@dataclass(frozen=True)
class ChartPoint:
    """One value on one day, the figure's words for it, the articles giving it, and if contested."""

    day: date
    value: float
    text: str
    articles: tuple[int, ...]
    contested: bool
    undated: bool = False  # from an article without a date: drawn in the undated band


@dataclass(frozen=True)
class ChartSeries:
    """One claimant's values of one measure, oldest day first."""

    claimant: str
    measure: str | None  # the narrower measure's label, None where it is the group's own
    points: tuple[ChartPoint, ...]

    @property
    def label(self) -> str:
        """The series' name in the legend: the claimant, and its measure where narrower."""
        return f"{self.claimant} ({self.measure})" if self.measure else self.claimant

    @property
    def articles(self) -> tuple[int, ...]:
        """Every article behind the series' points, in order."""
        return tuple(sorted({n for point in self.points for n in point.articles}))


@dataclass(frozen=True)
class ChartData:
    """A chart as data: what it measures, its series, and what the caption says about it; its
    words (title, axis, series names) in the language of the answer it was built for."""

    title: str
    y_label: str
    series: tuple[ChartSeries, ...]
    contested: bool
    hidden_series: int  # claimants' series beyond MAX_SERIES, counted in the caption
    # Where undated articles' points stand: a band right of the dated ones; None when all dated.
    undated_day: date | None
    other_groups: int  # other measures the figures hold, not charted

    @property
    def articles(self) -> tuple[int, ...]:
        """Every article behind the drawn points, in order."""
        return tuple(sorted({n for series in self.series for n in series.articles}))


def chart_group(figures: Sequence[FigureEntry]) -> FigureGroup | None:
    """The group a chart shows: the largest with a measure, contested first among equals; None if none."""
    measured = [group for group in group_figures(_finite(figures)) if group.family is not None]
    return max(measured, key=lambda group: len(group.figures), default=None)


def chartable(figures: Sequence[FigureEntry]) -> bool:
    """Whether some of the figures can be charted (one at least has a measure and a finite value)."""
    return any(figure.measure and math.isfinite(figure.value) for figure in figures)


def source_day(source: SourceDate) -> date:
    """The day an article stands for: its publication date, else the day it was loaded."""
    return source.published or source.loaded_at.date()


def undated_slot(sources: Sequence[SourceDate]) -> date | None:
    """Where undated articles are drawn: a band after the newest dated one (an article's load
    day is not when its figures were claimed, so it is no place on a time axis)."""
    if all(source.published is not None for source in sources):
        return None
    dated = [s.published for s in sources if s.published is not None]
    if not dated:
        return max(source_day(s) for s in sources)
    return max(dated) + max((max(dated) - min(dated)) * UNDATED_GAP, MIN_UNDATED_GAP)


def build_chart_data(
    figures: Sequence[FigureEntry], sources: Mapping[int, SourceDate]
) -> ChartData | None:
    """The chart of the figures' largest measured group, each figure dated by its article; None if none."""
    group = chart_group(figures)
    if group is None:
        return None
    placed = tuple(f for f in group.figures if f.article_id in sources)[-MAX_GROUP_FIGURES:]
    contested = _contested_ids(FigureGroup(group.family, group.side, placed))
    slot = undated_slot([sources[f.article_id] for f in placed])
    series = _series(group, placed, sources, contested, slot)
    label = short_label(group.family or "")
    units = sorted({f.unit for f in placed if f.unit})
    return ChartData(
        title=group.title,
        y_label=label + (f" ({', '.join(units)})" if units else ""),
        series=tuple(series[:MAX_SERIES]),
        contested=bool(contested),
        hidden_series=max(len(series) - MAX_SERIES, 0),
        undated_day=slot,
        other_groups=_other_groups(figures, group),
    )


def _finite(figures: Sequence[FigureEntry]) -> list[FigureEntry]:
    return [figure for figure in figures if math.isfinite(figure.value)]


def _contested_ids(group: FigureGroup) -> set[int]:
    """The ids of the group's figures that another claim contradicts (figure_comparison.py)."""
    return disputed(group.figures) if group.family is not None else set()


def _series(
    group: FigureGroup,
    figures: Sequence[FigureEntry],
    sources: Mapping[int, SourceDate],
    contested: set[int],
    slot: date | None,
) -> list[ChartSeries]:
    """One series per claimant and measure, those with most points first, then first seen first."""
    points: dict[tuple[str, str | None], dict[tuple[date, float], list[FigureEntry]]] = {}
    unattributed = _(UNATTRIBUTED)
    for figure in figures:
        measure = figure.measure if figure.measure != group.family else None
        key = (figure.claimant or unattributed, measure)
        day = sources[figure.article_id].published or slot or source_day(sources[figure.article_id])
        points.setdefault(key, {}).setdefault((day, figure.value), []).append(figure)
    series = [
        ChartSeries(
            claimant, short_label(measure) if measure else None, _points(by_day, contested, slot)
        )
        for (claimant, measure), by_day in points.items()
    ]
    return sorted(series, key=lambda s: -len(s.points))


def _points(
    by_day: dict[tuple[date, float], list[FigureEntry]], contested: set[int], slot: date | None
) -> tuple[ChartPoint, ...]:
    """A series' points, oldest day first (the newest MAX_POINTS)."""
    ordered = sorted(by_day.items())[-MAX_POINTS:]
    return tuple(_point(day, value, rows, contested, slot) for (day, value), rows in ordered)


def _point(
    day: date, value: float, rows: list[FigureEntry], contested: set[int], slot: date | None
) -> ChartPoint:
    articles = tuple(sorted({row.article_id for row in rows}))
    disputed_here = any(row.id in contested for row in rows)
    return ChartPoint(day, value, rows[0].text, articles, disputed_here, undated=day == slot)


def _other_groups(figures: Sequence[FigureEntry], charted: FigureGroup) -> int:
    """How many other measured groups the figures hold."""
    groups = group_figures(_finite(figures))
    return sum(
        1
        for g in groups
        if g.family is not None and (g.family, g.side) != (charted.family, charted.side)
    )
