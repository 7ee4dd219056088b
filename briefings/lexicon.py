"""Cue words, places and known actors, loaded from the data files under `briefings/data/`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from briefings.model import ActorKind, DemandKind


@dataclass(frozen=True)
class KnownActor:
    """An actor of the story listed in data: names, kind and the role to fall back on."""

    name: str
    kind: ActorKind
    aliases: tuple[str, ...]
    role: str | None


@dataclass(frozen=True)
class Lexicon:
    """Everything the extractors look up, as immutable sets and maps."""

    speech_verbs: frozenset[str]
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


def _data_text(name: str) -> str:
    return resources.files("briefings").joinpath("data", name).read_text(encoding="utf-8")


def _jsonl(name: str) -> list[dict[str, Any]]:
    lines = _data_text(name).splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("//")]


def _words(name: str) -> frozenset[str]:
    lines = _data_text(name).splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def _known_actor(row: dict[str, Any]) -> KnownActor:
    return KnownActor(
        name=row["name"],
        kind=ActorKind(row["kind"]),
        aliases=tuple(row.get("aliases", ())),
        role=row.get("role"),
    )


@cache
def load_lexicon() -> Lexicon:
    """Read every data file once and return the lexicon the extractors share."""
    raw: dict[str, Any] = json.loads(_data_text("lexicon.json"))
    particles = raw["demand_verb_particles"]
    return Lexicon(
        speech_verbs=frozenset(raw["speech_verbs"]),
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
    )
