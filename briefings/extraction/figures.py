"""Find reported numbers, normalise them, and tie each to what it counts and who claims it.

Who claims a figure is decided in `briefings/extraction/claimants.py`, which states the whole chain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from briefings.extraction.claimants import claimant_of
from briefings.extraction.figure_kinds import KindReading, read_kind
from briefings.extraction.figure_measures import classify_figure
from briefings.extraction.mentions import Source
from briefings.extraction.non_figures import is_not_a_figure
from briefings.extraction.numbers import digit_value, scale_of, word_value
from briefings.model import ActorKind
from briefings.vocabulary.lexicon import Lexicon

_WHAT_DEPS = {"amod", "compound", "nmod"}
_SCALE_WORDS = {"m", "bn", "k", "million", "billion", "thousand", "trillion", "mn", "tn"}

# Only a type here: the pipeline builds the attribution and hands it in.
if TYPE_CHECKING:
    from briefings.extraction.attribution import Attribution


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
    reading: KindReading | None = None


def _core_value(tok: Token, lexicon: Lexicon) -> float | None:
    value = digit_value(tok.text, lexicon)
    if value is not None:
        return value
    if tok.pos_ == "NUM" or tok.like_num:
        return word_value(tok.text, lexicon)
    return None


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
        if value is None or is_not_a_figure(tok, lexicon) or tok.sent.text.isupper():
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
                reading=read_kind(tok, qualifier, unit, lexicon.measures),
            )
        )
    return _merge_repeats(found)
