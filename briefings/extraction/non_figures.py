"""Numbers that are not facts of the story: dates, times, ages, labels, markers, source counts.

Ages are decided in `briefings/extraction/ages.py`. Cue words are data:
`briefings/data/non_figures.json` (labels, ages, anonymous sources; read by
`briefings/extraction/non_figure_cues.py`) and the lexicon's `non_figure_followers` and
`source_nouns` (`briefings/data/lexicon.json`).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from briefings.extraction.ages import in_demand, is_age
from briefings.extraction.grammar import text_of
from briefings.extraction.non_figure_cues import (
    NonFigureCues,
    first_of_run,
    load_non_figure_cues,
    words_before,
)
from briefings.extraction.numbers import is_year
from briefings.vocabulary.lexicon import Lexicon

_MONTHS = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
_DEFINITE = {"the", "these", "those", "its", "his", "her", "their", "our", "my", "both"}
_CLOCK = re.compile(r"\d{1,2}:\d{2}(:\d{2})?")
_DOTTED_TIME = re.compile(r"([01]?\d|2[0-3])[.:][0-5]\d")
# A line that opens with a footnote marker ("[3] Interview, 4 May") or a list number ("2. ...").
_FOOTNOTE_LINE = re.compile(r"[ \t]*\[\d{1,3}\]")
_LIST_NUMBER = re.compile(r"[ \t]*\d{1,2}[.)](\s|$)")
_LIST_MARK = re.compile(r"\d{1,2}[.)]\s+[A-Z\"“]")


def is_not_a_figure(tok: Token, lexicon: Lexicon) -> bool:
    """True for a number that is no fact of the story: see this module's docstring."""
    cues = load_non_figure_cues()
    return (
        tok.lower_ == "one"
        or (is_age(tok, cues) and not in_demand(tok, cues))
        or _is_clock_time(tok, lexicon)
        or _in_date_or_time(tok)
        or _is_year(tok)
        or is_marker(tok)
        or is_label(tok, cues)
        or is_anonymous_source_count(tok, lexicon, cues)
        or _is_followed_by_furniture(tok, lexicon)
        or _is_name_part(tok)
    )


# -- dates and times ------------------------------------------------------------------------------


def _is_clock_time(tok: Token, lexicon: Lexicon) -> bool:
    """ "19:47", "at 10.30", "at 10 local time", a line opening "10.32": times of day."""
    doc = tok.doc
    if _CLOCK.fullmatch(tok.text):
        return True
    prev = doc[tok.i - 1].lower_ if tok.i else ""
    after = doc[tok.i + 1 : tok.i + 3].text.lower()
    if after.startswith(("local time", "gmt", "utc", "cet", "bst", "est", "o'clock", "hours gmt")):
        return True
    amount = after.split(" ")[0] in lexicon.scales or after.startswith(tuple(lexicon.percent_words))
    time_like = _DOTTED_TIME.fullmatch(tok.text) is not None and not amount  # "12.50 million"
    start, line = _line_of(tok)
    # A live entry's stamp opens its line: "10.32 The governor said ..."
    opens_line = tok.idx == start + len(line) - len(line.lstrip(" \t"))
    return time_like and (prev in {"at", "until", "till"} or opens_line)


def _next_to_month(tok: Token) -> bool:
    doc = tok.doc
    neighbours = [doc[i].text for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc)]
    return any(_MONTHS.fullmatch(n) for n in neighbours)


def _in_date_or_time(tok: Token) -> bool:
    """ "18 October", "three days" in words, "5 hours ago": dates and times."""
    if _next_to_month(tok) or tok.doc[tok.i + 1 : tok.i + 3].text.lower().endswith(" ago"):
        return True
    if tok.ent_type_ not in {"DATE", "TIME"}:
        return False
    ent = _entity_of(tok)
    if ent.label_ == "TIME" and not re.search(r"\b(hours?|minutes?)\b", ent.text, re.I):
        return True
    return bool(_MONTHS.search(ent.text)) or not tok.text[0].isdigit()


def _entity_of(tok: Token) -> Span:
    """The entity a token is in, read from the tokens around it.

    Not looked up in `doc.ents`, which builds every entity of the doc at each call: over
    the figures of a long article, that grew with the square of its length.
    """
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while doc[start].ent_iob_ == "I" and start > 0 and doc[start - 1].ent_type == tok.ent_type:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type == tok.ent_type:
        end += 1
    return Span(doc, start, end, label=tok.ent_type)


