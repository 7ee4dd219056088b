"""When a daily digest is due: a wall-clock time in a time zone, as instants in UTC.

A subscriber asks for, say, 08:00 in Europe/Kyiv. Each local date has one occurrence:
- a time that does not exist that day (the clocks jump from 03:00 to 04:00) occurs at the
  first minute that does exist after it (04:00);
- a time that exists twice (the clocks fall back from 04:00 to 03:00) occurs the first time
  only; the delivery record, one per subscription and local date, keeps the second away.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Clocks move by at most a few hours at a transition; this bounds the search for a valid minute.
_LONGEST_GAP = timedelta(hours=3)


@dataclass(frozen=True)
class Occurrence:
    """One day's digest: the subscriber's local date and the UTC instant it is due."""

    local_date: date
    due_at: datetime


def occurrence_on(day: date, at: time, zone: ZoneInfo) -> Occurrence:
    """The instant the wall-clock time `at` occurs on `day` in `zone` (see the module docstring)."""
    wall = datetime.combine(day, at.replace(second=0, microsecond=0))
    step = timedelta(minutes=1)
    moment = wall
    while not _exists(moment, zone):
        moment += step
        if moment - wall > _LONGEST_GAP:
            raise ValueError(f"{at} on {day} in {zone.key} never occurs")
    return Occurrence(day, moment.replace(tzinfo=zone, fold=0).astimezone(UTC))


def next_occurrence(at: time, zone: ZoneInfo, after: datetime) -> Occurrence:
    """The first occurrence strictly after the instant `after` (an aware datetime)."""
    day = after.astimezone(zone).date() - timedelta(days=1)
    while True:
        found = occurrence_on(day, at, zone)
        if found.due_at > after:
            return found
        day += timedelta(days=1)


def following(occurrence: Occurrence, at: time, zone: ZoneInfo) -> Occurrence:
    """The occurrence on the local date after this one's, whatever the instant now is."""
    return occurrence_on(occurrence.local_date + timedelta(days=1), at, zone)


def occurrence_at(due_at: datetime, at: time, zone: ZoneInfo) -> Occurrence:
    """The occurrence whose instant is `due_at`: its local date, found from the instant."""
    day = due_at.astimezone(zone).date()
    for candidate in (day, day - timedelta(days=1)):
        found = occurrence_on(candidate, at, zone)
        if found.due_at == due_at:
            return found
    return Occurrence(day, due_at)


def _exists(wall: datetime, zone: ZoneInfo) -> bool:
    """True when the naive wall-clock time is shown by clocks in the zone at some instant."""
    there = wall.replace(tzinfo=zone, fold=0)
    return there.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall
