"""Tests of briefings.schedules.zones: times and zones as subscribers type them."""

from __future__ import annotations

from datetime import time

import pytest

from briefings.errors import InputError
from briefings.schedules.zones import find_zone, parse_schedule, parse_time


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
