"""Numbers with their nouns, agreeing: '1 actor', '2 actors', '1,234 positions', '1 party'."""

from __future__ import annotations

_VOWELS = frozenset("aeiou")


def counted(number: float, noun: str, plural: str | None = None, *, over: bool = False) -> str:
    """The number (with thousands separators) and the noun in the form that agrees with it.

    The plural is `plural` when given, else the noun's last word made plural by the regular
    rule ("position" → "positions", "party" → "parties", "older position" → "older positions").
    With `over`, the number is a floor ("over 995 figures"), for a count the store stopped.
    """
    form = plural or plural_of(noun) if over or number != 1 else noun
    return f"{amount(number, over=over)} {form}"


def amount(number: float, *, over: bool = False) -> str:
    """A number with thousands separators; with `over`, as a floor ("over 1,000")."""
    shown = f"{number:,}" if isinstance(number, int) else f"{number:,g}"
    return f"over {shown}" if over else shown


def plural_of(noun: str) -> str:
    """The regular plural of a noun (or of a phrase's last word): -s, -es after s/x/ch/sh, -ies."""
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in _VOWELS:
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"
