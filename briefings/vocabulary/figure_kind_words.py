"""The cue words of a figure's kind and period, kept in `briefings/data/figure_kinds.json`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from briefings.vocabulary.lexicon import data_text


@dataclass(frozen=True)
class FigureKindWords:
    """Words that say whether a number is a total, a rate, a change or one event's."""

    rate_leads: frozenset[str]
    rate_fillers: frozenset[str]
    rate_adverbs: dict[str, str]
    period_units: frozenset[str]
    cumulative_preps: frozenset[str]
    cumulative_phrases: tuple[tuple[str, ...], ...]
    period_preps: frozenset[str]
    change_verbs: frozenset[str]
    change_qualifiers: frozenset[str]
    event_nouns: frozenset[str]
    transaction_nouns: frozenset[str]
    single_days: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    holder_verbs: frozenset[str]


@cache
def load_figure_kind_words() -> FigureKindWords:
    """Read figure_kinds.json once."""
    raw: dict[str, Any] = json.loads(data_text("figure_kinds.json"))

    def words(name: str) -> frozenset[str]:
        return frozenset(raw[name])

    return FigureKindWords(
        rate_leads=words("rate_leads"),
        rate_fillers=words("rate_fillers"),
        rate_adverbs=dict(raw["rate_adverbs"]),
        period_units=words("period_units"),
        cumulative_preps=words("cumulative_preps"),
        cumulative_phrases=tuple(tuple(p.split()) for p in raw["cumulative_phrases"]),
        period_preps=words("period_preps"),
        change_verbs=words("change_verbs"),
        change_qualifiers=words("change_qualifiers"),
        event_nouns=words("event_nouns"),
        transaction_nouns=words("transaction_nouns"),
        single_days=words("single_days"),
        perfect_auxiliaries=words("perfect_auxiliaries"),
        holder_verbs=words("holder_verbs"),
    )
