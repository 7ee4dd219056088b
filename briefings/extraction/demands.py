"""Find what each party demands, calls for, proposes, conditions or rejects."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

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
_NEGATIVE_SUBJECTS = {"nobody", "none", "noone"}
_MAX_TOKENS = 45
_ANAPHORIC_NOUNS = {"move", "idea", "proposal", "plan", "step", "offer", "request", "suggestion"}


@dataclass(frozen=True)
class FoundDemand:
    """A demand found in the doc, before it becomes plain data."""

    party: Source
    start: int
    end: int
    kind: DemandKind
    refers_back: bool = False
    context: tuple[int, int] | None = None


def _span_text(doc: Doc, start: int, end: int) -> tuple[int, int]:
    def trailing_junk(tok: Token) -> bool:
        if tok.is_space:
            return True
        if tok.text in {'"', "”"}:
            return doc[start:end].text.count('"') % 2 == 1 or "“" not in doc[start:end].text
        return tok.is_punct and tok.text != ")"

    while end > start and trailing_junk(doc[end - 1]):
        end -= 1
    return start, min(end, start + _MAX_TOKENS)


def _complement_end(verb: Token) -> int:
    end = verb.i + 1
    for child in verb.children:
        if child.i > verb.i and child.dep_ in _COMPLEMENT_DEPS:
            end = max(end, max(t.i for t in child.subtree) + 1)
    return end


def _clause_start(verb: Token) -> int:
    """First token of a verb's own clause, leaving out a leading "that" and clauses hung before it."""
    hung = {"ccomp", "parataxis", "advcl", "punct", "mark", "cc"}
    skipped = {t.i for c in verb.children if c.i < verb.i and c.dep_ in hung for t in c.subtree}
    return min(t.i for t in verb.subtree if t.i not in skipped)


def _only_determined(noun: Token) -> bool:
    """ "the move", "this idea": a noun that points back rather than saying what it is."""
    modifiers = [c for c in noun.children if c.dep_ not in {"punct", "relcl"}]
    return bool(modifiers) and all(c.lower_ in {"the", "this", "that", "such"} for c in modifiers)


def _is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in _NEGATIONS for c in verb.children)


