"""How many sends fell in the busiest second: the figure Telegram's limit is about."""

from __future__ import annotations


def busiest_second(instants: list[float]) -> int:
    """The most instants (seconds, any order) in any window of one second."""
    ordered = sorted(instants)
    most, first = 0, 0
    for last, instant in enumerate(ordered):
        while instant - ordered[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most
