"""What a figure measures, from the taxonomy in data/measures.json and the parse around it.

Each measure says which of the figure's words (see figure_context.py) must carry its cue words;
the best-scoring measure wins. data/measures.json documents the file's shape and the rules in its
"_doc" entry; briefings.vocabulary.lexicon loads it with the other cue words.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from briefings.extraction.figure_context import FigureContext, read_context, word_forms
from briefings.extraction.figure_sides import measured_side
from briefings.vocabulary.lexicon import Measure, Taxonomy


@dataclass(frozen=True)
class Measured:
    """What a figure measures (a measure id) and the side measured, each None when unclear."""

    measure: str | None
    side: str | None


def _unit_kind(unit: str | None, taxonomy: Taxonomy) -> str | None:
    return next((k for k, units in taxonomy.unit_kinds.items() if unit in units), None)


def _score(measure: Measure, context: FigureContext, kind: str | None) -> int | None:
    """Points for the slots a measure's cues fill, or None if it cannot be the measure."""
    if kind not in measure.units:
        return None
    phrase, events = word_forms(context.phrase), word_forms(context.events)
    slots = {kind} if kind is not None else set()
    slots |= {"noun"} if phrase & measure.nouns else set()
    slots |= {"event"} if events & measure.events else set()
    slots |= {"term"} if phrase & measure.terms else set()
    slots |= {"bare"} if context.bare else set()
    if not any(alternative <= slots for alternative in measure.requires):
        return None
    return len(slots & {"noun", "event"}) + (kind != "count")


def _choose(tied: list[Measure], taxonomy: Taxonomy) -> Measure:
    """One of equally good measures.

    A narrower one beats one that includes it ("lost their lives": killed, not losses); siblings
    give way to the narrowest measure including them all ("killed or wounded": losses); else the
    first listed.
    """
    ids = {m.id for m in tied}
    narrowest = [m for m in tied if not m.overlaps & ids]
    names = {m.id for m in narrowest}
    covering = [m for m in taxonomy.measures if len(names) > 1 and names - {m.id} <= m.overlaps]
    return min(covering, key=lambda m: len(m.overlaps)) if covering else (narrowest or tied)[0]


def _best(context: FigureContext, unit: str | None, taxonomy: Taxonomy) -> Measure | None:
    kind = _unit_kind(unit, taxonomy)
    scored = [(s, m) for m in taxonomy.measures if (s := _score(m, context, kind)) is not None]
    if not scored:
        return None
    top = max(s for s, _ in scored)
    return _choose([m for s, m in scored if s == top], taxonomy)


def classify_figure(tok: Token, unit: str | None, taxonomy: Taxonomy) -> Measured:
    """What the number at this token measures and whose it is, from the parse around it."""
    while tok.dep_ == "conj" and tok.head.like_num:  # "between 35,000 and 40,000"
        tok = tok.head
    context = read_context(tok, unit, taxonomy)
    measure = _best(context, unit, taxonomy)
    if measure is None:
        return Measured(measure=None, side=None)
    return Measured(measure=measure.id, side=measured_side(context, measure, taxonomy))
