"""Find what each party demands, calls for, proposes, conditions or rejects.

The cues live in demand_cues.py (verbs, modals, adjectives) and demand_nouns.py (nouns); this
module runs them over every token, keeps the longest of one party's overlapping finds, and points
a demand that only says "the move" at the concrete demand before it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from briefings.extraction.demand_cues import (
    modal_cue,
    negated_acceptance,
    no_more_cue,
    ready_cue,
    verb_cue,
)
from briefings.extraction.demand_lists import list_demands
from briefings.extraction.demand_nouns import held_noun_cue, noun_cue
from briefings.extraction.demand_parts import FoundDemand
from briefings.extraction.demand_positions import (
    importance_cue,
    judgement_cue,
    let_cue,
    nobody_cue,
    only_cue,
    prohibition_cue,
    up_to_cue,
    willingness_cue,
)
from briefings.extraction.demand_reader import DemandReader
from briefings.vocabulary.lexicon import Lexicon

__all__ = ["FoundDemand", "find_demands"]

_ANAPHORIC_NOUNS = {"move", "idea", "proposal", "plan", "step", "offer", "request", "suggestion"}
# In this order: the order of the finds decides which of two equally long overlapping ones stays.
_CUES: tuple[Callable[[DemandReader, Token], FoundDemand | None], ...] = (
    verb_cue,
    modal_cue,
    negated_acceptance,
    no_more_cue,
    noun_cue,
    held_noun_cue,
    ready_cue,
    prohibition_cue,
    importance_cue,
    let_cue,
    willingness_cue,
    only_cue,
    up_to_cue,
    judgement_cue,
    nobody_cue,
)

# Only a type here: the pipeline builds the attribution and hands it in.
if TYPE_CHECKING:
    from briefings.extraction.attribution import Attribution


def _only_determined(noun: Token) -> bool:
    """ "the move", "this idea": a noun that points back rather than saying what it is."""
    modifiers = [c for c in noun.children if c.dep_ not in {"punct", "relcl"}]
    return bool(modifiers) and all(c.lower_ in {"the", "this", "that", "such"} for c in modifiers)


def _points_back(doc: Doc, demand: FoundDemand) -> bool:
    """True when a demand's object is only "the move", "the idea" and the like."""
    head = doc[demand.start]
    objects = [t for t in head.subtree if t.dep_ in {"dobj", "pobj"} and t.head.i <= head.i + 2]
    return bool(objects) and all(
        t.lemma_ in _ANAPHORIC_NOUNS and _only_determined(t) for t in objects
    )


def _with_antecedents(found: list[FoundDemand]) -> list[FoundDemand]:
    """ "X ruled out the move": point such a demand at the last concrete one of another party."""
    resolved: list[FoundDemand] = []
    for demand in found:
        if demand.refers_back:
            earlier = [
                d for d in resolved if not d.refers_back and d.party.text != demand.party.text
            ]
            if earlier:
                demand = replace(demand, context=(earlier[-1].start, earlier[-1].end))
        resolved.append(demand)
    return resolved


def _without_overlaps(found: list[FoundDemand]) -> list[FoundDemand]:
    kept: list[FoundDemand] = []
    for demand in sorted(found, key=lambda d: d.start - d.end):
        if not any(
            k.party.text == demand.party.text and k.start <= demand.start and demand.end <= k.end
            for k in kept
        ):
            kept.append(demand)
    return sorted(kept, key=lambda d: d.start)


def find_demands(doc: Doc, attribution: Attribution, lexicon: Lexicon) -> list[FoundDemand]:
    """Every demand, call, proposal, condition and rejection in the doc, overlapping duplicates
    of one party merged."""
    reader = DemandReader(doc, attribution, lexicon)
    found = [
        d for tok in doc for cue in _CUES if (d := cue(reader, tok)) is not None and d.end > d.start
    ] + list_demands(reader)
    marked = [replace(d, refers_back=_points_back(doc, d)) for d in _without_overlaps(found)]
    return _with_antecedents(marked)
