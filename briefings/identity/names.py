"""Name keys that make spelling variants of one actor compare equal (Zelensky, Zelenskyy, Zelenskiy)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from briefings.records import NameKeys

_TRAILING_Y = re.compile(r"(?:iy|yy|ii|y)$")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower-case, strip accents and apostrophes, and collapse spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
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
