"""Compose plain-text briefings (who, figures, demands, sources) from the store's export."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from briefings.names import names_match
from briefings.numbers import format_value

Row = Mapping[str, Any]
Export = Mapping[str, Sequence[Row]]


def _cite(row: Row) -> str:
    return f"[{row['article']}]"


def _figure_line(figure: Row) -> str:
    qualifier = f"{figure['qualifier']} " if figure.get("qualifier") else ""
    unit = figure.get("unit")
    amount = format_value(float(figure["value"]))
    shown = f"{unit} {amount}" if unit and unit not in {"%", "km²"} else f"{amount}{unit or ''}"
    claimant = figure.get("claimed_by") or "unattributed"
    return f"{qualifier}{shown} — {claimant} {_cite(figure)}"


def _activity(export: Export, name: str) -> int:
    claims = sum(1 for f in export["figures"] if f.get("claimed_by") == name)
    demands = sum(1 for d in export["demands"] if d.get("party") == name)
    return claims + demands


def build_who(export: Export) -> str:
    """The actors with their roles, most cited first."""
    actors = sorted(
        export["actors"],
        key=lambda a: (-len(a["articles"]) - _activity(export, a["name"]), a["name"]),
    )
    if not actors:
        return "No actors yet: load an article first."
    lines = ["Who is who:"]
    for actor in actors:
        role = f" — {actor['role']}" if actor.get("role") else ""
        cites = "".join(f"[{n}]" for n in actor["articles"])
        lines.append(f"• {actor['name']}{role} {cites}")
    return "\n".join(lines)


def find_actor(export: Export, query: str) -> Row | None:
    """The actor a query names, by any alias, case-insensitive and tolerant of spelling variants."""
    for actor in export["actors"]:
        if any(names_match(query, n) for n in [actor["name"], *actor["aliases"]]):
            return actor
    return None


def build_actor_card(export: Export, query: str) -> str:
    """One actor's card: role, figures claimed, demands, sources."""
    actor = find_actor(export, query)
    if actor is None:
        return f"No actor called “{query}” in the articles. Try /who for the list."
    name = actor["name"]
    lines = [name, f"Role: {actor.get('role') or 'not stated'}"]
    if actor["aliases"]:
        lines.append("Also named: " + ", ".join(actor["aliases"]))
    claims = [f for f in export["figures"] if f.get("claimed_by") == name]
    demands = [d for d in export["demands"] if d.get("party") == name]
    if claims:
        lines += [
            "Claims:",
            *(f"• {_figure_line(f)} {f.get('what') or ''}".rstrip() for f in claims),
        ]
    if demands:
        lines += ["Positions:", *(f"• {_demand_line(d)}" for d in demands)]
    lines.append("Sources: " + " ".join(f"[{n}]" for n in actor["articles"]))
    return "\n".join(lines)


def _grouped_lines(rows: Sequence[Row], key: str, heading: str, line: Callable[[Row], str]) -> str:
    """Rows grouped by one field, largest group first, one bullet per row."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[row.get(key) or "other"].append(row)
    lines = [heading]
    for name, members in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"{name}:")
        lines.extend(f"• {line(m)}" for m in members)
    return "\n".join(lines)


def _demand_line(demand: Row) -> str:
    return f"{demand['kind']}: {demand['demand']} {_cite(demand)}"


def build_figures(export: Export) -> str:
    """The figures grouped by what they count, each with its claimant and source."""
    if not export["figures"]:
        return "No figures yet: load an article first."
    return _grouped_lines(export["figures"], "what", "Figures and who claims them:", _figure_line)


def build_demands(export: Export) -> str:
    """What each party demands, proposes or rejects, grouped by party."""
    if not export["demands"]:
        return "No demands yet: load an article first."
    return _grouped_lines(export["demands"], "party", "Demands and positions:", _demand_line)


def build_sources(export: Export) -> str:
    """The articles behind the store."""
    if not export["articles"]:
        return "No articles loaded yet."
    lines = ["Sources:"]
    for article in export["articles"]:
        meta = ", ".join(str(x) for x in (article.get("outlet"), article.get("published")) if x)
        facts = article.get("facts", {})
        counts = f"{facts.get('actors', 0)} actors, {facts.get('figures', 0)} figures, {facts.get('demands', 0)} demands"
        lines.append(
            f"[{article['id']}] {article['title']}"
            + (f" — {meta}" if meta else "")
            + f" ({counts})"
        )
    return "\n".join(lines)
