"""Name keys that make spelling variants of one actor compare equal (Zelensky, Zelenskyy, Zelenskiy,
and in Cyrillic Зеленський, transliterated as Ukraine's national system writes it)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from briefings.records import NameKeys

_TRAILING_Y = re.compile(r"(?:iy|yy|ii|yi|y)$")
_DOUBLED = re.compile(r"(.)\1+")
# Cyrillic letters in Latin (Ukraine's national transliteration, with Russian's other letters),
# and the letters written otherwise at the start of a word (Єрмак is Yermak, not Iermak).
_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "ё": "e",
    "ы": "y",
    "э": "e",
    "ъ": "",
}
_CYRILLIC_FIRST = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
# A word, its apostrophes within it (Ukrainian's: "об'єднаних" is one word, the є inside it).
_CYRILLIC_WORD = re.compile(r"[а-яёєіїґ][а-яёєіїґ'’ʼ]*")


def transliterate(text: str) -> str:
    """Cyrillic words in Latin letters ("зеленський" → "zelenskyi"), apostrophes within them
    dropped as the national system drops them; other text as it is. Expects lower-case text."""
    return _CYRILLIC_WORD.sub(_latin_word, text)


def _latin_word(match: re.Match[str]) -> str:
    word = match.group()
    first = _CYRILLIC_FIRST.get(word[0]) or _CYRILLIC[word[0]]
    rest = "".join(_CYRILLIC.get(letter, "") for letter in word[1:])
    return first + rest


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower-case, Cyrillic in Latin letters, strip accents and apostrophes, collapse spaces."""
    decomposed = unicodedata.normalize("NFKD", transliterate(text.casefold()))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    cleaned = re.sub(r"[’'`]", "", ascii_only.casefold())
    return re.sub(r"[^a-z0-9]+", " ", cleaned).strip()


def token_key(token: str) -> str:
    """Key of one name token, tolerant of transliteration variants."""
    key = _TRAILING_Y.sub("y", fold(token))
    return _DOUBLED.sub(r"\1", key)


@lru_cache(maxsize=8192)
def name_tokens(name: str) -> tuple[str, ...]:
    """Keys of each token of a name, in order."""
    return tuple(token_key(t) for t in fold(name).split())


@lru_cache(maxsize=16384)
def names_match(left: str, right: str) -> bool:
    """True when two names can denote the same actor: same surname, and first names agree where given."""
    a, b = name_tokens(left), name_tokens(right)
    if not a or not b:
        return False
    if a == b:
        return True
    if a[-1] != b[-1]:
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter) == 1 or shorter == longer[-len(shorter) :]


def any_names_match(left: Iterable[str], right: Iterable[str]) -> bool:
    """True when some name of one set matches some name of the other."""
    right_list = list(right)
    return any(names_match(a, b) for a in left for b in right_list)


def name_keys(name: str) -> NameKeys:
    """The keys a name is stored and found by: folded, and its last token's key ("" for none)."""
    tokens = name_tokens(name)
    return NameKeys(fold(name), tokens[-1] if tokens else "")
