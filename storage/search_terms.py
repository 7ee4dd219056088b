"""Search terms as both engines take them: sanitised words, a long number also in groups of three."""

from __future__ import annotations

import re
from collections.abc import Sequence

# A term as the phrases that may stand for it, each phrase a sequence of words.
Term = tuple[tuple[str, ...], ...]

# Beyond this, more terms only slow the query down; query_terms gives at most 12.
MAX_TERMS = 32
# The most sentences one search ranks, or one topic's facts are looked for in (storage.search):
# ranking 1,000 took 12 ms on SQLite and 18 ms on PostgreSQL at 10,000 articles; finding the
# newest 500 holding "killed" walked 18,000 sentences (5 ms on PostgreSQL), where a store of
# 100 articles holds fewer than 100.
SEARCH_BUDGET = 250
_WORD = re.compile(r"[^\W_]+")
# PostgreSQL refuses to index words over 2047 bytes; no real word comes near this.
_MAX_WORD_CHARS = 100


def parse_terms(terms: Sequence[str]) -> list[Term]:
    """The distinct terms that have any letters or digits, at most MAX_TERMS of them."""
    parsed: list[Term] = []
    for term in terms:
        phrases = _phrases(term)
        if phrases and phrases not in parsed:
            parsed.append(phrases)
            if len(parsed) == MAX_TERMS:
                break
    return parsed


def _phrases(term: str) -> Term:
    """The phrases a term stands for: its words, and a long number also in groups of three."""
    words = tuple(w for w in _WORD.findall(term.lower()) if len(w) <= _MAX_WORD_CHARS)
    if not words:
        return ()
    number = words[0]
    if len(words) == 1 and number.isdecimal() and len(number) > 3:
        # Articles write 400000 as 400,000, which both engines split into 400 and 000.
        head = len(number) % 3 or 3
        groups = (number[:head], *(number[i : i + 3] for i in range(head, len(number), 3)))
        return (words, groups)
    return (words,)
