"""Tests of briefings.replies.ops_briefs: /stats, one figure a line, lags in words."""

from __future__ import annotations

from datetime import timedelta

import pytest

from briefings.entries import StoreStats
from briefings.i18n import UKRAINIAN, use_language
from briefings.replies.ops_briefs import build_stats, lag_words


def test_stats_show_one_figure_a_line_with_thousands_separators() -> None:
    stats = StoreStats(12_345, 1_000_000, 7, 0, 3, 999, 1_001, 980, 2, 21, timedelta(minutes=3))
    assert build_stats(stats, "today (UTC)").plain.split("\n") == [
        "📊 Stats",
        "Articles: 12,345",
        "Figures: 1,000,000",
        "Demands: 7",
        "Quotes: 0",
        "Events: 3",
        "Actors: 999",
        "Subscribers: 1,001",
        "Digests sent today (UTC): 980",
        "Digests failed today (UTC): 2",
        "Digests waiting to be sent: 21",
        "Oldest waiting digest late by: 3 min",
    ]


@pytest.mark.parametrize(
    ("lag", "words"),
    [
        (None, "none"),
        (timedelta(0), "under 1 min"),
        (timedelta(seconds=59), "under 1 min"),
        (timedelta(minutes=3, seconds=59), "3 min"),
        (timedelta(hours=2), "2 h 0 min"),
        (timedelta(hours=2, minutes=5), "2 h 5 min"),
        (timedelta(days=1, hours=3, minutes=7), "1 d 3 h"),
        (timedelta(days=1200), "1,200 d 0 h"),
    ],
)
def test_a_lag_is_said_in_whole_minutes_hours_and_days(lag: timedelta | None, words: str) -> None:
    assert lag_words(lag) == words


def test_stats_in_ukrainian_group_thousands_and_abbreviate_in_ukrainian() -> None:
    stats = StoreStats(12_345, 1_000_000, 7, 0, 3, 999, 1_001, 980, 2, 21, timedelta(hours=2))
    with use_language(UKRAINIAN):
        lines = build_stats(stats, "сьогодні (UTC)").plain.split("\n")
        lags = [lag_words(lag) for lag in (None, timedelta(0), timedelta(days=1200))]
    assert lines[:3] == ["📊 Статистика", "Статті: 12\u00a0345", "Цифри: 1\u00a0000\u00a0000"]
    assert lines[8] == "Дайджестів надіслано сьогодні (UTC): 980"
    assert lines[-1] == "Найстаріший дайджест у черзі запізнюється на: 2 год 0 хв"
    assert lags == ["немає", "менше 1 хв", "1\u00a0200 д 0 год"]