def _is_year(tok: Token) -> bool:
    """ "in 2022", but not "2,000 soldiers" written "2000 soldiers"."""
    doc = tok.doc
    return is_year(tok.text) and not (tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "NNS")


# -- markers and labels ---------------------------------------------------------------------------


def _line_of(tok: Token) -> tuple[int, str]:
    text = text_of(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    return start, text[start : end if end >= 0 else len(text)]


def is_marker(tok: Token) -> bool:
    """A footnote marker ("[3]"), any number in a footnote's text, or the number of a list item
    ("2." at a line's start or in a run of items, "(2)")."""
    doc = tok.doc
    inside = 0 < tok.i < len(doc) - 1
    bracketed = inside and doc[tok.i - 1].text == "[" and doc[tok.i + 1].text == "]"
    # "(2)" alone in brackets is a list label; "(40 more than ...)" is a figure.
    labelled = inside and doc[tok.i - 1].text == "(" and doc[tok.i + 1].text == ")"
    start, line = _line_of(tok)
    if labelled and tok.text.isdigit() and len(tok.text) <= 2:
        return True
    if bracketed or _FOOTNOTE_LINE.match(line):
        return True
    listed = _LIST_NUMBER.match(line)
    if listed is not None and tok.idx == start + len(line) - len(line.lstrip(" \t")):
        return True
    return _is_list_item_number(tok, line)


def _is_list_item_number(tok: Token, line: str) -> bool:
    """ "2." before a capital, with "1." or "3." so too in its paragraph: a list run into one line."""
    if (
        not tok.text.isdigit()
        or len(tok.text) > 2
        or not _LIST_MARK.match(text_of(tok.doc), tok.idx)
    ):
        return False
    n = int(tok.text)
    neighbours = (rf"(?<![\d,.]){m}[.)]\s+[A-Z\"“]" for m in (n - 1, n + 1) if m > 0)
    return any(re.search(pattern, line) for pattern in neighbours)


def is_label(tok: Token, cues: NonFigureCues) -> bool:
    """ "Part Two", "Section 2", "Issue 31", "Article 5", "points 14-16": a number naming a thing."""
    first = first_of_run(tok, cues)
    counts_what_follows = first.dep_ in {"nummod", "quantmod"} and first.head.i > first.i
    return words_before(first, 1) in cues.label_words and not counts_what_follows


def _is_name_part(tok: Token) -> bool:
    """ "the third", "No. 5", "#3", "F-16" and "Leopard 2 tanks" are names, not figures."""
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i else None
    if prev is None:
        return False
    if prev.lower_ in _DEFINITE or prev.text in {"No.", "#", "No"}:
        return True
    return (prev.text == "-" and not prev.whitespace_) or _names_with(prev, tok)


def _names_with(name: Token, tok: Token) -> bool:
    """ "Leopard 2 tanks", "the Nord Stream 2 pipeline": a small number after a proper noun that
    modifies the same noun; not "sent Ukraine 40 tanks", where the name is the verb's."""
    small = tok.text.isdigit() and len(tok.text) <= 2
    shared = name.dep_ in {"nmod", "compound"} and name.head == tok.head and tok.head.i > tok.i
    return small and name.pos_ == "PROPN" and shared


def _is_followed_by_furniture(tok: Token, lexicon: Lexicon) -> bool:
    """ "12 Baker Street", "4am", "7 min read", "340 shares"."""
    following = tok.doc[tok.i + 1 : tok.i + 3]
    return any(t.lower_ in lexicon.non_figure_followers for t in following)


# -- anonymous sources ----------------------------------------------------------------------------


def is_anonymous_source_count(tok: Token, lexicon: Lexicon, cues: NonFigureCues) -> bool:
    """ "three people familiar with the talks", "two diplomats said", "citing two officials",
    "two of the officials said"."""
    group, role = _counted_group(tok)
    if group is None or group.lower_ not in lexicon.source_nouns | cues.source_nouns:
        return False
    speaks = role.dep_ == "nsubj" and role.head.lemma_ in lexicon.speech_verbs
    according = role.dep_ == "pobj" and role.head.head.lower_ == "according"
    cited = according or (role.dep_ == "dobj" and role.head.lemma_ in cues.citing_verbs)
    marked = any(t.lemma_.lower() in cues.anonymity_words for t in group.subtree if t.i > group.i)
    return speaks or cited or marked


def _counted_group(tok: Token) -> tuple[Token | None, Token]:
    """What a number counts and the token that plays its part in the clause: "two [diplomats]",
    or "[two] of the diplomats"."""
    if tok.dep_ == "nummod":
        return tok.head, tok.head
    of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return group, tok
