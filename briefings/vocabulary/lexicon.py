"""Cue words, places and known actors, loaded from the data files under `briefings/data/`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from briefings.model import ActorKind, DemandKind


@dataclass(frozen=True)
class HeldRole:
    """A role a known actor held from one day until another (either end open)."""

    role: str
    start: date | None
    end: date | None

    def held_on(self, day: date) -> bool:
        """True when the role was held on that day."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class KnownActor:
    """An actor of the story listed in data: names, kind and the role to fall back on."""

    name: str
    kind: ActorKind
    aliases: tuple[str, ...]
    role: str | None
    country: str | None = None
    roles: tuple[HeldRole, ...] = ()
    # How Ukrainian readers spell the name, where transliteration would not give it back.
    names_uk: tuple[str, ...] = ()

    def role_on(self, day: date | None) -> str | None:
        """The role held on a day by the dated roles; the undated role without a day or dates."""
        if day is None or not self.roles:
            return self.role
        return next((held.role for held in self.roles if held.held_on(day)), None)


@dataclass(frozen=True)
class Measure:
    """One kind of count a figure can be: its cue words, the slots it needs, how its side is found."""

    id: str
    label: str
    family: str
    nouns: frozenset[str]
    events: frozenset[str]
    terms: frozenset[str]
    requires: tuple[frozenset[str], ...]
    units: frozenset[str]
    overlaps: frozenset[str]
    side_verbs: frozenset[str]
    side_from_clause: bool


@dataclass(frozen=True)
class Taxonomy:
    """What figures measure (data/measures.json): measures by precedence, sides, and parse cues."""

    measures: tuple[Measure, ...]
    folded_sides: dict[tuple[str, ...], str]
    exact_sides: dict[tuple[str, ...], str]
    unit_kinds: dict[str, frozenset[str | None]]
    unit_words: frozenset[str]
    carrier_nouns: frozenset[str]
    carrier_preps: frozenset[str]
    level_verbs: frozenset[str]

    def measure(self, measure_id: str) -> Measure | None:
        """The measure with this id, or None."""
        return next((m for m in self.measures if m.id == measure_id), None)


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractors look up, as immutable sets and maps."""

    speech_verbs: frozenset[str]
    quote_verbs: frozenset[str]
    not_quoting_verbs: frozenset[str]
    qualifiers: dict[str, str]
    number_words: dict[str, float]
    scales: dict[str, float]
    currencies: dict[str, str]
    percent_words: tuple[str, ...]
    area_units: dict[str, str]
    non_figure_followers: frozenset[str]
    source_nouns: frozenset[str]
    demand_verbs: dict[str, DemandKind]
    demand_verb_particles: dict[str, frozenset[str]]
    demand_verbs_needing_infinitive: frozenset[str]
    negated_acceptance_verbs: frozenset[str]
    demand_nouns: dict[str, DemandKind]
    obligation_modals: frozenset[str]
    obligation_verbs: frozenset[str]
    demand_noun_links: frozenset[str]
    ready_adjectives: frozenset[str]
    reported_framing_verbs: frozenset[str]
    agent_head_nouns: frozenset[str]
    resolvable_org_nouns: frozenset[str]
    role_words: frozenset[str]
    role_titles: frozenset[str]
    places: frozenset[str]
    organisations: frozenset[str]
    known_actors: tuple[KnownActor, ...]
    measures: Taxonomy


def data_text(name: str) -> str:
    """The text of a file in briefings/data."""
    return resources.files("briefings").joinpath("data", name).read_text(encoding="utf-8")


def _jsonl(name: str) -> list[dict[str, Any]]:
    lines = data_text(name).splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


def _words(name: str) -> frozenset[str]:
    lines = data_text(name).splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _known_actor(row: dict[str, Any]) -> KnownActor:
    return KnownActor(
        name=row["name"],
        kind=ActorKind(row["kind"]),
        aliases=tuple(row.get("aliases", ())),
        role=row.get("role"),
        country=row.get("country"),
        roles=tuple(_held_role(held) for held in row.get("roles", ())),
        names_uk=tuple(row.get("names_uk", ())),
    )


def _held_role(row: dict[str, str]) -> HeldRole:
    start, end = row.get("from"), row.get("until")
    return HeldRole(
        row["role"],
        date.fromisoformat(start) if start else None,
        date.fromisoformat(end) if end else None,
    )


def _expand(cues: list[str], classes: dict[str, list[str]]) -> frozenset[str]:
    """Cue words with every '@class' replaced by the words of that class."""
    words = [w for cue in cues for w in (classes[cue[1:]] if cue.startswith("@") else [cue])]
    return frozenset(w.lower() for w in words)


def _measure(row: dict[str, Any], classes: dict[str, list[str]]) -> Measure:
    return Measure(
        id=row["id"],
        label=row["label"],
        family=row.get("family", row["id"]),
        nouns=_expand(row.get("nouns", []), classes),
        events=_expand(row.get("events", []), classes),
        terms=_expand(row.get("terms", []), classes),
        requires=tuple(frozenset(alternative) for alternative in row["requires"]),
        units=frozenset(row["units"]),
        overlaps=frozenset(row.get("overlaps", ())),
        side_verbs=frozenset(row.get("side_verbs", ())),
        side_from_clause=bool(row.get("side_from_clause", False)),
    )


def country_forms(rows: list[dict[str, Any]], exact: bool) -> dict[tuple[str, ...], str]:
    """Every country's forms as word tuples; all-capital forms (US, EU) only in the exact map."""
    forms: dict[tuple[str, ...], str] = {}
    for row in rows:
        for form in (*row["names"], *row["adjectives"], *row["people"]):
            if form.replace(".", "").isupper() == exact:
                words = form.split() if exact else form.lower().split()
                forms[tuple(words)] = row["side"]
    return forms


