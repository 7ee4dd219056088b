"""What the demand cues share: the demand found and its span (demand_reader.py says whose it is)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from briefings.model import DemandKind
from briefings.vocabulary.demand_words import load_demand_words

if TYPE_CHECKING:
    from briefings.extraction.attribution import Source

_COMPLEMENT_DEPS = {
    "dobj",
    "prep",
    "prt",
    "xcomp",
    "ccomp",
    "dative",
    "attr",
    "oprd",
    "acomp",
    "pobj",
    "neg",
    "advmod",
    "npadvmod",
}
_NEGATIONS = {"not", "n't", "never", "no"}
NEGATIVE_SUBJECTS = {"nobody", "none", "noone"}
_MAX_TOKENS = 45


@dataclass(frozen=True)
class FoundDemand:
    """A demand found in the doc, before it becomes plain data."""

    party: Source
    start: int
    end: int
    kind: DemandKind
    refers_back: bool = False
    context: tuple[int, int] | None = None


def span_text(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A demand's token span without trailing spaces, punctuation or an unmatched quote mark."""

    def trailing_junk(tok: Token) -> bool:
        if tok.is_space:
            return True
        if tok.text in {'"', "”"}:
            return doc[start:end].text.count('"') % 2 == 1 or "“" not in doc[start:end].text
        return tok.is_punct and tok.text != ")"

    end = _with_proviso(doc, start, end)
    while end > start and trailing_junk(doc[end - 1]):
        end -= 1
    end = _with_closing_quote(doc, start, end)
    return start, min(end, start + _MAX_TOKENS)


def _with_closing_quote(doc: Doc, start: int, end: int) -> int:
    """'called for an "immediate ceasefire"': a quote opened in the span and closed right after
    it (the parse hangs the closing mark on the verb) is closed in the span too."""
    if end >= len(doc) or doc[end].text not in {'"', "”"}:
        return end
    text = doc[start:end].text
    opened = text.count('"') % 2 == 1 or text.count("“") > text.count("”")
    return end + 1 if opened else end


def _with_proviso(doc: Doc, start: int, end: int) -> int:
    """ "ready to halt strikes provided Washington": a proviso the parse cut short runs on to the
    end of the sentence."""
    if end <= start or end >= len(doc):
        return end
    words = load_demand_words().proviso_conjunctions
    tail = doc[max(start, end - 3) : end]
    if any(t.lower_ in words for t in tail):
        return max(end, doc[end - 1].sent.end)
    return end


def complement_end(verb: Token) -> int:
    """Where a verb's complements (objects, prepositions, clauses after it, a proviso) end."""
    end = verb.i + 1
    for child in verb.children:
        if child.i > verb.i and (child.dep_ in _COMPLEMENT_DEPS or _is_proviso(child)):
            end = max(end, max(t.i for t in child.subtree) + 1)
    return end


def _is_proviso(clause: Token) -> bool:
    """ "provided Washington moves first", "only if sanctions are lifted": a condition attached."""
    marks = load_demand_words().proviso_marks
    if clause.dep_ in {"advcl", "prep"} and clause.lower_ in marks:
        return True
    heads = {"mark", "advmod", "prep"}
    return clause.dep_ == "advcl" and any(
        c.dep_ in heads and c.lower_ in marks for c in clause.children
    )


def clause_start(verb: Token) -> int:
    """First token of a verb's own clause, leaving out a leading "that" and clauses hung before it."""
    hung = {"ccomp", "parataxis", "advcl", "punct", "mark", "cc"}
    skipped = {t.i for c in verb.children if c.i < verb.i and c.dep_ in hung for t in c.subtree}
    return min(t.i for t in verb.subtree if t.i not in skipped)


def clause_end(verb: Token, reporting: frozenset[str]) -> int:
    """Where a verb's clause ends, leaving out a reporting verb joined to it ("..., and claimed X")."""
    joined = [c for c in verb.children if c.dep_ == "conj" and c.lemma_ in reporting]
    cut = min((c.left_edge.i for c in joined), default=None)
    kept = [t.i for t in verb.subtree if cut is None or t.i < cut]
    end = max(kept) + 1
    while end > verb.i + 1 and (verb.doc[end - 1].dep_ == "cc" or verb.doc[end - 1].is_punct):
        end -= 1
    return end


def is_negated(verb: Token) -> bool:
    """Whether a verb is negated: "did not accept", "never agreed"."""
    return any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in verb.children)
