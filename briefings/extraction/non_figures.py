"""Numbers that are not facts of the story: dates, times, ages, labels, markers, source counts.

Cue words are data: `briefings/data/non_figures.json` (labels, ages, anonymous sources) and the
lexicon's `non_figure_followers` and `source_nouns` (`briefings/data/lexicon.json`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from briefings.extraction.numbers import is_year
from briefings.vocabulary.lexicon import Lexicon, data_text

_MONTHS = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
_DEFINITE = {"the", "these", "those", "its", "his", "her", "their", "our", "my", "both"}
_OLDEST = 120
_CLOCK = re.compile(r"\d{1,2}:\d{2}(:\d{2})?")
# A line that opens with a footnote marker ("[3] Interview, 4 May") or a list number ("2. ...").
_FOOTNOTE_LINE = re.compile(r"[ \t]*\[\d{1,3}\]")
_LIST_NUMBER = re.compile(r"[ \t]*\d{1,2}[.)](\s|$)")
_LIST_MARK = re.compile(r"\d{1,2}[.)]\s+[A-Z\"“]")


_WORD_SETS = (
    "label_words",
    "range_links",
    "age_words",
    "age_lead_ins",
    "age_nouns",
    "anonymity_words",
    "source_nouns",
    "demand_verbs",
    "demand_nouns",
    "citing_verbs",
    "age_preps",
    "age_groups",
    "age_verbs",
    "other_verb_particles",
)


@dataclass(frozen=True)
class NonFigureCues:
    """The cue words of data/non_figures.json."""

    label_words: frozenset[str]
    range_links: frozenset[str]
    age_words: frozenset[str]
    age_lead_ins: frozenset[str]
    age_followers: tuple[str, ...]
    age_nouns: frozenset[str]
    anonymity_words: frozenset[str]
    source_nouns: frozenset[str]
    demand_verbs: frozenset[str]
    demand_nouns: frozenset[str]
    citing_verbs: frozenset[str]
    age_preps: frozenset[str]
    age_groups: frozenset[str]
    age_verbs: frozenset[str]
    other_verb_particles: frozenset[str]


@cache
def load_non_figure_cues() -> NonFigureCues:
    """Read the cue words once."""
    data = json.loads(data_text("non_figures.json"))
    words = {key: frozenset(data[key]) for key in _WORD_SETS}
    return NonFigureCues(**words, age_followers=tuple(data["age_followers"]))


def is_not_a_figure(tok: Token, lexicon: Lexicon) -> bool:
    """True for a number that is no fact of the story: see this module's docstring."""
    cues = load_non_figure_cues()
    return (
        tok.lower_ == "one"
        or (is_age(tok, cues) and not _in_demand(tok, cues))
        or _is_clock_time(tok)
        or _in_date_or_time(tok)
        or _is_year(tok)
        or is_marker(tok)
        or is_label(tok, cues)
        or is_anonymous_source_count(tok, lexicon, cues)
        or _is_followed_by_furniture(tok, lexicon)
        or _is_name_part(tok)
    )


# -- runs of numbers ------------------------------------------------------------------------------


def _first_of_run(tok: Token, cues: NonFigureCues) -> Token:
    """The first number of the range or list a number ends: 18 in "18 to 60", 4 in "4, 5 and 6"."""
    first, i = tok, tok.i - 1
    while i >= tok.sent.start and (tok.doc[i].like_num or tok.doc[i].lower_ in cues.range_links):
        first = tok.doc[i] if tok.doc[i].like_num else first
        i -= 1
    return first


def _words_before(tok: Token, width: int) -> str:
    return tok.doc[max(tok.sent.start, tok.i - width) : tok.i].text.lower()


# -- ages -----------------------------------------------------------------------------------------


def is_age(tok: Token, cues: NonFigureCues) -> bool:
    """ "aged 18 to 60", "the ages of 18 and 60", "18 years of age", "the draft age was lowered to 25"."""
    return (
        _has_age_word_before(tok, cues)
        or _has_age_follower(tok, cues)
        or _age_given(tok, cues)
        or _is_apposed_age(tok)
        or _is_group_age(tok, cues)
    )


def _is_group_age(tok: Token, cues: NonFigureCues) -> bool:
    """ "men over 60", "children under 14", "men between 18 and 60", "once they turn 18".

    Read on the words, not the parse, which often takes the group for the number's noun.
    """
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    counts = after is not None and after.pos_ == "NOUN" and after.lower_ not in {"years", "year"}
    if not tok.text.isdigit() or int(tok.text) > _OLDEST or counts:  # "over 60 kilometres"
        return False
    first = _first_of_run(tok, cues)
    before = list(tok.doc[max(tok.sent.start, first.i - 2) : first.i])
    if len(before) == 2 and before[1].lower_ in cues.age_preps:
        return before[0].lower_ in cues.age_groups
    return bool(before) and before[-1].lemma_.lower() in cues.age_verbs


