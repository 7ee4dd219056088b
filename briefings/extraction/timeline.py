"""Find dated events in a doc: what happened (or will) on which calendar date, for /timeline."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from briefings.extraction.numbers import is_year

_MAX_CHARS = 240
# Without a year, a date falls in the year that puts it in this window around publication; a
# clause in the past tense moves it before publication (give or take _GRACE), a future one after.
_MAX_AFTER, _MAX_BEFORE, _GRACE = timedelta(days=60), timedelta(days=305), timedelta(days=2)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAYNAME = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(pattern)
    for pattern in (
        r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)",
        rf"(?:{_DAYNAME} )?{_MONTH} (?P<day>\d{{1,2}})(?: {_YEAR})?",
        rf"(?:{_DAYNAME} )?(?:the )?(?P<day>\d{{1,2}}) (?:of )?{_MONTH}(?: {_YEAR})?",
        rf"{_MONTH}(?: {_YEAR})?",
        _YEAR,
        rf"(?P<shift>last |next |this |)(?P<weekday>{_DAYNAME})",
        r"(?P<shift>last|next|this) (?P<unit>month|year)",
        r"(?P<word>yesterday|today)",
    )
]
# Words that do not change which day a date is ("in early December", "the first days of January").
_FILLER = re.compile(
    r"^(?:(?:on|in|at|since|from|by|during|early|mid|late|earlier|later|the|end"
    r"|start|beginning|middle|first|days?|weeks?|of)\s+)+"
)
# Explicit dates the entity recogniser may miss; capitalised, so that "may" the verb is not one.
_CAPITAL_MONTH = rf"(?:{'|'.join(m.title() for m in _MONTHS)})[a-z]*\.?"
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


class Precision(StrEnum):
    """How much of a date is known: the day, only the month, or only the year."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


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


def _read_date(text: str) -> dict[str, str] | None:
    """The parts of a date expression such as "Dec. 7", "last Saturday" or "in February 2022"."""
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text.lower().replace("’", "'"))
    text = re.sub(r"'s\b|,|(?<=\d)(?:st|nd|rd|th)\b", "", text)
    text = _FILLER.sub("", " ".join(text.split()))
    for pattern in _PATTERNS:
        if (match := pattern.fullmatch(text)) is not None:
            return {k: v.strip() for k, v in match.groupdict().items() if v is not None}
    return None


def _precision(parts: dict[str, str]) -> Precision:
    if "unit" in parts:
        return Precision(parts["unit"])
    if parts.keys() & {"day", "weekday", "word"}:
        return Precision.DAY
    return Precision.MONTH if "month" in parts else Precision.YEAR


def _calendar(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _place(parts: dict[str, str], published: date | None, tense: str) -> date | None:
    """The calendar date a written date means in a clause of this tense, published that day."""
    name, day = parts.get("month", "1"), int(parts.get("day", 1))
    month = int(name) if name.isdigit() else _MONTHS.index(name[:3]) + 1
    if "year" in parts:
        return _calendar(int(parts["year"]), month, day)
    if published is None:
        return None
    shift = {"last": -1, "this": 0, "next": 1}.get(parts.get("shift", ""))
    if "word" in parts:
        return published - timedelta(days=int(parts["word"] == "yesterday"))
    if "weekday" in parts:
        return _weekday(published, _WEEKDAYS.index(parts["weekday"][:3]), shift, tense)
    if "unit" not in parts or shift is None:
        return _nearest_year(published, month, day if "day" in parts else None, tense)
    step = 1 if parts["unit"] == "month" else 12
    months = published.year * 12 + published.month - 1 + shift * step
    return date(months // 12, months % 12 + 1 if step == 1 else 1, 1)


def _weekday(published: date, weekday: int, shift: int | None, tense: str) -> date:
    # A bare weekday may be the publication day itself: wire copy dated Tuesday says "said on
    # Tuesday". "last Tuesday" is strictly before; "next Tuesday" and future clauses look ahead.
    if shift == 1 or (shift != -1 and tense == "future"):
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    back = (published.weekday() - weekday) % 7
    return published - timedelta(days=back or (7 if shift == -1 else 0))


def _nearest_year(published: date, month: int, day: int | None, tense: str) -> date | None:
    years = (published.year - 1, published.year, published.year + 1)
    options = [d for y in years if (d := _calendar(y, month, day or 1)) is not None]
    if tense == "past":
        return max((d for d in options if d <= published + _GRACE), default=None)
    if tense == "future":
        floor = published if day else published.replace(day=1)
        return min((d for d in options if d >= floor), default=None)
    window = (d for d in options if published - _MAX_BEFORE <= d <= published + _MAX_AFTER)
    return next(window, None)


def _candidates(doc: Doc) -> list[Span]:
    """DATE entities, widened to a day or year beside them, and explicit dates the model missed."""
    spans = [_widen(e) for e in doc.ents if e.label_ == "DATE"]
    taken = {i for span in spans for i in range(span.start, span.end)}
    for match in _EXPLICIT.finditer(doc.text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not taken.intersection(range(span.start, span.end)):
            spans.append(_widen(span))
    return sorted(spans, key=lambda s: s.start)


def _widen(span: Span) -> Span:
    doc, start, end = span.doc, span.start, span.end
    has_month = re.match(_MONTH, span.text.lower()) is not None
    if start and has_month and re.fullmatch(r"\d{1,2}(?:st|nd|rd|th)?", doc[start - 1].text):
        start -= 1
    if start and doc[start - 1].lower_ in {"last", "next", "this"}:
        start -= 1
    if has_month and end + 1 < len(doc) and doc[end].text == "," and is_year(doc[end + 1].text):
        end += 2
    return doc[start:end]


def _line(span: Span) -> tuple[str, str, str]:
    """The text of the span's line before the span, the whole line, and the text after it."""
    text = span.doc.text
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
        parts, verb, dateline = _read_date(span.text), _verb_of(span), _dateline_end(span)
        if dateline is not None:
            hidden |= {t.i for t in span.sent if t.idx < dateline}
        if dateline is not None or parts is None or verb is None or _not_an_event(span):
            continue
        if (day := _place(parts, published, _tense(verb))) is not None:
            found.append(_Dated(verb, span, day, _precision(parts)))
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
