"""Compose /figures: figures grouped by what they measure, with disagreements between claimants marked."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from briefings.entries import FigureEntry
from briefings.replies.citations import cite
from briefings.replies.reply import Line, Reply, blank, bold, italic, line, reply
from briefings.vocabulary.measures import comparable, measure_family, measure_label

UNATTRIBUTED = "unattributed"
CONTESTED_MARK = "⚠️ "
MAX_CLAIMANTS = 8
MAX_VALUES = 4


@dataclass(frozen=True)
class FigureGroup:
    """Figures that measure comparable things on the same side, in the store's order."""

    family: str | None
    side: str | None
    figures: tuple[FigureEntry, ...]

    @property
    def contested(self) -> bool:
        """True when two claimants give different values for comparable measures."""
        claims = [f for f in self.figures if f.claimant and f.measure and self.family is not None]
        return any(
            first.claimant != second.claimant
            and first.value != second.value
            and comparable(first.measure or "", second.measure or "")
            for i, first in enumerate(claims)
            for second in claims[i + 1 :]
        )

    @property
    def title(self) -> str:
        """The group's heading: the measure and the side it measures."""
        if self.family is None:
            return "Other figures"
        label = short_label(self.family)
        return f"{label[:1].upper()}{label[1:]}" + (f" — {self.side}" if self.side else "")


def group_figures(figures: Sequence[FigureEntry]) -> list[FigureGroup]:
    """Groups by measure family and side: contested first, then the largest; unmeasured last."""
    members: dict[tuple[str | None, str | None], list[FigureEntry]] = defaultdict(list)
    for figure in figures:
        family = measure_family(figure.measure) if figure.measure else None
        members[(family, figure.measured_side if family else None)].append(figure)
    groups = [FigureGroup(family, side, tuple(rows)) for (family, side), rows in members.items()]
    return sorted(groups, key=lambda g: (g.family is None, not g.contested, -len(g.figures)))


def short_label(measure: str) -> str:
    """A measure's label without its explanation in brackets: "soldiers killed and wounded"."""
    return measure_label(measure).split(" (")[0]


def figure_text(figure: FigureEntry) -> str:
    """A figure as the article wrote it, with what it counts."""
    if figure.measure:
        side = f", {figure.measured_side}" if figure.measured_side else ""
        return f"{figure.text} — {short_label(figure.measure)}{side}"
    return f"{figure.text} {figure.what}" if figure.what else figure.text


def merge_figures(figures: Sequence[FigureEntry]) -> list[tuple[FigureEntry, list[int]]]:
    """The same claim from several articles as one figure with all its sources, first seen first."""
    merged: dict[tuple[str | None, str | None, str | None, float], list[FigureEntry]] = {}
    for figure in figures:
        key = (figure.claimant, figure.measure, figure.measured_side, figure.value)
        merged.setdefault(key, []).append(figure)
    return [(rows[0], [row.article_id for row in rows]) for rows in merged.values()]


def build_figures(figures: Sequence[FigureEntry], heading: str) -> Reply:
    """Figures grouped by measure, each claimant's values side by side, contested groups first."""
    if not figures:
        return reply([line("No figures yet: load an article first.")])
    lines = [line(bold(heading)), blank()]
    for group in group_figures(figures):
        lines += [*_group_lines(group), blank()]
    return reply(lines)


def build_no_figures(topic: str) -> Reply:
    """The reply when no figure matches a topic."""
    return reply([line(f"No figures about “{topic}” in the articles. /figures lists them all.")])


def _group_lines(group: FigureGroup) -> list[Line]:
    mark = CONTESTED_MARK if group.contested else ""
    lines = [line(bold(f"{mark}{group.title}"))]
    if group.contested:
        lines.append(line(italic("Sources disagree: the claims are shown side by side.")))
    by_claimant: dict[str, list[FigureEntry]] = defaultdict(list)
    for figure in group.figures:
        by_claimant[figure.claimant or UNATTRIBUTED].append(figure)
    claimants = list(by_claimant.items())
    lines += [_claimant_line(group, name, rows) for name, rows in claimants[:MAX_CLAIMANTS]]
    if len(claimants) > MAX_CLAIMANTS:
        lines.append(line(italic(f"…and {len(claimants) - MAX_CLAIMANTS} more claimants.")))
    return lines


def _claimant_line(group: FigureGroup, claimant: str, figures: list[FigureEntry]) -> Line:
    cites: dict[tuple[str | None, float], list[int]] = defaultdict(list)
    texts: dict[tuple[str | None, float], str] = {}
    for figure in figures:
        key = (figure.measure, figure.value)
        cites[key].append(figure.article_id)
        texts.setdefault(key, _value_text(group, figure))
    values = [f"{texts[key]} {cite(ids, limit=3)}" for key, ids in list(cites.items())[:MAX_VALUES]]
    extra = f"; +{len(cites) - MAX_VALUES} more" if len(cites) > MAX_VALUES else ""
    return line("• ", bold(claimant), ": ", "; ".join(values), extra)


def _value_text(group: FigureGroup, figure: FigureEntry) -> str:
    """The figure's words; its own measure too where it is narrower than the group's."""
    if group.family is None:
        return figure_text(figure)
    if figure.measure and figure.measure != group.family:
        return f"{figure.text} ({short_label(figure.measure)})"
    return figure.text
