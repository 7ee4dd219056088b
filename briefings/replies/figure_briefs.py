"""Compose /figures: figures grouped by what they measure, with disagreements between claimants marked."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from briefings.entries import FigureEntry
from briefings.i18n import N_, _
from briefings.replies.counts import amount, counted
from briefings.replies.figure_comparison import contested
from briefings.replies.figure_wording import (
    figure_words,
    full_history,
    latest_with_history,
    series_of,
)
from briefings.replies.reply import Line, Reply, blank, bold, italic, line, reply
from briefings.vocabulary.measures import (
    counts_things,
    measure_family,
    measure_label,
    measure_label_after_number,
)
from briefings.vocabulary.sides import country_label

# i18n: in place of a claimant's name, for figures the articles give no source for
UNATTRIBUTED = N_("unattributed")
CONTESTED_MARK = "⚠️ "
MAX_CLAIMANTS = 8
MAX_VALUES = 4


@dataclass(frozen=True)
class FigureGroup:
    """Figures that measure comparable things on the same side, in the store's order."""

    family: str | None
    side: str | None
    figures: tuple[FigureEntry, ...]

    @cached_property
    def contested(self) -> bool:
        """True when two claims cannot both be true (briefings/replies/figure_comparison.py)."""
        return self.family is not None and contested(self.figures)

    @property
    def title(self) -> str:
        """The group's heading: the measure and the side it measures."""
        if self.family is None:
            # i18n: the heading of the figures that measure nothing /figures groups by
            return _("Other figures")
        label = short_label(self.family)
        side = f" — {country_label(self.side)}" if self.side else ""
        return f"{label[:1].upper()}{label[1:]}{side}"


def group_figures(figures: Sequence[FigureEntry]) -> list[FigureGroup]:
    """Groups by measure family and side: contested first, then the largest; unmeasured last."""
    members: dict[tuple[str | None, str | None], list[FigureEntry]] = defaultdict(list)
    for figure in figures:
        family = measure_family(figure.measure) if figure.measure else None
        members[(family, figure.measured_side if family else None)].append(figure)
    groups = [FigureGroup(family, side, tuple(rows)) for (family, side), rows in members.items()]
    return sorted(groups, key=lambda g: (g.family is None, not g.contested, -len(g.figures)))


def short_label(measure: str) -> str:
    """A measure's label without its explanation in brackets: "soldiers killed and wounded",
    in the current language."""
    return measure_label(measure).split(" (")[0]


def label_after_number(measure: str) -> str:
    """A measure's short label as it reads after a number: "43,000 soldiers killed" (in
    Ukrainian the genitive: "43 000 загиблих військових")."""
    return measure_label_after_number(measure).split(" (")[0]


def figure_text(figure: FigureEntry) -> str:
    """A figure in words, with what it counts: "roughly 1,500 every single day — soldiers killed"."""
    if figure.measure:
        side = f", {country_label(figure.measured_side)}" if figure.measured_side else ""
        return f"{figure_words(figure)} — {short_label(figure.measure)}{side}"
    return figure_words(figure, f" {figure.what}" if figure.what else "")


def merge_figures(figures: Sequence[FigureEntry]) -> list[tuple[FigureEntry, list[int]]]:
    """The same claim from several articles as one figure with all its sources, first seen first."""
    merged: dict[tuple[str | None, str | None, str | None, float], list[FigureEntry]] = {}
    for figure in figures:
        key = (figure.claimant, figure.measure, figure.measured_side, figure.value)
        merged.setdefault(key, []).append(figure)
    return [(rows[0], [row.article_id for row in rows]) for rows in merged.values()]


def build_figures(figures: Sequence[FigureEntry], heading: str, *, history: bool = False) -> Reply:
    """Figures grouped by measure, each claimant's values side by side, contested groups first.

    Each claimant's restated or changed figure is one entry: its newest value and the one
    before it, or, with history, every value in order with when it was first stated and changed.
    """
    if not figures:
        return reply([line(_("No figures yet: load an article first."))])
    lines = [line(bold(heading)), blank()]
    for group in group_figures(figures):
        lines += [*_group_lines(group, history), blank()]
    return reply(lines)


def build_no_figures(topic: str) -> Reply:
    """The reply when no figure matches a topic."""
    text = _("No figures about “{topic}” in the articles. /figures lists them all.")
    return reply([line(text.format(topic=topic))])


def _group_lines(group: FigureGroup, history: bool) -> list[Line]:
    mark = CONTESTED_MARK if group.contested else ""
    lines = [line(bold(f"{mark}{group.title}"))]
    if group.contested:
        lines.append(line(italic(_("Sources disagree: the claims are shown side by side."))))
    by_claimant: dict[str, list[FigureEntry]] = defaultdict(list)
    unattributed = _(UNATTRIBUTED)
    for figure in group.figures:
        by_claimant[figure.claimant or unattributed].append(figure)
    claimants = list(by_claimant.items())
    shown = claimants[:MAX_CLAIMANTS]
    lines += [_claimant_line(group, name, rows, history) for name, rows in shown]
    if len(claimants) > MAX_CLAIMANTS:
        hidden = len(claimants) - MAX_CLAIMANTS
        more = counted(hidden, "…and {n} more claimant.", "…and {n} more claimants.")
        lines.append(line(italic(more)))
    return lines


def _claimant_line(
    group: FigureGroup, claimant: str, figures: list[FigureEntry], history: bool
) -> Line:
    """A claimant's series in a group: each one's newest value (or whole history), sourced."""
    series = series_of(figures)
    render = full_history if history else latest_with_history
    # Only the series shown are put in words; the rest are counted.
    texts = [
        render(values, series_label(group, values[-1].figure)) for values in series[:MAX_VALUES]
    ]
    extra = f"; {more_values(len(series) - MAX_VALUES)}" if len(series) > MAX_VALUES else ""
    return line("• ", bold(claimant), ": ", "; ".join(texts), extra)


def more_values(hidden: int) -> str:
    """How many more values a line leaves out: "+2 more"."""
    # i18n: after the values a line shows, how many it leaves out: "43,000 [1]; 9,000 [2]; +2 more"
    return _("+{n} more").format(n=amount(hidden))


def series_label(group: FigureGroup, figure: FigureEntry) -> str:
    """What a series counts, where the group's heading does not say it: " soldiers killed",
    or the noun of a count of things ("four regions")."""
    if group.family is None:
        if figure.measure:
            return f" {label_after_number(figure.measure)}"
        return f" {figure.what}" if figure.what else ""
    if figure.measure and figure.measure != group.family:
        return f" {label_after_number(figure.measure)}"
    if figure.unit is None and figure.what and counts_things(group.family):
        return f" {figure.what}"
    return ""
