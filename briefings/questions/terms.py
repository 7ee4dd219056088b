"""The words of a reader's question worth looking up in the stored articles."""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import cache
from pathlib import Path

# Words that only say that something is asked. The interrogatives are spaCy stop words too;
# they are listed so that dropping them does not hang on spaCy's list.
QUESTION_WORDS = frozenset(
    {"who", "whom", "whose", "what", "which", "when", "where", "why", "how"}
    | {"tell", "explain", "please"}
)

# A comma between thousands, as in 400,000: dropped so that the number stays one term.
_THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
# English clitics would otherwise leave fragments, such as "don" of "don't" or "ve" of "we've".
_CLITIC = re.compile(r"(?:n['’]t|['’](?:s|d|ll|re|ve|m))(?![^\W_])", re.IGNORECASE)
# Letters and digits of any script; punctuation, markup, emoji and query syntax separate words.
_WORD = re.compile(r"[^\W_]+")
# No English word is this long; longer runs are pasted noise, not something to look up.
_MAX_WORD_CHARS = 40


@cache
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, read from spaCy's own list without importing spaCy.

    Importing `spacy.lang.en.stop_words` imports the whole of spaCy first (about a second, and
    its command line pulls in httpx), which a question answered from the store never needs.
    The list is a plain module that imports nothing, so it is run on its own; where spaCy lays
    its files out otherwise, the ordinary import is the fallback.
    """
    spacy = importlib.util.find_spec("spacy")
    folders = spacy.submodule_search_locations if spacy else None
    path = Path(next(iter(folders)), "lang", "en", "stop_words.py") if folders else None
    spec = importlib.util.spec_from_file_location("_spacy_en_stop_words", path) if path else None
    if spec is None or spec.loader is None or path is None or not path.is_file():
        from spacy.lang.en.stop_words import STOP_WORDS

        return frozenset(STOP_WORDS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


@cache
def ignored_words() -> frozenset[str]:
    """Stop words, question words, and "wo", which is what the clitic leaves of "won't"."""
    return stop_words() | QUESTION_WORDS | {"wo"}


def query_terms(question: str, max_terms: int = 12) -> list[str]:
    """The question's content words, lowercased and deduplicated in order, at most max_terms."""
    terms: list[str] = []
    if max_terms < 1:
        return terms
    for match in _WORD.finditer(_normalise(question)):
        word = match.group()
        if _is_content_word(word) and word not in terms:
            terms.append(word)
            if len(terms) == max_terms:
                break
    return terms


def _is_content_word(word: str) -> bool:
    """Whether a lowercased word says what the question is about."""
    if not 1 < len(word) <= _MAX_WORD_CHARS:
        return False
    return word not in ignored_words()


def _normalise(question: str) -> str:
    """Compatibility-fold and lowercase the question, join thousands and drop clitics."""
    # NFKC turns full-width letters and ligatures into the letters the articles use.
    text = unicodedata.normalize("NFKC", question).lower()
    return _CLITIC.sub("", _THOUSANDS_COMMA.sub("", text))
