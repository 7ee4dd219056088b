"""Tests of briefings.schedules.occurrences: daily occurrences across DST changes and midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from briefings.schedules.occurrences import following, next_occurrence, occurrence_on

KYIV = ZoneInfo("Europe/Kyiv")
NEW_YORK = ZoneInfo("America/New_York")


def utc(*parts: int) -> datetime:
    """A UTC instant."""
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "day", "at", "due"),
    [
        # Plain days: EET is UTC+2, EEST UTC+3; EST UTC-5, EDT UTC-4.
        (KYIV, date(2025, 1, 15), time(8, 0), utc(2025, 1, 15, 6, 0)),
        (KYIV, date(2025, 7, 15), time(8, 0), utc(2025, 7, 15, 5, 0)),
        (NEW_YORK, date(2025, 1, 15), time(8, 0), utc(2025, 1, 15, 13, 0)),
        # Spring forward: Kyiv jumps 03:00 → 04:00 on 30 March 2025; 03:30 does not exist.
        (KYIV, date(2025, 3, 30), time(3, 30), utc(2025, 3, 30, 1, 0)),
        (KYIV, date(2025, 3, 30), time(2, 59), utc(2025, 3, 30, 0, 59)),
        (KYIV, date(2025, 3, 30), time(4, 0), utc(2025, 3, 30, 1, 0)),
        # New York jumps 02:00 → 03:00 on 9 March 2025; 02:30 is sent at 03:00 EDT.
        (NEW_YORK, date(2025, 3, 9), time(2, 30), utc(2025, 3, 9, 7, 0)),
        # Fall back: Kyiv repeats 03:00–04:00 on 26 October 2025; the first 03:30 counts.
        (KYIV, date(2025, 10, 26), time(3, 30), utc(2025, 10, 26, 0, 30)),
        # New York repeats 01:00–02:00 on 2 November 2025; the first 01:30 (EDT) counts.
        (NEW_YORK, date(2025, 11, 2), time(1, 30), utc(2025, 11, 2, 5, 30)),
        # Midnight: the local date is not the UTC date.
        (KYIV, date(2025, 1, 16), time(0, 0), utc(2025, 1, 15, 22, 0)),
        (NEW_YORK, date(2025, 1, 15), time(23, 30), utc(2025, 1, 16, 4, 30)),
    ],
)
def test_one_occurrence_per_local_date(zone: ZoneInfo, day: date, at: time, due: datetime) -> None:
    found = occurrence_on(day, at, zone)
    assert (found.local_date, found.due_at) == (day, due)


def test_next_occurrence_is_strictly_after_the_instant() -> None:
    at = time(8, 0)
    due = occurrence_on(date(2025, 1, 15), at, KYIV).due_at
    assert next_occurrence(at, KYIV, due - timedelta(minutes=1)).due_at == due
    assert next_occurrence(at, KYIV, due).local_date == date(2025, 1, 16)


def test_next_occurrence_near_midnight_uses_the_local_date() -> None:
    # 22:30 UTC on 15 January is already 00:30 on the 16th in Kyiv.
    found = next_occurrence(time(0, 15), KYIV, utc(2025, 1, 15, 22, 30))
    assert (found.local_date, found.due_at) == (date(2025, 1, 17), utc(2025, 1, 16, 22, 15))


@pytest.mark.parametrize(
    ("zone", "at", "first"),
    [
        (KYIV, time(3, 30), date(2025, 3, 28)),
        (KYIV, time(3, 30), date(2025, 10, 24)),
        (NEW_YORK, time(2, 30), date(2025, 3, 7)),
        (NEW_YORK, time(1, 30), date(2025, 10, 31)),
    ],
)
def test_a_week_across_a_change_has_one_occurrence_a_day_in_order(
    zone: ZoneInfo, at: time, first: date
) -> None:
    occurrences = [occurrence_on(first, at, zone)]
    for _ in range(6):
        occurrences.append(following(occurrences[-1], at, zone))
    days = [o.local_date for o in occurrences]
    assert days == [first + timedelta(days=n) for n in range(7)]
    instants = [o.due_at for o in occurrences]
    assert instants == sorted(set(instants))
    gaps = {b - a for a, b in pairwise(instants)}
    assert gaps <= {
        timedelta(hours=23),
        timedelta(hours=24),
        timedelta(hours=25),
        timedelta(hours=23, minutes=30),
        timedelta(hours=24, minutes=30),
    }
