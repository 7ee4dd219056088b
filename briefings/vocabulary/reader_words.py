"""Readers' words in another language than the articles': the English words of the measures'
data they stand for, so that "/figures загиблі" finds what "/figures killed" finds.

Matched by the start of the word (data/reader_words.json), since Ukrainian inflects: "загиблі",
"загиблих" and "загиблими" all begin "загибл".
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "reader_words.json"
# The shortest stem the data may hold: shorter ones would start unrelated words.
SHORTEST_STEM = 3


@cache
def _stems() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every language's stems with their English words, longest stem first."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    pairs = [
        (stem.casefold(), tuple(words))
        for language, stems in data.items()
        if not language.startswith("_")
        for stem, words in stems.items()
    ]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def english_words(words: Iterable[str]) -> set[str]:
    """The English words a reader's words stand for (none for words that are English already)."""
    found: set[str] = set()
    for word in words:
        folded = word.casefold().replace("’", "'")
        for stem, english in _stems():
            if folded.startswith(stem):
                found.update(english)
    return found
