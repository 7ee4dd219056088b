"""Positions given as a list: items under a subhead or a lead-in that names whose demands they are.

"What Russia demands" as a subhead, or "Kyiv wants:" closing a paragraph, followed by numbered
or bulleted items: each item is a position of the party the subhead or lead-in names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from briefings.extraction.demand_parts import FoundDemand, span_text
from briefings.extraction.mentions import Source
from briefings.model import DemandKind
from briefings.vocabulary.sides import load_sides

# The reader is made by demands.py and handed to each cue; here it is only a type.
if TYPE_CHECKING:
    from briefings.extraction.demand_reader import DemandReader

_NUMBERED = re.compile(r"(?:^|(?<=\s))\d{1,2}[.)]\s+(?=\S)")
_MAX_HEADING_TOKENS = 10


@dataclass(frozen=True)
class _LeadIn:
    """Whose the items that follow are, and whether they must follow at once."""

    party: Source
    kind: DemandKind
    immediate: bool


def _paragraphs(reader: DemandReader) -> list[Span]:
    """The doc's paragraphs: runs of sentences between line breaks."""
    doc, starts = reader.doc, [0]
    starts += [t.i + 1 for t in doc[:-1] if "\n" in t.text_with_ws and not doc[t.i + 1].is_space]
    bounds = zip(starts, [*starts[1:], len(doc)], strict=True)
    return [doc[a:b] for a, b in bounds if doc[a:b].text.strip()]


def _is_heading(para: Span) -> bool:
    text = para.text.strip()
    return len(para) <= _MAX_HEADING_TOKENS and not text.endswith((".", "!", "?", '"', ":"))


def _cue_kind(reader: DemandReader, tok: Token) -> DemandKind | None:
    if tok.pos_ == "VERB" or tok.pos_ == "AUX":
        return reader.lex.demand_verbs.get(reader.lemma(tok))
    return reader.lex.demand_nouns.get(tok.lower_) if tok.pos_ == "NOUN" else None


def _named_party(reader: DemandReader, span: Span) -> Source | None:
    """The party a short lead-in names: its first name, else the country it describes."""
    for tok in span:
        mention = reader.att.mention_of(tok)
        if mention is not None:
            return Source(mention.text, mention)
    country = load_sides().country_in(span.text)
    return Source(country, None) if country is not None else None


def _lead_in(reader: DemandReader, para: Span) -> _LeadIn | None:
    """A subhead or a paragraph ending in a colon whose words say demands follow, and whose."""
    heading, colon = _is_heading(para), para.text.rstrip().endswith(":")
    if not (heading or colon):
        return None
    last = reader.doc[para.end - 1].sent
    cues = [(t, k) for t in last if (k := _cue_kind(reader, t)) is not None]
    if not cues or (heading and not _names_only(reader, last, cues[0][0])):
        return None
    party = _named_party(reader, last)
    if party is None or cues[0][1] == DemandKind.REJECTION:
        return None
    return _LeadIn(party, cues[0][1], immediate=not heading)


def _names_only(reader: DemandReader, heading: Span, cue: Token) -> bool:
    """ "What Russia demands", "Kyiv's conditions": a subhead that names demands without stating
    one; "Zelensky says Ukraine wants peace" is a headline, and no list follows it."""
    speech = any(t.lemma_ in reader.lex.speech_verbs for t in heading)
    after = [t for t in heading if t.i > cue.i and t.pos_ in {"VERB", "AUX", "NOUN", "PROPN"}]
    return not speech and not after


def _items(reader: DemandReader, para: Span) -> list[tuple[int, int]]:
    """The token spans of the numbered or bulleted items a paragraph holds."""
    text, offset = para.text, para.start_char
    markers = list(_NUMBERED.finditer(text))
    starts = [m.end() for m in markers]
    ends = [m.start() for m in markers[1:]] + [len(text)]
    stripped = text.lstrip()
    if not markers and stripped[:1] in reader.words.list_markers:
        starts, ends = [len(text) - len(stripped) + 1], [len(text)]
    spans = []
    for start, end in zip(starts, ends, strict=False):
        item = reader.doc.char_span(offset + start, offset + end, alignment_mode="contract")
        if item is not None and len(item) > 1:
            spans.append(span_text(reader.doc, item.start, item.end))
    return spans


def list_demands(reader: DemandReader) -> list[FoundDemand]:
    """Each listed item under a lead-in, as a position of the party the lead-in names."""
    found: list[FoundDemand] = []
    lead: _LeadIn | None = None
    for para in _paragraphs(reader):
        items = _items(reader, para)
        if lead is not None and items:
            found += [FoundDemand(lead.party, start, end, lead.kind) for start, end in items]
        heading = _is_heading(para) and not items
        lead = _lead_in(reader, para) or (lead if not heading else None)
    return found
