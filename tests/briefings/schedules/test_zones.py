"""Tests of briefings.schedules.zones: times and zones as subscribers type them."""

from __future__ import annotations

import json
import re
from datetime import time
from importlib import resources

import pytest

from briefings.errors import InputError
from briefings.schedules.zones import (
    find_zone,
    is_place_zone,
    parse_schedule,
    parse_time,
    place_zone,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8", time(8)),
        ("08:30", time(8, 30)),
        ("8.05", time(8, 5)),
        ("7pm", time(19)),
        ("12am", time(0)),
        ("12 pm", time(12)),
        ("23:59", time(23, 59)),
        ("0:00", time(0)),
    ],
)
def test_times(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "8:60", "13pm", "noon", "8:5", "-1"])
def test_bad_times_are_refused_with_a_hint(text: str) -> None:
    with pytest.raises(InputError, match=r"HH:MM|1 to 12|not a time"):
        parse_time(text)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Kyiv", "Europe/Kyiv"),
        ("kiev", "Europe/Kyiv"),
        ("New  York", "America/New_York"),
        ("LONDON", "Europe/London"),
        ("Berlin", "Europe/Berlin"),
        ("europe/kyiv", "Europe/Kyiv"),
        ("America/New_York", "America/New_York"),
        ("america/new york", "America/New_York"),
        ("UTC", "UTC"),
    ],
)
def test_zones_by_city_or_iana_name(text: str, zone: str) -> None:
    assert find_zone(text).key == zone


def test_an_unknown_zone_gets_examples() -> None:
    with pytest.raises(InputError, match="Kyiv, Berlin, New York or London"):
        find_zone("Atlantis")


@pytest.mark.parametrize(
    ("text", "at", "zone"),
    [
        ("", time(8), "Europe/Kyiv"),
        ("07:30", time(7, 30), "Europe/Kyiv"),
        ("7 pm New York", time(19), "America/New_York"),
        ("Berlin", time(8), "Europe/Berlin"),
        ("21:15 Europe/London", time(21, 15), "Europe/London"),
    ],
)
def test_schedules_fill_what_is_left_out_from_the_defaults(text: str, at: time, zone: str) -> None:
    schedule = parse_schedule(text, time(8), "Europe/Kyiv")
    assert (schedule.at, schedule.zone.key) == (at, zone)


@pytest.mark.parametrize(
    "text",
    [
        "Factory",
        "localtime",
        "posixrules",
        "Etc/GMT+3",
        "Etc/UTC",
        "EST5EDT",
        "MST",
        "US/Eastern",
        "Japan",
        "posix/Europe/Kyiv",
        "right/UTC",
        "Europe",
        "Europe/",
    ],
)
def test_zones_of_no_place_are_refused(text: str) -> None:
    with pytest.raises(InputError, match=f"I don't know the time zone “{re.escape(text)}”"):
        find_zone(text)


def test_every_city_names_the_zone_of_a_place() -> None:
    raw = resources.files("briefings").joinpath("data", "cities.json").read_text("utf-8")
    zones = {zone for key, zone in json.loads(raw).items() if not key.startswith("_")}
    assert zones and all(is_place_zone(zone) and find_zone(zone).key == zone for zone in zones)


@pytest.mark.parametrize("name", ["Europe/Kyiv", "America/Argentina/Salta", "UTC"])
def test_a_place_zone_by_its_exact_name(name: str) -> None:
    assert place_zone(name).key == name


@pytest.mark.parametrize("name", ["europe/kyiv", "Kyiv", "Factory", "localtime", "GMT", ""])
def test_anything_else_is_no_place_zone(name: str) -> None:
    with pytest.raises(InputError, match="IANA time zone of a place"):
        place_zone(name)


@pytest.mark.parametrize("text", ["٠٨:٣٠", "８", "08:３０", "²"])
def test_times_are_written_in_ascii_digits(text: str) -> None:
    with pytest.raises(InputError, match="is not a time"):
        parse_time(text)


def test_a_refusal_echoes_a_long_text_shortened() -> None:
    with pytest.raises(InputError) as refused:
        parse_time("9" * 10_000)
    assert len(str(refused.value)) < 100
