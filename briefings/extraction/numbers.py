"""Read the value of a number as written: digits with separators, scale words and suffixes, words."""

from __future__ import annotations

import re

from briefings.vocabulary.lexicon import Lexicon

_DIGITS = re.compile(r"^(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?(?P<suffix>[a-z]+)?$", re.I)
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def digit_value(text: str, lexicon: Lexicon) -> float | None:
    """Value of a digit token such as "43,000", "3.8", "1.2bn" or "500m"; None if it is not one."""
    match = _DIGITS.match(text)
    if match is None:
        return None
    value = float(match["num"].replace(",", "") + (match["frac"] or ""))
    suffix = (match["suffix"] or "").lower()
    if not suffix:
        return value
    if suffix in lexicon.scales:
        return value * lexicon.scales[suffix]
    return None


def word_value(text: str, lexicon: Lexicon) -> float | None:
    """Value of a number written as a word ("seven", "twelve"); None otherwise."""
    return lexicon.number_words.get(text.lower())


def is_year(text: str) -> bool:
    """True for a bare four-digit year such as 2022."""
    return _YEAR.match(text) is not None


def scale_of(text: str, lexicon: Lexicon) -> float | None:
    """Multiplier of a scale word ("million", "bn"), or None."""
    return lexicon.scales.get(text.lower())
