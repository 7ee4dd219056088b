"""Read what a subscriber types after /subscribe: a time (HH:MM) and a time zone or city.

Only the zones of places are taken: an IANA name of an area (a continent or an ocean) and a
location, such as Europe/Kyiv or America/Argentina/Salta, and UTC. Left out, though the zone
database holds them: `Factory` (no place's clock: its abbreviation is "-00") and `localtime` (the
clock of whatever machine the bot runs on), `posixrules`, the `Etc/GMT±N` zones (their sign is
reversed: Etc/GMT+3 is three hours behind UTC), the System V zones (EST5EDT, MST…) and the old
country names (US/Eastern, Japan, GB): a city names each of those places plainly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import time
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from briefings.errors import InputError

# ASCII digits only: int() reads digits of every script, '٠٨:٣٠' would be 08:30.
_TIME = re.compile(r"([0-9]{1,2})(?:[:.h]([0-9]{2}))?\s*(am|pm)?", re.IGNORECASE)
_SPACES = re.compile(r"[\s_]+")
# The areas of the zones of places (see the module docstring).
PLACE_AREAS = frozenset(
    {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe"}
    | {"Indian", "Pacific"}
)
# A refusal echoes at most this much of what was typed.
_SHOWN_CHARS = 40


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
    shown = _shown(text)
    if match is None:
        raise InputError(f"“{shown}” is not a time; write it as HH:MM, e.g. 08:30.")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = (match.group(3) or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            raise InputError(f"“{shown}” is not a time; with am or pm the hour is 1 to 12.")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        raise InputError(f"“{shown}” is not a time of day; write it as HH:MM, e.g. 08:30.")
    return time(hour, minute)


def find_zone(text: str) -> ZoneInfo:
    """The zone an IANA name (any case) or a known city names; InputError with a hint otherwise."""
    key = _SPACES.sub(" ", text.strip()).lower()
    name = _cities().get(key) or _iana_names().get(key.replace(" ", "_"))
    if name is None:
        raise InputError(
            f"I don't know the time zone “{_shown(text)}”. Use a city such as Kyiv, Berlin, "
            "New York or London, an IANA name such as Europe/Kyiv, or UTC."
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


def place_zone(name: str) -> ZoneInfo:
    """The zone of a place by its exact IANA name (Europe/Kyiv) or UTC; InputError for any other."""
    if _iana_names().get(name.lower()) != name:
        raise InputError(
            f"“{_shown(name)}” is not the IANA time zone of a place, such as Europe/Kyiv."
        )
    return ZoneInfo(name)


def is_place_zone(name: str) -> bool:
    """True for UTC and the names of an area and a location (see the module docstring)."""
    area, _, location = name.partition("/")
    return name == "UTC" or (area in PLACE_AREAS and bool(location))


def _shown(text: str) -> str:
    """What a refusal echoes of the text typed: one line, cut with '…' when long."""
    flat = " ".join(text.split())
    return flat if len(flat) <= _SHOWN_CHARS else flat[: _SHOWN_CHARS - 1] + "…"


@lru_cache(maxsize=1)
def _iana_names() -> dict[str, str]:
    """The IANA names of the zones of places (see the module docstring) by lower-case spelling."""
    return {name.lower(): name for name in available_timezones() if is_place_zone(name)}
