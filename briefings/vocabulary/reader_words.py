"""Readers' words in another language than the articles': the English words they stand for, so
that "/figures загиблі" finds what "/figures killed" finds, and "скільки військових загинуло?"
is read as "how many soldiers killed" is.

Matched by the start of the word (data/reader_words.json), since Ukrainian inflects: "загиблі",
"загиблих" and "загиблими" all begin "загибл". A stem ending in "$" is a whole word ("коли",
"when", is not the start of "колишній", "former").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "reader_words.json"
# The shortest stem the data may hold: shorter ones would start unrelated words.
SHORTEST_STEM = 3
WHOLE_WORD = "$"
# What figures measure; what a question asks for, the countries and bodies it names, and
# the story's common subjects.
MEASURE_WORDS = ("uk",)
QUESTION_WORDS = ("uk", "uk_questions", "uk_places", "uk_topics")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[а-яёєіїґ]", re.IGNORECASE)

Stems = tuple[tuple[str, bool, tuple[str, ...]], ...]


@cache
def _stems(sections: tuple[str, ...]) -> Stems:
    """The sections' stems (whether each is a whole word) with their English, longest first."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    entries = [
        (stem.removesuffix(WHOLE_WORD).casefold(), stem.endswith(WHOLE_WORD), tuple(words))
        for section in sections
        for stem, words in data.get(section, {}).items()
    ]
    return tuple(sorted(entries, key=lambda entry: -len(entry[0])))


def english_words(words: Iterable[str], sections: tuple[str, ...] = MEASURE_WORDS) -> list[str]:
    """The English words a reader's words stand for, in order, each word read by the longest
    stem it starts with (none for words that are English already); by default only words for
    what figures measure."""
    found: list[str] = []
    for word in words:
        folded = word.casefold().replace("’", "'")
        for stem, whole, english in _stems(sections):
            if folded == stem or (not whole and folded.startswith(stem)):
                found += [phrase for phrase in english if phrase not in found]
                break  # the longest stem: "військових" is soldiers, not troops ("військ")
    return found


def english_reading(text: str) -> str:
    """A question with the English its words stand for after it ("скільки загиблих?" → "…
    how many killed"); the text as it is when it has no such word."""
    english = english_words(_WORD.findall(text), QUESTION_WORDS)
    return f"{text} {' '.join(english)}" if english else text


def in_cyrillic(word: str) -> bool:
    """Whether a word is written in Cyrillic letters: in English articles it matches nothing
    itself, only through the English it stands for."""
    return bool(_CYRILLIC.search(word))
