"""Find direct quotes in a parsed article and say who spoke them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise, takewhile, zip_longest
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from briefings.extraction.grammar import subject_of
from briefings.extraction.mentions import Source
from briefings.model import ActorKind

# Opening mark -> the marks that close it; single quotes are never delimiters (apostrophes).
_CLOSERS = {'"': {'"', "”"}, "“": {"”"}, "«": {"»"}}
# What may stand right before a straight opening mark with no space in between.
_LEAD_INS = {"(", "[", "—", "–", "-", ":", "/", "*", "**", ">"}
_PERSON_PRONOUNS = {"he", "she"}
_VERBS = {"VERB", "AUX"}
_MIN_PARTIAL_WORDS = 2
_MIN_UNATTRIBUTED_WORDS = 4
# A reporting verb whose subject cannot be resolved: the quote is someone's, not a neighbour's.
_UNKNOWN = Source("", None)

# Only a type here: the pipeline builds the attribution and hands it in.
if TYPE_CHECKING:
    from briefings.extraction.attribution import Attribution


@dataclass(frozen=True)
class FoundQuote:
    """A direct quote: its words (without the quote marks), token span, and who said it."""

    start: int
    end: int
    text: str
    speaker: Source | None


@dataclass
class _Run:
    """A quoted run from an opening mark to its closing mark (or to the paragraph end)."""

    mark: int
    stop: int
    closed: bool
    paragraph: int
    opens_paragraph: bool
    continued: bool = False
    partial: bool = False
    speaker: Source | None = None

    @property
    def known(self) -> bool:
        """True when the run has a speaker that can be named."""
        return self.speaker is not None and self.speaker is not _UNKNOWN


def _paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs, split after every line break."""
    breaks = [t.i + 1 for t in doc[:-1] if "\n" in t.text_with_ws]
    edges = [0, *breaks, len(doc)]
    return list(pairwise(edges))


def _wordless(tok: Token) -> bool:
    return not any(c.isalnum() for c in tok.text)


def _blank(tok: Token) -> bool:
    """Spaces, punctuation and markup, but not a quote mark."""
    return _wordless(tok) and tok.text not in _CLOSERS


def _can_open(doc: Doc, i: int) -> bool:
    """A straight mark opens only after a space or a lead-in, so inch and second marks do not."""
    if doc[i].text != '"':
        return doc[i].text in _CLOSERS
    before = doc[i - 1] if i > 0 else None
    return before is None or bool(before.whitespace_) or before.is_space or before.text in _LEAD_INS


def _opens(doc: Doc, first: int, mark: int) -> bool:
    return all(_blank(t) for t in doc[first:mark])


def _runs(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[_Run]:
    """Every quoted run, paragraph by paragraph; a run never crosses a paragraph break."""
    found: list[_Run] = []
    for number, (first, last) in enumerate(paragraphs):
        mark: int | None = None
        for i in range(first, last):
            if mark is None and _can_open(doc, i):
                mark = i
            elif mark is not None and doc[i].text in _CLOSERS[doc[mark].text]:
                found.append(_Run(mark, i, True, number, _opens(doc, first, mark)))
                mark = None
        if mark is not None:
            found.append(_Run(mark, last, False, number, _opens(doc, first, mark)))
    return _link_paragraphs(doc, found)


def _link_paragraphs(doc: Doc, runs: list[_Run]) -> list[_Run]:
    """Mark runs reopened in the next paragraph; drop unclosed runs that nothing continues."""
    kept = []
    for run, after in zip_longest(runs, runs[1:]):
        if after is not None and not run.closed and after.opens_paragraph:
            after.continued = all(_blank(t) for t in doc[run.stop : after.mark])
        if run.closed or run.opens_paragraph or (after is not None and after.continued):
            kept.append(run)
    return kept


def _trimmed(doc: Doc, run: _Run) -> tuple[int, int]:
    """The quoted words: no surrounding spaces and no comma that hands over to the attribution."""
    start, end = run.mark + 1, run.stop
    while start < end and doc[start].is_space:
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text == ","):
        end -= 1
    return start, end


