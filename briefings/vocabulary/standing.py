"""Standing: who is a party to the story, who is an ordinary person quoted, which places are only named.

The words are data (`briefings/data/standing.json`); the rules are these.

- A **voice** is an ordinary person quoted: a resident, a medic, an analyst, a volunteer; neither
  an official nor a party to the war or the talks. A party to demands is a voice when it is a
  person whose stated role names no official word ("mayor", "minister", "spokesman"…) and
  either names a voice word ("resident", "paramedic", "analyst"…) or the person is on no side.
  A party as written, with no actor linked ("residents", "a local analyst"), is a voice when its
  own words name a voice word and no official word. Organisations and places are never voices,
  nor is a person whose role the articles do not state: who is not known to be an ordinary
  person stays a party. /demands files parties under their sides and counts the voices apart.
- A **place** is an actor of a place kind (a country, city, village or region). /who lists it
  only when the articles give it a role or it acts: claims a figure, holds a position or is
  quoted. The others are only named; /who counts them and `/who places` lists them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from briefings.entries import PartyEntry, PartyTally
from briefings.i18n import _
from briefings.model import ActorKind
from briefings.vocabulary.lexicon import data_text
from briefings.vocabulary.sides import words_of


@dataclass(frozen=True)
class StandingBook:
    """The words standing is decided by, and what answers call the voices."""

    official_words: frozenset[str]
    voice_words: frozenset[str]
    voices_label: str
    voices_about: str
    voices_command: str
    voices_names: frozenset[tuple[str, ...]]
    place_kinds: frozenset[str]


@dataclass(frozen=True)
class PartyChoice:
    """The parties an overview shows, those it leaves for later, and the voices it sets apart;
    `tail` counts per side the parties past those the store read one by one (fewest positions)."""

    shown: tuple[PartyEntry, ...]
    hidden: tuple[PartyEntry, ...]
    voices: tuple[PartyEntry, ...]
    tail: tuple[PartyTally, ...] = ()


@cache
def load_standing() -> StandingBook:
    """Read the standing words once."""
    data: dict[str, Any] = json.loads(data_text("standing.json"))
    voices = data["voices"]
    return StandingBook(
        official_words=frozenset(word.casefold() for word in data["official_words"]),
        voice_words=frozenset(word.casefold() for word in data["voice_words"]),
        voices_label=voices["label"],
        voices_about=voices["about"],
        voices_command=voices["names"][0],
        voices_names=frozenset(tuple(words_of(name)) for name in voices["names"]),
        place_kinds=frozenset(data["place_kinds"]),
    )


def is_voice(party: PartyEntry) -> bool:
    """True for an ordinary person quoted, by the rule in the module docstring."""
    if party.kind is None:
        return _names_voice(party.name)
    if party.kind != ActorKind.PERSON or not party.role:
        return False
    role = _role_words(party.role)
    if role & load_standing().official_words:
        return False
    return bool(role & load_standing().voice_words) or party.side is None


def _names_voice(text: str) -> bool:
    """True when words name a voice word and no official word ("local residents")."""
    words = _role_words(text)
    book = load_standing()
    return bool(words & book.voice_words) and not words & book.official_words


@lru_cache(maxsize=4096)
def _role_words(text: str) -> frozenset[str]:
    """A role's words as looked up: each as written, without a plural ending, and its parts."""
    found: set[str] = set()
    for word in words_of(text):
        for part in {word, *word.split("-")}:
            found |= {part, *_singulars(part)}
    return frozenset(found)


def _singulars(word: str) -> tuple[str, ...]:
    """The forms a plural may stand for ("secretaries" → "secretary", "residents" → "resident")."""
    if word.endswith("ies"):
        return (word[:-3] + "y",)
    if word.endswith("es"):
        return (word[:-2], word[:-1])
    return (word[:-1],) if word.endswith("s") else ()


def choose_parties(
    parties: Sequence[PartyEntry], limit: int, tail: Sequence[PartyTally] = ()
) -> PartyChoice:
    """The first `limit` parties that are no voices (in the order given), the rest, and the
    voices; the parties counted only per side (`tail`) are left for later with the rest."""
    voices = tuple(party for party in parties if is_voice(party))
    others = [party for party in parties if not is_voice(party)]
    return PartyChoice(tuple(others[:limit]), tuple(others[limit:]), voices, tuple(tail))


def party_totals(parties: Iterable[PartyEntry]) -> dict[str, int]:
    """How many demands each party has, by the name its demands show (same names added up)."""
    totals: dict[str, int] = {}
    for party in parties:
        totals[party.name] = totals.get(party.name, 0) + party.n_demands
    return totals


def voices_label() -> str:
    """What answers call the voices ("People quoted"), in the current language."""
    return _(load_standing().voices_label)


def voices_about() -> str:
    """Who the voices are, in a few words ("residents, medics, analysts…"), in the current
    language."""
    return _(load_standing().voices_about)


def voices_named(text: str) -> bool:
    """True when a reader's words name the voices ("people", "voices", "people quoted")."""
    return tuple(words_of(text)) in load_standing().voices_names


def place_kinds() -> frozenset[str]:
    """The actor kinds that are places, listed by /who only when they have a role or act."""
    return load_standing().place_kinds
