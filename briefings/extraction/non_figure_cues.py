"""The cue words of numbers that are no facts (data/non_figures.json), and runs of numbers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from briefings.vocabulary.lexicon import data_text

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


def first_of_run(tok: Token, cues: NonFigureCues) -> Token:
    """The first number of the range or list a number ends: 18 in "18 to 60", 4 in "4, 5 and 6"."""
    first, i = tok, tok.i - 1
    while i >= tok.sent.start and (tok.doc[i].like_num or tok.doc[i].lower_ in cues.range_links):
        first = tok.doc[i] if tok.doc[i].like_num else first
        i -= 1
    return first


def words_before(tok: Token, width: int) -> str:
    """The few words before a token in its sentence, lower-cased: "aged", "older than"."""
    return tok.doc[max(tok.sent.start, tok.i - width) : tok.i].text.lower()
