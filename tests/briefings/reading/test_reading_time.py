"""Reading time grows in proportion to the text: 190,000 short lines in seconds, not minutes.

The reader refuses a file of that many lines (sizes.MAX_LINES), so these tests lift the
line and paragraph limits to time the work itself: parsing, normalising, page furniture
(each line is tested as a byline, a date, a link) and paragraph joining. Before issue 18 the
same 190,000 lines took over half a minute here, most of it in strptime, and a run of lines
in lower case (joined into one paragraph) took time growing with its square.
"""

from __future__ import annotations

import time

import pytest
from reading_builders import read

from briefings.reading import sizes

# Timed against the wall clock: run alone, not beside other tests (scripts/test).
pytestmark = pytest.mark.timing

SHAPES = ("Item {i}", "update {i}", "{i}", "Kyiv", "19 December 2024", "By Anna Bond", "ok.")


@pytest.fixture(autouse=True)
def no_line_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lift the limits on lines and paragraphs, to time what is under them."""
    monkeypatch.setattr(sizes, "MAX_LINES", 10**9)
    monkeypatch.setattr(sizes, "MAX_PARAGRAPHS", 10**9)


def seconds_to_read(text: str) -> float:
    """Seconds the reader takes over text."""
    started = time.perf_counter()
    read(text)
    return time.perf_counter() - started


def test_190000_short_lines_are_read_in_seconds() -> None:
    text = "Many short lines\n\n" + "\n".join(SHAPES[i % 7].format(i=i) for i in range(190_000))
    assert seconds_to_read(text) < 15


def test_a_long_run_of_lower_case_lines_is_joined_in_linear_time() -> None:
    def lines(count: int) -> str:
        return "Many short lines\n\n" + "\n".join(f"word{i % 10}" for i in range(count))

    small, large = seconds_to_read(lines(20_000)), seconds_to_read(lines(100_000))
    assert large < 15
    assert large / 5 < 3 * small + 0.05  # the cost of a line barely grows with the count