class _QuoteFinder:
    """Finds the quoted runs of one doc and the speaker of each."""

    def __init__(self, doc: Doc, attribution: Attribution) -> None:
        self.doc = doc
        self.att = attribution
        lexicon = attribution.lexicon
        self.speech = (lexicon.speech_verbs | lexicon.quote_verbs) - lexicon.not_quoting_verbs
        # Verbs under which a short quote is someone's words: "called for an 'immediate ceasefire'".
        self.voicing = (
            self.speech | lexicon.demand_verbs.keys() | lexicon.demand_verb_particles.keys()
        )
        self.paragraphs = _paragraphs(doc)
        self.runs = _runs(doc, self.paragraphs)
        self.quoted = {i for r in self.runs for i in range(r.mark, r.stop + 1)}

    def _person_before(self, limit: int) -> Source | None:
        """Whom "he" or "she" means: the last person named outside quotes, recent subjects first."""
        first = self.att.sentences[max(0, self.att.sentence_index(self.doc[limit]) - 2)].start
        people = [
            m
            for m in self.att.mentions
            if m.end <= limit and m.kind == ActorKind.PERSON and m.start not in self.quoted
        ]
        subjects = [m for m in people if m.start >= first and self.doc[m.end - 1].dep_ == "nsubj"]
        chosen = subjects or people
        return Source(chosen[-1].text, chosen[-1]) if chosen else None

    def _source(self, subject: Token, run: _Run, phrase: bool) -> Source | None:
        """What a subject refers to; with `phrase`, a bare noun phrase the lexicon does not know."""
        if subject.i in self.quoted or subject.dep_ == "nsubjpass":
            return None
        if subject.lower_ in _PERSON_PRONOUNS:
            return self._person_before(min(subject.i, run.mark))
        found = self.att.resolve(subject)
        if found is None and phrase and subject.pos_ in {"NOUN", "PROPN"}:
            found = Source(self.att.phrase(subject), None)
        return found

    def _verb_speaker(self, tok: Token, run: _Run) -> Source | None:
        """The speaker of a reporting verb outside quotes; _UNKNOWN when its subject is unclear."""
        if tok.pos_ not in _VERBS or tok.lemma_ not in self.speech or tok.i in self.quoted:
            return None
        subject = subject_of(tok)
        if subject is None or subject.i in self.quoted or subject.dep_ == "nsubjpass":
            return None
        return self._source(subject, run, phrase=True) or _UNKNOWN

    def _verbs_above(self, run: _Run) -> Iterator[Token]:
        """Verbs governing the run, nearest first, from its last top-level token back."""
        inside = range(run.mark + 1, run.stop)
        for i in reversed(inside):
            if self.doc[i].head.i not in inside:
                yield from (a for a in self.doc[i].ancestors if a.pos_ in _VERBS)

    def _first_speaker(self, tokens: Iterable[Token], run: _Run) -> Source | None:
        return next(filter(None, (self._verb_speaker(t, run) for t in tokens)), None)

    def _subject_above(self, run: _Run) -> Source | None:
        """Trump called for an "immediate ceasefire": the subject of a governing verb of saying
        or demanding. Under another verb ("many felt the 'escalation management'") it is a scare quote."""
        verbs = (v for v in self._verbs_above(run) if v.lemma_ in self.voicing)
        subjects = (subject_of(v) for v in verbs)
        found = (self._source(s, run, phrase=False) for s in subjects if s is not None)
        return next(filter(None, found), None)

    def _speaker_after(self, run: _Run) -> Source | None:
        """ "...?" she asked: a reporting verb in the clause after the closing mark."""
        following = next((t for t in self.doc[run.stop + 1 :] if not t.is_space), None)
        if not run.closed or following is None or following.i in self.quoted:
            return None
        same = following.sent == self.doc[run.stop].sent
        ends_sentence = self.doc[run.stop - 1].text == "." and following.is_title
        if ends_sentence or not (same or following.is_lower):
            return None
        clause = self.doc[following.i : following.sent.end]
        return self._first_speaker(takewhile(lambda t: t.i not in self.quoted, clause), run)

    def _speaker_before(self, run: _Run) -> Source | None:
        """X said: "..." / according to X, "...": a reporting verb earlier in the sentence."""
        before = next((t for t in reversed(self.doc[: run.mark]) if not t.is_space), None)
        anchor = before if before is not None and before.text == ":" else self.doc[run.mark]
        found = self._first_speaker(reversed(self.doc[anchor.sent.start : run.mark]), run)
        return found or self.att.according_to(anchor.sent)

    def _is_partial(self, run: _Run) -> bool:
        """True for a quote embedded in a sentence rather than opening a clause of its own."""
        before = next((t for t in reversed(self.doc[: run.mark]) if not t.is_space), None)
        if run.opens_paragraph or before is None or self.doc[run.mark].is_sent_start:
            return False
        return not _wordless(before)

    def find(self) -> list[FoundQuote]:
        """Every quote with its speaker, in order; scare quotes and untraced titles left out."""
        for run in self.runs:
            run.partial = self._is_partial(run)
            # "...," X said / X said that "...": first the reporting verb governing the quote.
            above = self._first_speaker(self._verbs_above(run), run)
            run.speaker = above or self._speaker_after(run) or self._speaker_before(run)
            if run.speaker is None and run.partial:
                run.speaker = self._subject_above(run)
            if run.speaker is None and self.att.labelled(
                self.att.sentence_index(self.doc[run.mark])
            ):
                # "Quote from X: '...'" or a transcript turn: the label names the speaker.
                run.speaker = self.att.sentence_speaker(self.att.sentence_index(self.doc[run.mark]))
        for n, run in enumerate(self.runs):
            if run.speaker is None and not run.partial:
                run.speaker = self._shared_speaker(n)
        found = (self._build(run) for run in self.runs)
        return [quote for quote in found if quote is not None]

    def _shared_speaker(self, n: int) -> Source | None:
        """A full quote with no verb of its own continues the quote or reported speech before it."""
        run = self.runs[n]
        earlier = [r for r in self.runs[:n] if r.known and self._joined(r, run)]
        later = [r for r in self.runs[n + 1 :] if r.known and self._joined(run, r)]
        later = [r for r in later if not r.partial]
        if earlier or later:
            return (earlier[-1] if earlier else later[0]).speaker
        return self._lead_in_speaker(run)

    def _lead_in_speaker(self, run: _Run) -> Source | None:
        """The speaker of the unquoted sentence just before, within the paragraph or, for a
        paragraph that is one quote, at the end of the paragraph before."""
        first, last = self.paragraphs[run.paragraph]
        before = self.att.sentence_index(self.doc[run.mark]) - 1
        alone = run.opens_paragraph and all(_blank(t) for t in self.doc[run.stop + 1 : last])
        if before < 0 or (self.att.sentences[before].start < first and not alone):
            return None
        if not self.att.in_quote(before):
            return self.att.sentence_speaker(before)
        quoted = [r for r in self.runs if r.paragraph == run.paragraph - 1 and r.known]
        return quoted[-1].speaker if alone and quoted else None

    def _joined(self, first: _Run, second: _Run) -> bool:
        """True when two runs share a paragraph or are one quote reopened across paragraphs."""
        if first.paragraph == second.paragraph:
            return True
        chain = [r for r in self.runs if first.mark < r.mark <= second.mark]
        return all(r.continued for r in chain)

    def _build(self, run: _Run) -> FoundQuote | None:
        start, end = _trimmed(self.doc, run)
        words = sum(1 for t in self.doc[start:end] if not (t.is_punct or t.is_space))
        too_short = _MIN_PARTIAL_WORDS if run.partial else 1
        if words < too_short or (run.partial and not run.known):
            return None
        if not run.known and words < _MIN_UNATTRIBUTED_WORDS:
            return None
        text = " ".join(self.doc[start:end].text.split())
        return FoundQuote(start, end, text, run.speaker if run.known else None)


def find_quotes(doc: Doc, attribution: Attribution) -> list[FoundQuote]:
    """Every direct quote in the doc, in order, with its speaker when one can be found."""
    return _QuoteFinder(doc, attribution).find()
