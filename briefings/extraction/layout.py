"""How an article's sentences sit on the page: paragraphs, quoted stretches and speaker labels."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from briefings.extraction.grammar import text_of
from briefings.identity.names import names_match
from briefings.model import ActorKind
from briefings.vocabulary.lexicon import data_text

if TYPE_CHECKING:  # for annotation only, so that layout stays a leaf of the package
    from briefings.extraction.mentions import Mention

_OPEN_QUOTES = {"“", "«"}
_CLOSE_QUOTES = {"”", "»"}
# A line holding only a name (written as \0): an optional dash or "by", an optional place.
_NAME_LINE = re.compile(
    "(?:[\u2014\u2013-]\\s*)?(?:(?:posted\\s+)?by\\s+)?\0(?:\\s+in\\s+[A-Z][\\w'-]*(?:\\s+[A-Z][\\w'-]*)*)?",
    re.IGNORECASE,
)
# A turn ends as prose does; a quote line ("Quote from X: '...'") ends with its closing mark.
_TURN_END = re.compile("[.!?\u2026]$")
_BRACKETS = {"(": 1, "[": 1, ")": -1, "]": -1}


@dataclass(frozen=True)
class LabelCues:
    """The words of speaker labels (data/speakers.json)."""

    questioners: frozenset[str]
    quoting: frozenset[str]
    joiners: frozenset[str]
    max_words: int
    vocative_leads: tuple[tuple[str, ...], ...]


@cache
def load_label_cues() -> LabelCues:
    """Read the speaker-label words once."""
    data = json.loads(data_text("speakers.json"))
    return LabelCues(
        questioners=frozenset(data["questioners"]),
        quoting=frozenset(data["quoting"]),
        joiners=frozenset(data["joiners"]),
        max_words=int(data["max_words"]),
        vocative_leads=tuple(tuple(lead.split()) for lead in data["vocative_leads"]),
    )


def label_colon(tokens: Iterable[Token]) -> Token | None:
    """The colon that ends a speaker label opening these tokens ("Stubb:", "Question (Outlet):").

    A label is capitalised words and joiners, with commas and bracketed asides, on one line;
    a lower-case content word ("Our position is simple:") means the line is prose.
    """
    cues, depth, words = load_label_cues(), 0, 0
    for tok in tokens:
        # The tokenizer may glue the colon to a closing bracket: "Question (Outlet):".
        closing = tok.text[:-1] if tok.text.endswith(":") else None
        if closing is not None and depth + _BRACKETS.get(closing, 0) == 0:
            return tok if words else None
        if "\n" in tok.text_with_ws or tok.is_space:
            return None
        depth += _BRACKETS.get(tok.text, 0)
        if depth or tok.text in {",", ")", "]"}:
            continue
        if not (tok.text[:1].isupper() or tok.lower_ in cues.joiners):
            return None
        words += 1
        if words > cues.max_words:
            return None
    return None


@dataclass(frozen=True)
class LabelRead:
    """What a paragraph's speaker label says: whom it names, and whether it asks or quotes."""

    named: tuple[str, Mention | None] | None
    asks: bool
    quotes: bool
    end: int  # the colon's token: names before it in a question's label are journalists


def read_label(tokens: Span, mentions: list[Mention]) -> LabelRead | None:
    """The speaker label opening a paragraph's tokens, read; None when there is none."""
    colon = label_colon(tokens)
    if colon is None:
        return None
    cues = load_label_cues()
    label = tokens.doc[tokens.start : colon.i]
    words = {t.lower_ for t in label}
    asks = bool(words & cues.questioners)
    named = None if asks else label_person(label, mentions)
    return LabelRead(named, asks, bool(words & cues.quoting), colon.i)


