"""Compose /demands: what each party demands, proposes, conditions or rejects, grouped by party."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from briefings.citations import cite
from briefings.entries import DemandEntry
from briefings.replies import Line, Reply, blank, bold, italic, line, reply


def build_demands(demands: Sequence[DemandEntry], totals: Mapping[str, int], heading: str) -> Reply:
    """Each party's positions, newest first, identical ones merged; totals say how many exist."""
    if not demands:
        return reply([line("No demands yet: load an article first.")])
    by_party: dict[str, list[DemandEntry]] = defaultdict(list)
    for demand in demands:
        by_party[demand.party].append(demand)
    order = sorted(by_party, key=lambda party: -totals.get(party, len(by_party[party])))
    lines = [line(bold(heading)), blank()]
    for party in order:
        lines += [*_party_lines(party, by_party[party], totals.get(party, 0)), blank()]
    return reply(lines)


def build_no_demands(party: str) -> Reply:
    """The reply when no party by that name has demands."""
    return reply([line(f"No demands by “{party}” in the articles. /demands lists every party's.")])


def _party_lines(party: str, demands: list[DemandEntry], total: int) -> list[Line]:
    merged: dict[tuple[str, str], list[int]] = defaultdict(list)
    for demand in demands:
        merged[(demand.kind, demand.demand)].append(demand.article_id)
    lines = [line(bold(party))]
    lines += [
        line("• ", italic(kind), f": {text} ", cite(ids)) for (kind, text), ids in merged.items()
    ]
    hidden = total - len(demands)
    if hidden > 0:
        lines.append(line(italic(f"…and {hidden:,} older. Send /demands {party} for all of them.")))
    return lines
