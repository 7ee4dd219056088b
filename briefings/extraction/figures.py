"""Find reported numbers, normalise them, and tie each to what it counts and who claims it.

Who claims a figure is decided in `briefings/extraction/claimants.py`, which states the whole chain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from briefings.extraction.attribution import Attribution, Source
from briefings.extraction.claimants import claimant_of
from briefings.extraction.figure_measures import classify_figure
from briefings.extraction.numbers import digit_value, is_year, scale_of, word_value
from briefings.model import ActorKind
from briefings.vocabulary.lexicon import Lexicon

_MONTHS = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
_DEFINITE = {"the", "these", "those", "its", "his", "her", "their", "our", "my", "both"}
_WHAT_DEPS = {"amod", "compound", "nmod"}
_SCALE_WORDS = {"m", "bn", "k", "million", "billion", "thousand", "trillion", "mn", "tn"}


@dataclass(frozen=True)
class FoundFigure:
    """A figure found in the doc, before it becomes plain data."""

    value: float
    start: int
    end: int
    unit: str | None
    what: str | None
    qualifier: str | None
    claimant: Source | None
    measure: str | None = None
    measured_side: str | None = None


def _core_value(tok: Token, lexicon: Lexicon) -> float | None:
    value = digit_value(tok.text, lexicon)
    if value is not None:
        return value
    if tok.pos_ == "NUM" or tok.like_num:
        return word_value(tok.text, lexicon)
    return None


def _is_age(tok: Token) -> bool:
    doc = tok.doc
    nxt = "".join(t.text_with_ws for t in doc[tok.i + 1 : tok.i + 6]).lower()
    if re.match(r"-?years?-old", nxt):
        return True
    before = doc[max(0, tok.sent.start) : tok.i]
    threshold = any(t.lower_ in {"age", "ages"} for t in before)
    if re.match(r"years? old\b", nxt) and not threshold:
        return True
    if tok.i and doc[tok.i - 1].lower_ in {"aged", "age"}:
        return True
    prev, after = tok.nbor(-1) if tok.i else None, tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return bool(
        prev
        and after
        and prev.text == ","
        and after.text == ","
        and prev.i
        and prev.nbor(-1).pos_ == "PROPN"
    )


def _is_clock_time(tok: Token) -> bool:
    """ "at 10.30", "at 11.15 in Kyiv", "at 10 local time": times of day, not figures."""
    doc = tok.doc
    prev = doc[tok.i - 1].lower_ if tok.i else ""
    after = doc[tok.i + 1 : tok.i + 3].text.lower()
    if after.startswith(("local time", "gmt", "utc", "cet", "bst", "est", "o'clock", "hours gmt")):
        return True
    return (
        prev in {"at", "until", "till"} and re.fullmatch(r"\d{1,2}[.:]\d{2}", tok.text) is not None
    )


def _next_to_month(tok: Token) -> bool:
    doc = tok.doc
    neighbours = [doc[i].text for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
    return any(_MONTHS.fullmatch(n) for n in neighbours)


def _in_date_or_time(tok: Token) -> bool:
    if _next_to_month(tok):
        return True
    if tok.ent_type_ not in {"DATE", "TIME"}:
        return False
    ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
    if ent.label_ == "TIME" and not re.search(r"\b(hours?|minutes?)\b", ent.text, re.I):
        return True
    return bool(_MONTHS.search(ent.text)) or not tok.text[0].isdigit()


def _is_incidental(tok: Token, lexicon: Lexicon) -> bool:
    doc = tok.doc
    if tok.lower_ == "one" or _is_age(tok) or _is_clock_time(tok) or _in_date_or_time(tok):
        return True
    if is_year(tok.text) and not (tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "NNS"):
        return True
    following = doc[tok.i + 1 : tok.i + 3]
    if any(t.lower_ in lexicon.non_figure_followers for t in following):
        return True
    prev = doc[tok.i - 1] if tok.i else None
    if prev is not None and (prev.lower_ in _DEFINITE or prev.text in {"No.", "#", "No"}):
        return True
    if prev is not None and prev.text == "-" and not prev.whitespace_:
        return True
    head = tok.head
    speaks = head.head.lemma_ in lexicon.speech_verbs
    return head.lower_ in lexicon.source_nouns and head.dep_ == "nsubj" and speaks


def _extent(tok: Token, lexicon: Lexicon) -> tuple[int, int, float, str | None]:
    """Span, multiplier and unit of the expression a number token heads."""
    doc, start, end, scale, unit = tok.doc, tok.i, tok.i + 1, 1.0, None
    if (
        end < len(doc)
        and (s := scale_of(doc[end].text, lexicon)) is not None
        and not re.search(r"[a-z]$", tok.text, re.I)
    ):
        scale, end = s, end + 1
    if start and doc[start - 1].text.lower() in lexicon.currencies:
        unit, start = lexicon.currencies[doc[start - 1].text.lower()], start - 1
    after = doc[end : end + 2].text.lower()
    for word in lexicon.percent_words:
        if after == word or after.startswith(word + " ") or (word == "%" and after.startswith("%")):
            unit, end = "%", end + len(word.split())
            break
    for words, code in lexicon.area_units.items():
        if after.startswith(words):
            unit, end = code, end + len(words.split())
    if unit is None and end < len(doc) and doc[end].lower_ in lexicon.currencies:
        unit, end = lexicon.currencies[doc[end].lower_], end + 1
    return start, end, scale, unit


def _qualifier(doc: Doc, start: int, lexicon: Lexicon) -> tuple[str | None, int]:
    for width in (3, 2, 1):
        if start - width < 0:
            continue
        words = doc[start - width : start].text.lower()
        if words in lexicon.qualifiers:
            return lexicon.qualifiers[words], start - width
    return None, start


def _what(tok: Token) -> str | None:
    head = tok.head
    if head.lower_ in _SCALE_WORDS and head.head is not head:
        head = head.head
    if head.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"nummod", "quantmod", "compound"}:
        words = [
            c for c in head.children if c.dep_ in _WHAT_DEPS and c.i < head.i and not c.like_num
        ]
        phrase = " ".join(t.text for t in [*words, head])
        verb = head.head
        if (
            head.dep_ in {"nsubj", "nsubjpass"}
            and verb.pos_ == "VERB"
            and verb.tag_ in {"VBN", "VBD"}
        ):
            phrase += f" {verb.text}"
        return phrase
    if head.pos_ in {"VERB", "ADJ"}:
        return head.text
    if tok.dep_ == "pobj" and head.head.pos_ in {"NOUN", "VERB"}:
        return f"{head.head.text} {head.text}".strip()
    return None


def _strength(figure: FoundFigure) -> int:
    claimant = figure.claimant
    if claimant is None:
        return 0
    if claimant.mention is None:
        return 1
    return 3 if claimant.mention.kind == ActorKind.PERSON else 2


def _merge_repeats(found: list[FoundFigure]) -> list[FoundFigure]:
    """One figure per value and unit: a number repeated in an article is one fact, best attributed."""
    best: dict[tuple[float, str | None], FoundFigure] = {}
    for figure in found:
        key = (figure.value, figure.unit)
        if key not in best or _strength(figure) > _strength(best[key]):
            best[key] = figure
    return sorted(best.values(), key=lambda f: f.start)


def find_figures(doc: Doc, attribution: Attribution, lexicon: Lexicon) -> list[FoundFigure]:
    """Every reported number in the doc with value, unit, what it counts, measure and claimant."""
    found: list[FoundFigure] = []
    for tok in doc:
        value = _core_value(tok, lexicon)
        if value is None or _is_incidental(tok, lexicon) or tok.sent.text.isupper():
            continue
        start, end, scale, unit = _extent(tok, lexicon)
        qualifier, start = _qualifier(doc, start, lexicon)
        measured = classify_figure(tok, unit, lexicon.measures)
        found.append(
            FoundFigure(
                value=value * scale,
                start=start,
                end=end,
                unit=unit,
                what=_what(tok),
                qualifier=qualifier,
                claimant=claimant_of(tok, attribution),
                measure=measured.measure,
                measured_side=measured.side,
            )
        )
    return _merge_repeats(found)
