"""Whose a figure is: the side its measure names, from the parse around its number.

The side comes from nationality words in the noun phrase, then from the subject of a verb the
measure names, then (for some measures) from the clause.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from briefings.extraction.figure_context import FigureContext, clause_subject, has_subject
from briefings.vocabulary.lexicon import Measure, Taxonomy

# Clauses of their own: what they say is not about the figure's clause.
_OTHER_CLAUSES = {"nsubj", "agent", "ccomp", "advcl", "relcl", "parataxis", "csubj"}
_LONGEST_SIDE_FORM = 3


def _named_side(words: tuple[str, ...], taxonomy: Taxonomy) -> str | None:
    folded = tuple(w.lower() for w in words)
    return taxonomy.exact_sides.get(words) or taxonomy.folded_sides.get(folded)


def _sides_in(tokens: Iterable[Token], taxonomy: Taxonomy) -> set[str]:
    """Every side named by a nationality word, country or capital among these tokens."""
    ordered = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    found: set[str] = set()
    end = -1
    for n, tok in enumerate(ordered):
        for width in range(_LONGEST_SIDE_FORM, 0, -1):
            run = ordered[n : n + width]
            consecutive = len(run) == width and run[-1].i - tok.i == width - 1
            side = _named_side(tuple(t.text for t in run), taxonomy) if consecutive else None
            if side is not None and tok.i > end:  # "North Korean" is not also "Korean"
                found.add(side)
                end = run[-1].i
                break
    return found


def _agents(context: FigureContext, measure: Measure) -> list[Token]:
    """Subjects and "by" agents of the measure's side verbs: "Kyiv had lost", "unveiled by the US"."""
    tokens: list[Token] = []
    for verb in context.verbs:
        if verb.lemma_.lower() not in measure.side_verbs:
            continue
        subject = clause_subject(verb)
        tokens.extend(subject.subtree if subject is not None else ())
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            tokens.extend(agent.subtree)
    return tokens


def _clause_words(context: FigureContext) -> list[Token]:
    """The figure's clause without its subject, agent and embedded clauses."""
    clause = context.clause
    if clause is None:
        return []
    others = [c for c in clause.children if c.dep_ in _OTHER_CLAUSES or has_subject(c)]
    left_out = {t.i for c in others for t in c.subtree}
    return [t for t in clause.subtree if t.i not in left_out]


def measured_side(context: FigureContext, measure: Measure, taxonomy: Taxonomy) -> str | None:
    """The one side the owners, the side verbs' agents or the clause name, in that order."""
    steps = (
        lambda: context.owners,
        lambda: _agents(context, measure),
        lambda: _clause_words(context) if measure.side_from_clause else [],
    )
    for step in steps:
        found = _sides_in(step(), taxonomy)
        if found:
            return found.pop() if len(found) == 1 else None
    return None
