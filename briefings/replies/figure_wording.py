"""A figure in words: its value as written, what kind of count it is, and its history.

"roughly 1,500 every single day", "two (one event)", "more than €28bn (since 2022) from Germany";
one claimant's restated or changed figure as "43,000 [2] (was 31,000 [1])", or, in full, as
"31,000 [1] → 43,000 [2] (first stated 25 Feb 2024, last changed 8 Dec 2024)".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from briefings.entries import FigureEntry
from briefings.i18n import _, formats
from briefings.replies.citations import cite
from briefings.replies.figure_comparison import kind_of, series_key
from briefings.vocabulary.measures import measure_unit_kind


def value_words(figure: FigureEntry) -> str:
    """The value as written, a capitalised opening word lowered ("Roughly 1,500" → "roughly")."""
    # A figure's words are a number with its qualifier and unit, never a name.
    return _lower_first(figure.text)


def kind_words(figure: FigureEntry) -> str:
    """What kind of count, after the value: " every single day", " (one event)", " (since 2022)"."""
    kind, period = kind_of(figure), figure.period
    if kind == "rate" and period:
        words = f" {period}"
    elif kind == "event":
        # i18n: after a figure's value: "two civilians killed (one event, on Sunday)"
        event = _("(one event, {period})").format(period=period) if period else _("(one event)")
        words = f" {event}"
    elif kind == "change" and figure.qualifier != "a further":
        # i18n: after a figure's value: the number is a rise or fall, not a total
        words = " " + _("(a change)")
    else:
        words = f" ({_lower_first(period)})" if period else ""
    holder = figure.holder
    if holder and holder != figure.claimant and measure_unit_kind(figure.unit) == "money":
        # i18n: a sum of money and who gives it: "€28bn (since 2022) from Germany"
        words += " " + _("from {holder}").format(holder=holder)
    return words


def _lower_first(text: str) -> str:
    """ "Since the summer" → "since the summer", inside a line; names keep their capital."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.isalpha() and first.istitle() else text


def figure_words(figure: FigureEntry, label: str = "") -> str:
    """The value, what it counts if given, and its kind: "two civilians killed (one event)"."""
    return value_words(figure) + label + kind_words(figure)


@dataclass(frozen=True)
class Stated:
    """One value of a series, with every article that stated it."""

    figure: FigureEntry
    article_ids: tuple[int, ...]

    @property
    def first_day(self) -> date | None:
        """The date of the first article that stated this value, if known."""
        return self.figure.published


def series_of(figures: Sequence[FigureEntry]) -> list[list[Stated]]:
    """One claimant's figures as series (same count, same way), each value once, oldest first.

    A series is a history only across articles: an article that gives two values of one count
    ("between 35,000 and 40,000", "19,000 before the war, about 4,300 now") states both at once,
    so each of its values stands alone.
    """
    keyed: dict[tuple[object, ...], dict[float, list[FigureEntry]]] = {}
    for figure in sorted(figures, key=_when):
        keyed.setdefault(series_key(figure), {}).setdefault(figure.value, []).append(figure)
    series: list[list[Stated]] = []
    for values in keyed.values():
        stated = [Stated(rows[0], tuple(r.article_id for r in rows)) for rows in values.values()]
        series += [[s] for s in stated] if _states_several(values) else [stated]
    return series


def _states_several(values: dict[float, list[FigureEntry]]) -> bool:
    """Whether one article gives more than one of these values."""
    articles = [{f.article_id for f in rows} for rows in values.values()]
    return any(a & b for i, a in enumerate(articles) for b in articles[i + 1 :])


def previous_value(figure: FigureEntry, earlier: Sequence[FigureEntry]) -> FigureEntry | None:
    """The claimant's newest earlier figure of the same series, when its value was another."""
    same = [
        f
        for f in earlier
        if f.claimant == figure.claimant and f.claimant and series_key(f) == series_key(figure)
    ]
    newest = max(same, key=_when, default=None)
    return newest if newest is not None and newest.value != figure.value else None


def _when(figure: FigureEntry) -> tuple[date, int]:
    return (figure.published or date.min, figure.article_id)


def latest_with_history(values: Sequence[Stated], label: str = "") -> str:
    """The newest value with its sources, and the value before it: "43,000 [2] (was 31,000 [1])"."""
    newest = values[-1]
    text = f"{figure_words(newest.figure, label)} {cite(newest.article_ids, limit=3)}"
    if len(values) > 1:
        before = values[-2]
        value = f"{value_words(before.figure)} {cite(before.article_ids, limit=3)}"
        text += " " + was(value)
    return text


def was(value: str) -> str:
    """A claimant's value before its newest: "(was 31,000 [1])"."""
    # i18n: a claimant's previous value of a figure, after its newest: "43,000 [2] (was 31,000 [1])"
    return _("(was {value})").format(value=value)


def full_history(values: Sequence[Stated], label: str = "") -> str:
    """Every value in order, each sourced, with when it was first stated and last changed."""
    if len(values) == 1:
        return latest_with_history(values, label)
    chain = " → ".join(f"{value_words(v.figure)} {cite(v.article_ids, limit=3)}" for v in values)
    chain += label + kind_words(values[-1].figure)
    days = [v.first_day for v in values if v.first_day is not None]
    if days:
        first, last = formats.day(days[0]), formats.day(days[-1])
        # i18n: after a figure's values in order: when the first was stated, the newest changed
        chain += " " + _("(first stated {first}, last changed {last})").format(
            first=first, last=last
        )
    return chain
