"""Read a written date ("Dec. 7", "last Saturday", "in February 2022") and place it on the calendar.

A date without a year, and a relative one, is placed from the day the article was published
and the tense of the clause it is in.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum

# Without a year, a date falls in the year that puts it in this window around publication; a
# clause in the past tense moves it before publication (give or take _GRACE), a future one after.
_MAX_AFTER, _MAX_BEFORE, _GRACE = timedelta(days=60), timedelta(days=305), timedelta(days=2)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAYNAME = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    re.compile(pattern)
    for pattern in (
        r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)",
        rf"(?:{_DAYNAME} )?{MONTH} (?P<day>\d{{1,2}})(?: {_YEAR})?",
        rf"(?:{_DAYNAME} )?(?:the )?(?P<day>\d{{1,2}}) (?:of )?{MONTH}(?: {_YEAR})?",
        rf"{MONTH}(?: {_YEAR})?",
        _YEAR,
        rf"(?P<shift>last |next |this |)(?P<weekday>{_DAYNAME})",
        r"(?P<shift>last|next|this) (?P<unit>month|year)",
        r"(?P<word>yesterday|today)",
    )
]
# Words that do not change which day a date is ("in early December", "the first days of January").
_FILLER = re.compile(
    r"^(?:(?:on|in|at|since|from|by|during|early|mid|late|earlier|later|the|end"
    r"|start|beginning|middle|first|days?|weeks?|of)\s+)+"
)


class Precision(StrEnum):
    """How much of a date is known: the day, only the month, or only the year."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


def read_date(text: str) -> dict[str, str] | None:
    """The parts of a date expression such as "Dec. 7", "last Saturday" or "in February 2022"."""
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text.lower().replace("’", "'"))
    text = re.sub(r"'s\b|,|(?<=\d)(?:st|nd|rd|th)\b", "", text)
    text = _FILLER.sub("", " ".join(text.split()))
    for pattern in _PATTERNS:
        if (match := pattern.fullmatch(text)) is not None:
            return {k: v.strip() for k, v in match.groupdict().items() if v is not None}
    return None


def precision_of(parts: dict[str, str]) -> Precision:
    """How much of the date the parts of a written date give."""
    if "unit" in parts:
        return Precision(parts["unit"])
    if parts.keys() & {"day", "weekday", "word"}:
        return Precision.DAY
    return Precision.MONTH if "month" in parts else Precision.YEAR


def _calendar(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def place_date(parts: dict[str, str], published: date | None, tense: str) -> date | None:
    """The calendar date a written date means in a clause of this tense, published that day."""
    name, day = parts.get("month", "1"), int(parts.get("day", 1))
    month = int(name) if name.isdigit() else MONTHS.index(name[:3]) + 1
    if "year" in parts:
        return _calendar(int(parts["year"]), month, day)
    if published is None:
        return None
    shift = {"last": -1, "this": 0, "next": 1}.get(parts.get("shift", ""))
    if "word" in parts:
        return published - timedelta(days=int(parts["word"] == "yesterday"))
    if "weekday" in parts:
        return _weekday(published, _WEEKDAYS.index(parts["weekday"][:3]), shift, tense)
    if "unit" not in parts or shift is None:
        return _nearest_year(published, month, day if "day" in parts else None, tense)
    step = 1 if parts["unit"] == "month" else 12
    months = published.year * 12 + published.month - 1 + shift * step
    return date(months // 12, months % 12 + 1 if step == 1 else 1, 1)


def _weekday(published: date, weekday: int, shift: int | None, tense: str) -> date:
    # A bare weekday may be the publication day itself: wire copy dated Tuesday says "said on
    # Tuesday". "last Tuesday" is strictly before; "next Tuesday" and future clauses look ahead.
    if shift == 1 or (shift != -1 and tense == "future"):
        return published + timedelta(days=(weekday - published.weekday()) % 7 or 7)
    back = (published.weekday() - weekday) % 7
    return published - timedelta(days=back or (7 if shift == -1 else 0))


def _nearest_year(published: date, month: int, day: int | None, tense: str) -> date | None:
    years = (published.year - 1, published.year, published.year + 1)
    options = [d for y in years if (d := _calendar(y, month, day or 1)) is not None]
    if tense == "past":
        return max((d for d in options if d <= published + _GRACE), default=None)
    if tense == "future":
        floor = published if day else published.replace(day=1)
        return min((d for d in options if d >= floor), default=None)
    window = (d for d in options if published - _MAX_BEFORE <= d <= published + _MAX_AFTER)
    return next(window, None)
