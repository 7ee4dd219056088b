"""Compose /demands: what each party demands, proposes, conditions or rejects, by side and party."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from briefings.entries import DemandEntry, Slice
from briefings.replies.citations import cite
from briefings.replies.counts import counted
from briefings.replies.reply import Line, Reply, blank, bold, italic, line, reply
from briefings.vocabulary.sides import side_label, side_order


def build_demands(demands: Sequence[DemandEntry], totals: Mapping[str, int], heading: str) -> Reply:
    """Each side's parties and their positions, identical ones merged; totals say how many exist.

    Sides come in a fixed order (Ukraine, Russia, United States, European Union, others), and
    within a side the parties with most positions first, so that who said what stays visible.
    """
    if not demands:
        return reply([line("No demands yet: load an article first.")])
    by_side: dict[str, dict[str, list[DemandEntry]]] = defaultdict(lambda: defaultdict(list))
    for demand in demands:
        by_side[side_label(demand.side)][demand.party].append(demand)
    lines = [line(bold(heading)), blank()]
    for side in [side for side in side_order() if side in by_side]:
        parties = by_side[side]
        lines.append(line("— ", bold(side), " —"))
        for party in sorted(parties, key=lambda party: -totals.get(party, len(parties[party]))):
            lines += _party_lines(party, parties[party], totals.get(party, 0))
        lines.append(blank())
    return reply(lines)


def build_side_demands(found: Slice[DemandEntry], side: str) -> Reply:
    """/demands SIDE: the newest positions of every party on the side, grouped by party."""
    if not found.rows:
        return reply([line(f"No demands on the {side} side in the articles yet.")])
    shown = Counter(demand.party for demand in found.rows)
    built = build_demands(found.rows, shown, f"Demands and positions: {side}")
    if not found.hidden:
        return built
    more = line(italic(f"…and {counted(found.hidden, 'older position')} on this side."))
    return reply([*built.lines, more], actions=built.actions)


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
        older = counted(hidden, "older position")
        lines.append(line(italic(f"…and {older}. Send /demands {party} for all of them.")))
    return lines
