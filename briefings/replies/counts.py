"""Numbers with their nouns, agreeing: '1 actor', '2 actors', '1,234 positions', '1 party'."""

from __future__ import annotations

from briefings.i18n import _, formats, n_

FIVE = 5


def counted(number: float, singular: str, plural: str, *, over: bool = False) -> str:
    """The number and its noun in the current language, in the form that agrees with it:
    `counted(n, "{n} older position", "{n} older positions")` gives "1 older position",
    "3 older positions", and in Ukrainian "3 старіші позиції", "5 старіших позицій".

    With `over`, the number is a floor ("over 995 figures"), for a count the store stopped.
    """
    # A floor takes the form of many in every language ("over 1,001 figures", "понад 1 001
    # цифр", where 1,001 alone would be "1 001 цифра"); five is many in both.
    agreeing = FIVE if over else number
    return n_(singular, plural, agreeing).format(n=amount(number, over=over))


def amount(number: float, *, over: bool = False) -> str:
    """A number written as the current language writes it; with `over`, as a floor ("over
    1,000")."""
    shown = formats.number(number)
    return _("over {n}").format(n=shown) if over else shown
