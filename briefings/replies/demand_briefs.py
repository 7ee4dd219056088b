"""Compose /demands: what each party demands, proposes, conditions or rejects, by side and party.

The people quoted who are no party (`briefings.vocabulary.standing`) are set apart: the answers
by side count them and say how to see them (/demands people), and every answer that leaves
parties or positions out says how many and which command shows them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence

from briefings.entries import DemandEntry, PartyEntry, PartyTally, Slice
from briefings.i18n import _
from briefings.replies.citations import cite
from briefings.replies.counts import counted
from briefings.replies.demand_kinds import kind_label
from briefings.replies.reply import Line, Reply, blank, bold, italic, line, reply
from briefings.vocabulary.sides import side_command, side_key, side_label, side_order
from briefings.vocabulary.standing import (
    PartyChoice,
    load_standing,
    party_totals,
    voices_about,
    voices_label,
)

# The overview offers buttons for at most this many sides whose parties it leaves out.
SIDE_BUTTONS = 2


def build_demands(
    demands: Sequence[DemandEntry],
    totals: Mapping[str, int],
    heading: str,
    *,
    over: Collection[str] = (),
) -> Reply:
    """Each side's parties and their positions, identical ones merged; totals say how many exist
    (over: for the parties whose count the store stopped).

    Sides come in a fixed order (Ukraine, Russia, United States, European Union, others), and
    within a side the parties with most positions first, so that who said what stays visible.
    """
    if not demands:
        return reply([line(_("No demands yet: load an article first."))])
    by_side: dict[str, dict[str, list[DemandEntry]]] = defaultdict(lambda: defaultdict(list))
    for demand in demands:
        by_side[side_key(demand.side)][demand.party].append(demand)
    lines = [line(bold(heading)), blank()]
    for side in [side for side in side_order() if side in by_side]:
        parties = by_side[side]
        lines.append(line("— ", bold(side_label(side)), " —"))
        for party in sorted(parties, key=lambda party: -totals.get(party, len(parties[party]))):
            total = totals.get(party, 0)
            lines += _party_lines(party, parties[party], total, over=party in over)
        lines.append(blank())
    return reply(lines)


def build_overview(demands: Sequence[DemandEntry], choice: PartyChoice, heading: str) -> Reply:
    """/demands: the chosen parties by side, then the parties left for later and the people
    quoted set apart, each counted, with the commands that show them."""
    if not demands and not choice.voices:
        return build_demands(demands, {}, heading)
    if demands:
        built = build_demands(demands, party_totals(choice.shown), heading).lines
    else:
        built = (line(bold(heading)), blank(), line(_("No party states a position yet.")))
    left_out = _left_out_by_side(choice)
    notes = [*_hidden_lines(left_out), *_voices_line(choice.voices)]
    # Buttons share one row: the sides with most parties left out, then the people quoted.
    sides = _side_commands_by_parties_left(left_out)
    actions = (*sides[:SIDE_BUTTONS], *[_voices_command()] * bool(choice.voices))
    return reply([*built, *([blank(), *notes] if notes else [])], actions)


def build_side_demands(
    found: Slice[DemandEntry], side: str, voices: Sequence[PartyEntry] = ()
) -> Reply:
    """/demands SIDE (a side's name as the data writes it, "Others" too): the newest positions
    of every party on the side, grouped by party; the people quoted on it are counted, not shown."""
    label = side_label(side)
    if not found.rows and not voices:
        text = _("No demands on the {side} side in the articles yet.")
        return reply([line(text.format(side=label))])
    heading = _("Demands and positions: {side}").format(side=label)
    shown = Counter(demand.party for demand in found.rows)
    lines = list(build_demands(found.rows, shown, heading).lines) if found.rows else []
    lines = lines or [line(bold(heading)), blank(), line(_("No party on this side states one."))]
    if found.hidden:
        older = counted(
            found.hidden, "{n} older position", "{n} older positions", over=found.capped
        )
        # i18n: NAME may be translated; /demands is a command
        text = _("…and {older} on this side: send /demands NAME for a party's.")
        lines.append(line(italic(text.format(older=older))))
    if voices:
        lines += [blank(), *_voices_line(voices)]
    return reply(lines, (_voices_command(),) if voices else ())


def build_party_demands(found: Slice[DemandEntry], name: str) -> Reply:
    """/demands PARTY: one party's newest positions, and how many older ones are not shown."""
    shown = {name: len(found.rows)}
    # i18n: the heading of one party's positions; {name} is the party as the articles write it
    heading = _("Demands and positions of {name}").format(name=name)
    built = build_demands(found.rows, shown, heading)
    if not found.hidden:
        return built
    older = counted(found.hidden, "{n} older position", "{n} older positions", over=found.capped)
    more = _("…and {older}, not shown: these are the newest.").format(older=older)
    return reply([*built.lines, line(italic(more))], built.actions)


def build_voices(demands: Sequence[DemandEntry], shown: Sequence[PartyEntry], total: int) -> Reply:
    """/demands people: the positions of the people quoted who are no party, with their roles."""
    if not shown:
        text = _("Every position in the articles is a party's. /demands lists them.")
        return reply([line(text)])
    lines = [line(bold(f"{voices_label()} — {voices_about()}")), blank()]
    by_party: dict[str, list[DemandEntry]] = defaultdict(list)
    for demand in demands:
        by_party[demand.party].append(demand)
    totals = party_totals(shown)
    for party in shown:
        if party.name in by_party:
            lines += _party_lines(
                party.name, by_party.pop(party.name), totals[party.name], party.role
            )
    if total > len(shown):
        more = counted(total - len(shown), "{n} more person quoted", "{n} more people quoted")
        # i18n: NAME may be translated; /demands is a command
        text = _("…and {more}: send /demands NAME for one's positions.").format(more=more)
        lines += [blank(), line(italic(text))]
    return reply(lines)


def build_no_demands(party: str) -> Reply:
    """The reply when no party by that name has demands."""
    text = _("No demands by “{party}” in the articles. /demands lists every party's.")
    return reply([line(text.format(party=party))])


def _party_lines(
    party: str,
    demands: list[DemandEntry],
    total: int,
    role: str | None = None,
    *,
    over: bool = False,
) -> list[Line]:
    merged: dict[tuple[str, str], list[int]] = defaultdict(list)
    for demand in demands:
        merged[(demand.kind, demand.demand)].append(demand.article_id)
    lines = [line(bold(party), f" — {role}" if role else "")]
    lines += [
        line("• ", italic(kind_label(kind)), f": {text} ", cite(ids))
        for (kind, text), ids in merged.items()
    ]
    hidden = total - len(demands)
    if hidden > 0:
        older = counted(hidden, "{n} older position", "{n} older positions", over=over)
        more = _("…and {older}: send /demands {party}.").format(older=older, party=party)
        lines.append(line(italic(more)))
    return lines


def _left_out_by_side(choice: PartyChoice) -> list[PartyTally]:
    """The parties an overview leaves for later, counted per side (by the name the data gives
    it, "Others" too; tail included)."""
    tallies: dict[str, tuple[int, int]] = {}
    counts = [PartyTally(party.side, 1, party.n_demands) for party in choice.hidden]
    for tally in (*counts, *choice.tail):
        key = side_key(tally.side)
        parties, positions = tallies.get(key, (0, 0))
        tallies[key] = (parties + tally.n_parties, positions + tally.n_demands)
    over = any(tally.over for tally in choice.tail)
    return [PartyTally(key, *numbers, over=over) for key, numbers in tallies.items()]


def _hidden_lines(left_out: Sequence[PartyTally]) -> list[Line]:
    """How many parties the overview leaves for later, and the commands of their sides."""
    if not left_out:
        return []
    n_parties = sum(t.n_parties for t in left_out)
    words = [command.removeprefix("/demands ") for command in _side_commands_by_order(left_out)]
    sides = words[0] if len(words) == 1 else _one_of(words)
    if any(t.over for t in left_out):
        # The store read one party past its cap: there are more than one fewer than it read.
        parties = counted(n_parties - 1, "{n} more party", "{n} more parties", over=True)
        # i18n: {sides} are the words of the command: "eu or others"; NAME may be translated
        text = _(
            "…and {parties}: send /demands {sides} for a side's, or /demands NAME for one party's."
        )
        return [line(italic(text.format(parties=parties, sides=sides)))]
    parties = counted(n_parties, "{n} more party", "{n} more parties")
    positions = counted(sum(t.n_demands for t in left_out), "{n} position", "{n} positions")
    # i18n: {sides} are the words of the command: "eu or others"; NAME may be translated
    text = _(
        "…and {parties} ({positions}): send /demands {sides} for a side's, "
        "or /demands NAME for one party's."
    )
    return [line(italic(text.format(parties=parties, positions=positions, sides=sides)))]


def _one_of(words: Sequence[str]) -> str:
    """Words a reader may send one of: "ukraine, eu or others"."""
    # i18n: the last of several words a command takes: "ukraine, eu or others"
    return _("{words} or {last}").format(words=", ".join(words[:-1]), last=words[-1])


def _side_commands_by_parties_left(left_out: Sequence[PartyTally]) -> list[str]:
    """/demands SIDE for each side some parties are left out on, most of them first (ties in
    the order answers show sides)."""
    by_label = {tally.side: tally.n_parties for tally in left_out}
    ordered = sorted((s for s in side_order() if s in by_label), key=lambda s: -by_label[s])
    return [f"/demands {side_command(side)}" for side in ordered]


def _side_commands_by_order(left_out: Sequence[PartyTally]) -> list[str]:
    """/demands SIDE for each side some parties are left out on, in the order answers show sides."""
    labels = {tally.side for tally in left_out}
    return [f"/demands {side_command(side)}" for side in side_order() if side in labels]


def _voices_line(voices: Sequence[PartyEntry]) -> list[Line]:
    """How many people quoted are set apart, and the command that shows them."""
    if not voices:
        return []
    people = counted(len(voices), "{n} person quoted", "{n} people quoted")
    positions = counted(sum(party.n_demands for party in voices), "{n} position", "{n} positions")
    text = _("Set apart: {people} ({about}), with {positions}: send {command}.").format(
        people=people, about=voices_about(), positions=positions, command=_voices_command()
    )
    return [line(italic(text))]


def _voices_command() -> str:
    """The command that lists the people quoted."""
    return f"/demands {load_standing().voices_command}"