def _taxonomy(raw: dict[str, Any]) -> Taxonomy:
    classes: dict[str, list[str]] = dict(raw["cue_classes"])
    # The last word of "North Koreans" is enough to say that a noun counts people of a side.
    classes["demonyms"] = [p.split()[-1] for row in raw["sides"] for p in row["people"]]
    classes["places"] = [n for row in raw["sides"] for n in row["names"] if " " not in n]
    return Taxonomy(
        measures=tuple(_measure(row, classes) for row in raw["measures"]),
        folded_sides=country_forms(raw["sides"], exact=False),
        exact_sides=country_forms(raw["sides"], exact=True),
        unit_kinds={k: frozenset(v) for k, v in raw["unit_kinds"].items()},
        unit_words=frozenset(raw["unit_words"]),
        carrier_nouns=frozenset(raw["carrier_nouns"]),
        carrier_preps=frozenset(raw["carrier_preps"]),
        level_verbs=frozenset(raw["level_verbs"]),
    )


@cache
def load_lexicon() -> Lexicon:
    """Read every data file once and return the lexicon the extractors share."""
    raw: dict[str, Any] = json.loads(data_text("lexicon.json"))
    particles = raw["demand_verb_particles"]
    return Lexicon(
        speech_verbs=frozenset(raw["speech_verbs"]),
        quote_verbs=frozenset(raw["quote_verbs"]),
        not_quoting_verbs=frozenset(raw["not_quoting_verbs"]),
        qualifiers=dict(raw["qualifiers"]),
        number_words={k: float(v) for k, v in raw["number_words"].items()},
        scales={k: float(v) for k, v in raw["scales"].items()},
        currencies=dict(raw["currencies"]),
        percent_words=tuple(raw["percent_words"]),
        area_units=dict(raw["area_units"]),
        non_figure_followers=frozenset(raw["non_figure_followers"]),
        source_nouns=frozenset(raw["source_nouns"]),
        demand_verbs={k: DemandKind(v) for k, v in raw["demand_verbs"].items()},
        demand_verb_particles={k: frozenset(v) for k, v in particles.items()},
        demand_verbs_needing_infinitive=frozenset(raw["demand_verbs_needing_infinitive"]),
        negated_acceptance_verbs=frozenset(raw["negated_acceptance_verbs"]),
        demand_nouns={k: DemandKind(v) for k, v in raw["demand_nouns"].items()},
        obligation_modals=frozenset(raw["obligation_modals"]),
        obligation_verbs=frozenset(raw["obligation_verbs"]),
        demand_noun_links=frozenset(raw["demand_noun_links"]),
        ready_adjectives=frozenset(raw["ready_adjectives"]),
        reported_framing_verbs=frozenset(raw["reported_framing_verbs"]),
        agent_head_nouns=frozenset(raw["agent_head_nouns"]),
        resolvable_org_nouns=frozenset(raw["resolvable_org_nouns"]),
        role_words=_words("role_words.txt"),
        role_titles=_words("role_titles.txt"),
        places=_words("places.txt"),
        organisations=_words("organisations.txt"),
        known_actors=tuple(_known_actor(r) for r in _jsonl("actors.jsonl")),
        measures=_taxonomy(json.loads(data_text("measures.json"))),
    )
