"""Read what a subscriber types after /subscribe: a time (HH:MM) and a time zone or city."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import time
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from briefings.errors import InputError

_TIME = re.compile(r"(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?", re.IGNORECASE)
_SPACES = re.compile(r"[\s_]+")


@dataclass(frozen=True)
class Schedule:
    """A daily time and the zone it is read in."""

    at: time
    zone: ZoneInfo


def parse_schedule(text: str, default_at: time, default_zone: str) -> Schedule:
    """A time and a zone from '08:30 Kyiv', '7pm New York', 'Europe/Berlin' or nothing.

    Either part may be left out; the defaults fill it. Raises InputError with a hint.
    """
    words = text.split()
    at = default_at
    # "7 pm" is two words; try it before "7" alone.
    for count in (2, 1):
        if len(words) >= count and _TIME.fullmatch(" ".join(words[:count])):
            at = parse_time(" ".join(words[:count]))
            words = words[count:]
            break
    return Schedule(at, find_zone(" ".join(words)) if words else ZoneInfo(default_zone))


def parse_time(text: str) -> time:
    """A time of day from '8', '08:30', '8.30', '7pm' or '7:15 am'; InputError otherwise."""
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise InputError(f"“{text}” is not a time; write it as HH:MM, e.g. 08:30.")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = (match.group(3) or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            raise InputError(f"“{text}” is not a time; with am or pm the hour is 1 to 12.")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        raise InputError(f"“{text}” is not a time of day; write it as HH:MM, e.g. 08:30.")
    return time(hour, minute)


def find_zone(text: str) -> ZoneInfo:
    """The zone an IANA name (any case) or a known city names; InputError with a hint otherwise."""
    key = _SPACES.sub(" ", text.strip()).lower()
    name = _cities().get(key) or _iana_names().get(key.replace(" ", "_"))
    if name is None:
        raise InputError(
            f"I don't know the time zone “{text.strip()}”. Use a city such as Kyiv, Berlin, "
            "New York or London, or an IANA name such as Europe/Kyiv."
        )
    try:
        return ZoneInfo(name)
    except ZoneInfoNotFoundError as error:
        raise InputError(f"This machine has no time zone data for {name}.") from error


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """City and country names to zones, from data/cities.json."""
    raw = resources.files("briefings").joinpath("data", "cities.json").read_text("utf-8")
    return {key: zone for key, zone in json.loads(raw).items() if not key.startswith("_")}


@lru_cache(maxsize=1)
def _iana_names() -> dict[str, str]:
    """Every IANA zone name by its lower-case spelling."""
    return {name.lower(): name for name in available_timezones()}
