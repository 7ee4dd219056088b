"""What the demand cues share: the demand found, who it is attributed to, and its span.

A DemandReader reads one parsed article for the cues of demand_cues.py and demand_nouns.py:
whether a cue sits in reported speech, is framed as someone else's belief, and whose it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from briefings.extraction.attribution import Attribution, Source, subject_of
from briefings.model import DemandKind
from briefings.vocabulary.lexicon import Lexicon

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

    while end > start and trailing_junk(doc[end - 1]):
        end -= 1
    return start, min(end, start + _MAX_TOKENS)


def complement_end(verb: Token) -> int:
    """Where a verb's complements (objects, prepositions, clauses after it) end."""
    end = verb.i + 1
    for child in verb.children:
        if child.i > verb.i and child.dep_ in _COMPLEMENT_DEPS:
            end = max(end, max(t.i for t in child.subtree) + 1)
    return end


def clause_start(verb: Token) -> int:
    """First token of a verb's own clause, leaving out a leading "that" and clauses hung before it."""
    hung = {"ccomp", "parataxis", "advcl", "punct", "mark", "cc"}
    skipped = {t.i for c in verb.children if c.i < verb.i and c.dep_ in hung for t in c.subtree}
    return min(t.i for t in verb.subtree if t.i not in skipped)


def is_negated(verb: Token) -> bool:
    """Whether a verb is negated: "did not accept", "never agreed"."""
    return any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in verb.children)


class DemandReader:
    """One parsed article read for demand cues: its attribution and the lexicon's cue words."""

    def __init__(self, doc: Doc, attribution: Attribution, lexicon: Lexicon) -> None:
        self.doc = doc
        self.att = attribution
        self.lex = lexicon

    def reported_speaker(self, tok: Token) -> Source | None:
        """The speaker when a token sits in reported speech (a quote or a reporting verb's complement)."""
        n = self.att.sentence_index(tok)
        for ancestor in [tok, *tok.ancestors]:
            source = self.att.speech_source(ancestor) if ancestor is not tok else None
            aside = next((c for c in ancestor.children if c.dep_ == "parataxis"), None)
            if source is None and aside is not None:
                source = self.att.speech_source(aside)
            if source is not None:
                return source
        return self.att.sentence_speaker(n) if self.att.in_quote(n) else None

    def framed(self, tok: Token) -> bool:
        """True when a cue is framed by someone else's belief or accusation, or is hypothetical."""
        if tok.sent.text.isupper():
            return True
        chain = [tok, *tok.ancestors]
        if any(
            c.lower_ in {"if", "unless"} and c.dep_ == "mark" for t in chain for c in t.children
        ):
            return True
        return any(a.lemma_ in self.lex.reported_framing_verbs for a in tok.ancestors)

    def party(self, verb: Token) -> Source | None:
        """Who a cue verb's subject is, speaking for themselves or reported; None if unclear."""
        subject = subject_of(verb)
        speaker = self.reported_speaker(verb)
        if subject is None:
            return None
        if subject.lower_ in NEGATIVE_SUBJECTS:
            return speaker
        if self.att.in_quote(self.att.sentence_index(verb)) and subject.lower_ not in {"i", "we"}:
            return None
        return self.att.resolve(subject, speaker)
