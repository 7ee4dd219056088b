"""Numbers and dates written the way the current interface language writes them (Babel's CLDR
data): "1,234" and "3 Dec 2024" in English, "1 234" and "3 груд. 2024" in Ukrainian."""

from __future__ import annotations

from datetime import date

from briefings.i18n.catalogs import current_language

# Babel is imported where first used: its dates module alone took 30 ms to import (reading the
# machine's time zone), which `briefbot ask "/who"` would pay for before answering.

# "3 Dec 2024": day, abbreviated month, year, in each language's words.
DAY_PATTERN = "d MMM y"
# "Tuesday 25 March 2025": the weekday and the month in words.
FULL_DAY_PATTERN = "EEEE d MMMM y"
MONTH_PATTERN = "LLL y"


def number(value: float) -> str:
    """A number with the language's grouping and decimal signs, as precise as it was given."""
    from babel.numbers import format_decimal

    return format_decimal(value, format="#,##0.###", locale=current_language())


def day(value: date) -> str:
    """A date as a reader of the language writes it: "3 Dec 2024"."""
    from babel.dates import format_date

    return format_date(value, DAY_PATTERN, locale=current_language())


def month(value: date) -> str:
    """A month and year: "Dec 2024"."""
    from babel.dates import format_date

    return format_date(value, MONTH_PATTERN, locale=current_language())


def full_day(value: date) -> str:
    """A date with its weekday, in full: "Tuesday 25 March 2025", "вівторок 25 березня 2025"."""
    from babel.dates import format_date

    return format_date(value, FULL_DAY_PATTERN, locale=current_language())