class DemandFinder:
    """Applies the demand cues of the lexicon to one parsed article."""

    def __init__(self, doc: Doc, attribution: Attribution, lexicon: Lexicon) -> None:
        self.doc = doc
        self.att = attribution
        self.lex = lexicon

    def _reported_speaker(self, tok: Token) -> Source | None:
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

    def _framed(self, tok: Token) -> bool:
        """True when a cue is framed by someone else's belief or accusation, or is hypothetical."""
        if tok.sent.text.isupper():
            return True
        chain = [tok, *tok.ancestors]
        if any(
            c.lower_ in {"if", "unless"} and c.dep_ == "mark" for t in chain for c in t.children
        ):
            return True
        return any(a.lemma_ in self.lex.reported_framing_verbs for a in tok.ancestors)

    def _party(self, verb: Token) -> Source | None:
        subject = subject_of(verb)
        speaker = self._reported_speaker(verb)
        if subject is None:
            return None
        if subject.lower_ in _NEGATIVE_SUBJECTS:
            return speaker
        if self.att.in_quote(self.att.sentence_index(verb)) and subject.lower_ not in {"i", "we"}:
            return None
        return self.att.resolve(subject, speaker)

    # -- cue families ----------------------------------------------------
    def _verb_cue(self, tok: Token) -> FoundDemand | None:
        kind = self.lex.demand_verbs.get(tok.lemma_)
        if kind is None or tok.pos_ != "VERB" or self._framed(tok):
            return None
        if tok.dep_ == "acl":
            return None
        particles = self.lex.demand_verb_particles.get(tok.lemma_, frozenset())
        needs_inf = tok.lemma_ in self.lex.demand_verbs_needing_infinitive
        if particles or needs_inf:
            has_particle = bool(particles) and any(
                c.lower_ in particles for c in tok.children if c.dep_ in {"prep", "prt"}
            )
            has_inf = needs_inf and any(
                t.lower_ == "to" and t.dep_ == "aux" for t in tok.subtree if t.i > tok.i
            )
            if not (has_particle or has_inf):
                return None
        if _is_negated(tok) and kind != DemandKind.REJECTION:
            return None
        party = self._party(tok)
        if party is None:
            return None
        end = tok.sent.end if kind == DemandKind.CONDITION else self._pseudo_cleft_end(tok)
        content = [
            t
            for t in self.doc[tok.i + 1 : end]
            if not (t.is_punct or t.is_space) and t.pos_ not in {"DET", "PRON", "ADP"}
        ]
        if kind == DemandKind.CONDITION and len(content) < 2:
            return None
        return FoundDemand(party, *_span_text(self.doc, tok.i, end), kind)

    def _pseudo_cleft_end(self, verb: Token) -> int:
        if verb.dep_ == "csubj" and any(c.lower_ == "what" for c in verb.children):
            return _complement_end(verb.head)
        return _complement_end(verb)

    def _modal_cue(self, tok: Token) -> FoundDemand | None:
        obligation = tok.lower_ in self.lex.obligation_modals or (
            tok.lemma_ in self.lex.obligation_verbs
            and tok.dep_ != "aux"
            and any(
                c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children)
                for c in tok.children
            )
            and subject_of(tok) is not None
            and subject_of(tok).lower_ not in {"i", "we"}  # type: ignore[union-attr]
        )
        if not obligation:
            return None
        verb = tok.head if tok.dep_ == "aux" else tok
        subject = subject_of(verb)
        if subject is not None and subject.lower_ in {"that", "this", "it", "which"}:
            return None
        speaker = self._reported_speaker(verb) or self.att.sentence_speaker(
            self.att.sentence_index(verb)
        )
        if speaker is None or self._framed(verb):
            return None
        start, end = _clause_start(verb), max(t.i for t in verb.subtree) + 1
        return FoundDemand(speaker, *_span_text(self.doc, start, end), DemandKind.DEMAND)

    def _negated_acceptance(self, tok: Token) -> FoundDemand | None:
        if tok.lemma_ not in self.lex.negated_acceptance_verbs or tok.pos_ != "VERB":
            return None
        subject = subject_of(tok)
        clause = tok
        negated = _is_negated(tok) or (subject is not None and subject.lower_ in _NEGATIVE_SUBJECTS)
        if not negated and tok.dep_ == "relcl" and _is_negated(tok.head.head):
            negated, clause = True, tok.head.head
        if not negated or subject is None:
            return None
        speaker = self._reported_speaker(tok)
        if subject.lower_ in _NEGATIVE_SUBJECTS | {"i", "we"}:
            party = speaker
        elif self.att.in_quote(self.att.sentence_index(tok)):
            party = None
        else:
            party = self.att.resolve(subject, speaker)
        if party is None:
            return None
        start = (
            min(t.i for t in clause.subtree)
            if clause is not tok
            else min([tok.i, *(c.i for c in tok.children if c.dep_ in {"aux", "neg", "advmod"})])
        )
        return FoundDemand(
            party, *_span_text(self.doc, start, _complement_end(clause)), DemandKind.REJECTION
        )

    def _no_more_cue(self, tok: Token) -> FoundDemand | None:
        if tok.lower_ != "there" or tok.dep_ != "expl":
            return None
        verb = tok.head
        attr = next(
            (c for c in verb.children if c.dep_ in {"attr", "nsubj"} and c.i > verb.i), None
        )
        if attr is None or not any(c.lower_ == "no" for c in attr.children):
            return None
        speaker = self._reported_speaker(verb)
        if speaker is None:
            return None
        end = max(t.i for t in verb.subtree) + 1
        return FoundDemand(speaker, *_span_text(self.doc, tok.i, end), DemandKind.REJECTION)

    def _noun_cue(self, tok: Token) -> FoundDemand | None:
        kind = self.lex.demand_nouns.get(tok.lower_)
        if kind is None or tok.pos_ != "NOUN":
            return None
        content = self._noun_content(tok)
        if content is None:
            return None
        possessor = next((c for c in tok.children if c.dep_ == "poss"), None)
        of_party = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        party = None
        speaker = self._reported_speaker(tok)
        if tok.dep_ == "nsubj" and speaker is not None:
            stance = self._stance_on(tok, speaker, possessor)
            if stance is not None:
                return stance
        if possessor is not None:
            party = self.att.resolve(possessor, speaker)
        elif of_party is not None:
            obj = next((c for c in of_party.children if c.dep_ == "pobj"), None)
            party = self.att.resolve(obj) if obj is not None else None
        if party is None:
            return None
        return FoundDemand(party, *_span_text(self.doc, content[0], content[1]), kind)

    def _stance_on(
        self, noun: Token, speaker: Source, possessor: Token | None
    ) -> FoundDemand | None:
        """ "X said Y's terms were not a plan but a demand for surrender": X's stance, when negative."""
        verb = noun.head
        owner = self.att.resolve(possessor, speaker) if possessor is not None else None
        if not _is_negated(verb) or owner is None or owner.text == speaker.text:
            return None
        start = min(t.i for t in noun.subtree)
        return FoundDemand(
            speaker, *_span_text(self.doc, start, _complement_end(verb)), DemandKind.REJECTION
        )

    def _noun_content(self, noun: Token) -> tuple[int, int] | None:
        for child in noun.children:
            if child.dep_ == "relcl" and child.lemma_ in self.lex.demand_noun_links:
                obj = next(
                    (c for c in child.children if c.dep_ in {"dobj", "attr", "xcomp", "ccomp"}),
                    None,
                )
                if obj is not None:
                    return min(t.i for t in obj.subtree), max(t.i for t in obj.subtree) + 1
        verb = noun.head
        if noun.dep_ == "nsubj" and verb.lemma_ in self.lex.demand_noun_links:
            obj = next(
                (c for c in verb.children if c.dep_ in {"xcomp", "attr", "dobj"} and c.i > verb.i),
                None,
            )
            if obj is not None and obj.pos_ == "PRON":
                return _after_colon(noun.sent, obj)
            if obj is not None:
                return min(t.i for t in obj.subtree), max(t.i for t in obj.subtree) + 1
        return None

    def _ready_cue(self, tok: Token) -> FoundDemand | None:
        if tok.lower_ not in self.lex.ready_adjectives or tok.dep_ != "acomp":
            return None
        verb = tok.head
        subject = subject_of(verb)
        if subject is None or not any(c.dep_ in {"xcomp", "prep"} for c in tok.children):
            return None
        party = self.att.resolve(subject, self._reported_speaker(verb))
        if party is None:
            return None
        return FoundDemand(
            party, *_span_text(self.doc, tok.i, _complement_end(tok)), DemandKind.PROPOSAL
        )

    def find(self) -> list[FoundDemand]:
        """Every demand in the doc, overlapping duplicates of one party merged."""
        cues = (
            self._verb_cue,
            self._modal_cue,
            self._negated_acceptance,
            self._no_more_cue,
            self._noun_cue,
            self._ready_cue,
        )
        found = [
            d for tok in self.doc for cue in cues if (d := cue(tok)) is not None and d.end > d.start
        ]
        marked = [replace(d, refers_back=self._points_back(d)) for d in _without_overlaps(found)]
        return _with_antecedents(marked)

    def _points_back(self, demand: FoundDemand) -> bool:
        """True when a demand's object is only "the move", "the idea" and the like."""
        head = self.doc[demand.start]
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


def _after_colon(sent: Span, pronoun: Token) -> tuple[int, int] | None:
    """ "remain those set out in June: X": the content is what follows the colon."""
    colon = next((t for t in sent if t.text == ":" and t.i > pronoun.i), None)
    return (colon.i + 1, sent.end) if colon is not None else None


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
    """Every demand, call, proposal, condition and rejection in the doc."""
    return DemandFinder(doc, attribution, lexicon).find()