def _in_demand(tok: Token, cues: NonFigureCues) -> bool:
    """An age a demand or deal sets ("urged Kyiv to lower the draft age to 18") is its figure."""
    return any(_is_demand_word(a, cues) for a in tok.ancestors)


def _is_demand_word(tok: Token, cues: NonFigureCues) -> bool:
    """ "urged", "a proposal", "the ceasefire"; a phone "call" or "called up" is no demand."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        # A particle makes another verb: "called up" conscripts is no call for anything.
        particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
        return lemma in cues.demand_verbs and not particles & cues.other_verb_particles
    return lemma in cues.demand_nouns


def _has_age_word_before(tok: Token, cues: NonFigureCues) -> bool:
    first = _first_of_run(tok, cues)
    i = first.i
    while i > first.sent.start and first.doc[i - 1].lower_ in cues.age_lead_ins:
        i -= 1
    lead = first.doc[i]
    return _words_before(lead, 1) in cues.age_words or _words_before(lead, 2) in cues.age_words


def _has_age_follower(tok: Token, cues: NonFigureCues) -> bool:
    after = tok.doc[tok.i + 1 : tok.i + 6].text.lower()
    glued = "".join(t.text_with_ws for t in tok.doc[tok.i + 1 : tok.i + 6]).lower()
    if re.match(r"-?years?[- ]old", glued):
        return True
    return any(after.startswith(f) or glued.startswith(f) for f in cues.age_followers)


def _age_given(tok: Token, cues: NonFigureCues) -> bool:
    """A number a verb gives to an age: "the age limit was lowered from 27 to 25", "men aged 60"."""
    if tok.head.lemma_.lower() in cues.age_nouns and tok.head.pos_ == "VERB":
        return True
    if tok.dep_ != "pobj" or tok.head.dep_ != "prep" or tok.head.head.pos_ not in {"VERB", "AUX"}:
        return False
    verb = tok.head.head
    arguments = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    return any(t.lemma_.lower() in cues.age_nouns for a in arguments for t in a.subtree)


def _is_apposed_age(tok: Token) -> bool:
    """ "Petro Bondar, 54, said": a bare number between commas after a name."""
    doc = tok.doc
    if not 0 < tok.i < len(doc) - 1:
        return False
    prev, after = doc[tok.i - 1], doc[tok.i + 1]
    return prev.text == "," and after.text == "," and prev.i > 0 and doc[prev.i - 1].pos_ == "PROPN"


# -- dates and times ------------------------------------------------------------------------------


def _is_clock_time(tok: Token) -> bool:
    """ "19:47", "at 10.30", "at 11.15 in Kyiv", "at 10 local time": times of day, not figures."""
    doc = tok.doc
    if _CLOCK.fullmatch(tok.text):
        return True
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
    """ "18 October", "three days" in words, "5 hours ago": dates and times."""
    if _next_to_month(tok) or tok.doc[tok.i + 1 : tok.i + 3].text.lower().endswith(" ago"):
        return True
    if tok.ent_type_ not in {"DATE", "TIME"}:
        return False
    ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)

    if ent.label_ == "TIME" and not re.search(r"\b(hours?|minutes?)\b", ent.text, re.I):
        return True
    return bool(_MONTHS.search(ent.text)) or not tok.text[0].isdigit()


def _is_year(tok: Token) -> bool:
    """ "in 2022", but not "2,000 soldiers" written "2000 soldiers"."""
    doc = tok.doc
    return is_year(tok.text) and not (tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "NNS")


# -- markers and labels ---------------------------------------------------------------------------


def _line_of(tok: Token) -> tuple[int, str]:
    text = tok.doc.text
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
    if not tok.text.isdigit() or len(tok.text) > 2 or not _LIST_MARK.match(tok.doc.text, tok.idx):
        return False
    n = int(tok.text)
    neighbours = (rf"(?<![\d,.]){m}[.)]\s+[A-Z\"“]" for m in (n - 1, n + 1) if m > 0)
    return any(re.search(pattern, line) for pattern in neighbours)


def is_label(tok: Token, cues: NonFigureCues) -> bool:
    """ "Part Two", "Section 2", "Issue 31", "Article 5", "points 14-16": a number naming a thing."""
    first = _first_of_run(tok, cues)
    counts_what_follows = first.dep_ in {"nummod", "quantmod"} and first.head.i > first.i
    return _words_before(first, 1) in cues.label_words and not counts_what_follows


def _is_name_part(tok: Token) -> bool:
    """ "the 1,200 drones" is a figure; "the third", "No. 5", "#3" and "F-16" are not."""
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i else None
    if prev is not None and (prev.lower_ in _DEFINITE or prev.text in {"No.", "#", "No"}):
        return True
    return prev is not None and prev.text == "-" and not prev.whitespace_


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