def label_person(label: Span, mentions: list[Mention]) -> tuple[str, Mention | None] | None:
    """Whom a label names: a person named in it, else a person named elsewhere ("Stubb")."""
    cues = load_label_cues()
    people = [m for m in mentions if m.kind == ActorKind.PERSON]
    inside = [m for m in people if label.start <= m.start < label.end]
    skip = cues.quoting | cues.joiners
    name = " ".join(t.text for t in label if t.lower_ not in skip and t.text[:1].isupper())
    found = inside[-1] if inside else None
    found = found or next((m for m in people if name and names_match(name, m.text)), None)
    if found is not None:
        return found.text, found
    # "Quote from X:" names its speaker even when the name is new to the model.
    quoting = any(t.lower_ in cues.quoting for t in label)
    return (name, None) if name and quoting else None


def names_no_actor(name: Span) -> bool:
    """True for a name addressed in speech or signing an entry (see the two tests below)."""
    return is_vocative(name) or is_name_line(name)


def is_vocative(name: Span) -> bool:
    """True for a lone name addressed in speech: "Thank you, Anna, for coming"."""
    doc, start = name.doc, name.start
    if len(name) != 1 or start < 2 or doc[start - 1].text != ",":
        return False
    if name.end < len(doc) and not doc[name.end].is_punct:
        return False
    words = tuple(t.lower_ for t in doc[max(0, start - 3) : start - 1])
    return any(words[-len(lead) :] == lead for lead in load_label_cues().vocative_leads)


def is_name_line(name: Span) -> bool:
    """True for a name that is its whole line, as a live entry's byline is ("Anna Lind",
    "By Anna Lind", "- Anna Lind in Kyiv"): a signature, not a statement."""
    text = text_of(name.doc)
    start = text.rfind("\n", 0, name.start_char) + 1
    end = text.find("\n", name.end_char)
    line = text[start : end if end >= 0 else len(text)].strip()
    return _NAME_LINE.fullmatch(line.replace(name.text, "\0", 1)) is not None


def carried_turns(
    sentences: list[Span], paragraphs: list[int], labels: Mapping[int, object], silent: list[bool]
) -> dict[int, int]:
    """In a transcript (two speakers' turns or more), each paragraph that carries on the turn
    before it: it has no label (of `labels`, paragraph -> speaker or None for a question) and no
    reporting verb (`silent`), and it and the paragraph before end as sentences do (a live
    blog's "Name: headline" does not)."""
    turns = {p for p, speaker in labels.items() if speaker is not None}
    last = {p: n for n, p in enumerate(paragraphs)}
    ends = {p: _TURN_END.search(sentences[n].text.rstrip()) is not None for p, n in last.items()}
    carried: dict[int, int] = {}
    for para in sorted(last)[1:] if len(turns) > 1 else ():
        owner = para - 1 if para - 1 in turns else carried.get(para - 1)
        quiet = all(silent[n] for n, p in enumerate(paragraphs) if p == para)
        if owner is not None and para not in labels and quiet and ends[para] and ends[para - 1]:
            carried[para] = owner
    return carried


def paragraph_numbers(sentences: list[Span]) -> list[int]:
    """The paragraph of each sentence: a new one starts after a line break."""
    numbers, current = [], 0
    for n, sent in enumerate(sentences):
        before = sent.doc[sent.start - 1] if sent.start > 0 else None
        if n and before is not None and "\n" in before.text_with_ws:
            current += 1
        numbers.append(current)
    return numbers


def quote_states(sentences: list[Span], paragraphs: list[int]) -> list[bool]:
    """For each sentence, whether it starts inside a direct quote (quotes end with the paragraph)."""
    inside, states = False, []
    for n, sent in enumerate(sentences):
        if n and paragraphs[n] != paragraphs[n - 1]:
            inside = False
        first = sent[0].text if len(sent) else ""
        states.append(inside or first in {'"', *_OPEN_QUOTES})
        for ch in sent.text:
            if ch == '"':
                inside = not inside
            elif ch in _OPEN_QUOTES:
                inside = True
            elif ch in _CLOSE_QUOTES:
                inside = False
    return states
