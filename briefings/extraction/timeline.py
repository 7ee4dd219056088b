"""Find dated events in a doc: what happened (or will) on which calendar date, for /timeline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from briefings.extraction.dates import (
    MONTH,
    MONTHS,
    Precision,
    place_date,
    precision_of,
    read_date,
)
from briefings.extraction.grammar import text_of
from briefings.extraction.numbers import is_year

_MAX_CHARS = 240
# Explicit dates the entity recogniser may miss; capitalised, so that "may" the verb is not one.
_CAPITAL_MONTH = rf"(?:{'|'.join(m.title() for m in MONTHS)})[a-z]*\.?"
_EXPLICIT = re.compile(
    rf"\b(?:\d{{4}}-\d\d-\d\d|{_CAPITAL_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?|\d{{1,2}}"
    rf"(?:st|nd|rd|th)? {_CAPITAL_MONTH}(?: \d{{4}})?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"|(?i:yesterday|today))\b"
)
_FURNITURE = re.compile(
    r"^\W*(?:(?:first\s+)?(?:published|updated|posted|last\s+(?:updated|modified))\b"
    r"|by\s.*[^.!?\"”]$)|\b(?:photograph|photo|picture|image|credit)s?\s*:|\bmins?\s+read\b"
    r"|\s[·•|]\s",
    re.IGNORECASE,
)
_PLACE_PREFIX = re.compile(r"^(?:[A-Z][\w.'’/-]*,?\s+){0,3}[A-Z][\w.'’/-]*,\s*$")
_DATELINE_MARK = re.compile(r"^\s*(\([^)]{1,40}\)\s*)?[-–—]\s*")
_VERBS = {"VERB", "AUX"}
_FUTURE_AUX = {"will", "'ll", "shall", "wo"}
_INTENT_LEMMAS = {"plan", "intend", "expect", "hope", "aim", "want", "schedule", "prepare"}
# Clauses hanging from a dated clause by these relations are events of their own.
_SPLIT_DEPS = {"conj", "advcl", "relcl", "acl", "parataxis"}
_QUOTE_MARKS = '"“”'
_OPEN_ENDS = {",", ";", ":", "-", "–", "—", "(", "“", "‘"}


@dataclass(frozen=True)
class FoundEvent:
    """A dated event: the calendar date it happened (or will), how precise, and the words saying what."""

    day: date
    precision: Precision
    start: int
    end: int
    date_start: int
    date_end: int
    text: str


class _Dated(NamedTuple):
    """A date placed on the calendar, with the verb it hangs from."""

    verb: Token
    span: Span
    day: date
    precision: Precision


def _candidates(doc: Doc) -> list[Span]:
    """DATE entities, widened to a day or year beside them, and explicit dates the model missed."""
    spans = [_widen(e) for e in doc.ents if e.label_ == "DATE"]
    taken = {i for span in spans for i in range(span.start, span.end)}
    for match in _EXPLICIT.finditer(text_of(doc)):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not taken.intersection(range(span.start, span.end)):
            spans.append(_widen(span))
    return sorted(spans, key=lambda s: s.start)


def _widen(span: Span) -> Span:
    doc, start, end = span.doc, span.start, span.end
    has_month = re.match(MONTH, span.text.lower()) is not None
    if start and has_month and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", doc[start - 1].text):
        start -= 1
    if start and doc[start - 1].lower_ in {"last", "next", "this"}:
        start -= 1
    if has_month and end + 1 < len(doc) and doc[end].text == "," and is_year(doc[end + 1].text):
        end += 2
    return doc[start:end]


def _line(span: Span) -> tuple[str, str, str]:
    """The text of the span's line before the span, the whole line, and the text after it."""
    text = text_of(span.doc)
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char) % (len(text) + 1)
    return text[start : span.start_char], text[start:end], text[span.end_char : end]


def _dateline_end(span: Span) -> int | None:
    """Where the text after a dateline ("KYIV, Dec 7 (Agency) -") starts, if the span is one."""
    before, _, after = _line(span)
    mark = _DATELINE_MARK.match(after)
    # Without a place or an agency, "7 December - Trump meets Zelenskyy" is a timeline entry.
    if mark is None:
        return None
    agency = not before.strip() and mark[1] is not None
    return span.end_char + mark.end() if agency or _PLACE_PREFIX.match(before) else None


def _verb_of(span: Span) -> Token | None:
    """The verb a date hangs from, else the sentence root; None in a sentence without a verb."""
    tok = span.root
    while tok.pos_ not in _VERBS and tok.dep_ != "ROOT":
        tok = tok.head
    return tok if any(t.pos_ in _VERBS for t in span.sent) else None


def _tense(verb: Token) -> str:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    intent = verb.dep_ == "xcomp" and verb.head.lemma_ in _INTENT_LEMMAS
    if intent or any(a.lower_ in _FUTURE_AUX for a in auxes):
        return "future"
    past = verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes)
    return "past" if past else "other"


def _not_an_event(span: Span) -> bool:
    """A date alone on its line, in a byline, stamp or credit, or an end ("until February")."""
    before, line, after = _line(span)
    until = span.start > 0 and span.doc[span.start - 1].lower_ in {"until", "till"}
    alone = not re.search(r"[^\W\d_]", before + after)
    return until or alone or _FURNITURE.search(line) is not None


def _dated(doc: Doc, published: date | None) -> tuple[list[_Dated], set[int]]:
    """Each date outside page furniture placed on the calendar, and the tokens of datelines."""
    found, hidden = [], set()
    for span in _candidates(doc):
        parts, verb, dateline = read_date(span.text), _verb_of(span), _dateline_end(span)
        if dateline is not None:
            hidden |= {t.i for t in span.sent if t.idx < dateline}
        if dateline is not None or parts is None or verb is None or _not_an_event(span):
            continue
        if (day := place_date(parts, published, _tense(verb))) is not None:
            found.append(_Dated(verb, span, day, precision_of(parts)))
    return found, hidden


def _one_per_clause(found: list[_Dated]) -> list[_Dated]:
    """The first date of each verb, and each date once in a sentence."""
    by_verb: dict[int, _Dated] = {}
    for item in found:
        by_verb.setdefault(item.verb.i, item)
    kept: dict[tuple[int, date, Precision], _Dated] = {}
    for item in by_verb.values():
        kept.setdefault((item.span.sent.start, item.day, item.precision), item)
    return list(kept.values())


def _clause(verb: Token, others: list[Token]) -> list[Token]:
    """A dated clause: its verb's subtree without the other dated clauses split off it."""
    top = verb
    while top.dep_ == "xcomp":
        top = top.head
    top = top.head if top.dep_ in {"relcl", "acl"} else top
    inside, cut = {t.i for t in top.subtree} - {top.i}, set()
    for other in (o for o in others if o.dep_ in _SPLIT_DEPS and o.i in inside):
        cut |= {t.i for t in other.subtree}
        i = other.left_edge.i - 1
        while i >= 0 and (verb.doc[i].dep_ == "cc" or verb.doc[i].text in _OPEN_ENDS):
            cut, i = cut | {i}, i - 1
    return sorted([*_shared_subject(top), *(t for t in top.subtree if t.i not in cut)])


def _in_relative_clause(verb: Token) -> bool:
    """Whether a dated verb only qualifies a noun ("four regions Moscow laid claim to in 2022"):
    the event is that phrase, not the sentence around it."""
    while verb.dep_ == "xcomp":
        verb = verb.head
    return verb.dep_ in {"relcl", "acl"}


def _shared_subject(verb: Token) -> list[Token]:
    """The subject a coordinated verb shares with the verb before it ("Russia ... and invaded")."""
    own = any(c.dep_.startswith("nsubj") for c in verb.children)
    subjects = [c for c in verb.head.children if c.dep_.startswith("nsubj")]
    return [] if own or verb.dep_ != "conj" or not subjects else list(subjects[0].subtree)


def _joins(tok: Token) -> bool:
    return tok.dep_ in {"cc", "mark"} and not tok.is_sent_start


def _trimmed(tokens: list[Token], hidden: set[int]) -> list[Token]:
    """Tokens without datelines or spaces, nor joining words and punctuation left at the ends."""
    kept = [t for t in tokens if t.i not in hidden and not t.is_space]
    while kept and kept[0].text not in _QUOTE_MARKS and (kept[0].is_punct or _joins(kept[0])):
        kept.pop(0)
    while kept and (kept[-1].dep_ in {"cc", "mark"} or kept[-1].text in _OPEN_ENDS):
        kept.pop()
    return kept


def _unquoted(text: str) -> str:
    """Text without quote marks wrapping it or left unmatched at either end."""
    marks, opens, closes = sum(map(text.count, _QUOTE_MARKS)), text[:1], text[-1:]
    if marks == 2 and opens in _QUOTE_MARKS and closes in _QUOTE_MARKS:
        return text[1:-1].strip()
    if marks % 2 and opens in _QUOTE_MARKS:
        return text[1:].strip()
    return text[:-1].strip() if marks % 2 and closes in _QUOTE_MARKS else text


def _words(tokens: list[Token]) -> str:
    """The tokens' text, whitespace normalised, cut at a word boundary near _MAX_CHARS."""
    text = " ".join("".join(t.text_with_ws for t in tokens).split())
    text = _unquoted(re.sub(r",(?=\s*[,.;:])", "", re.sub(r"\s+([,.;:])", r"\1", text)))
    if len(text) <= _MAX_CHARS:
        return text
    return text[: _MAX_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:–—- ") + "…"


def find_events(doc: Doc, published: date | None) -> list[FoundEvent]:
    """Dated events in document order, one per dated clause, each with its sentence or clause."""
    dated, hidden = _dated(doc, published)
    found = _one_per_clause(dated)
    events = []
    for item in found:
        sent, span = item.span.sent, item.span
        others = [o.verb for o in found if o.span.sent == sent and o.verb.i != item.verb.i]
        own_clause = bool(others) or _in_relative_clause(item.verb)
        tokens = _trimmed(_clause(item.verb, others) if own_clause else list(sent), hidden)
        if tokens:
            where = (tokens[0].i, tokens[-1].i + 1, span.start, span.end)
            events.append(FoundEvent(item.day, item.precision, *where, _words(tokens)))
    return sorted(events, key=lambda e: (e.start, e.date_start))
