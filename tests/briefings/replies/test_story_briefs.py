"""Tests for briefings.replies.story_briefs: /quotes and /timeline as replies."""

from __future__ import annotations

from datetime import date

from briefings.entries import EventEntry, QuoteEntry, Slice
from briefings.i18n import use_language
from briefings.replies.story_briefs import build_no_quotes, build_quotes, build_timeline

EVENTS = Slice(
    (
        EventEntry(1, date(2024, 12, 8), "day", "Talks were held in Paris.", 2),
        EventEntry(2, date(2024, 11, 1), "month", "A summit was called.", 1),
        EventEntry(3, date(2024, 1, 1), "year", "The offensive stalled.", 3),
    ),
    25,
)
QUOTES = Slice((QuoteEntry(1, "We want peace", "Dmitry Peskov", "Russia", 2),), 2)


def test_timeline_gives_each_date_as_precisely_as_known() -> None:
    text = build_timeline(EVENTS).plain

    assert text.splitlines() == [
        "Timeline, newest first",
        "",
        "8 Dec 2024 — Talks were held in Paris. [2]",
        "Nov 2024 — A summit was called. [1]",
        "2024 — The offensive stalled. [3]",
        "…and 22 more events. The newest are shown.",
    ]
    assert build_timeline(EVENTS, "When: “talks”").lines[0].plain == "When: “talks”"


def test_timeline_in_ukrainian_writes_dates_and_counts_in_ukrainian() -> None:
    with use_language("uk"):
        text = build_timeline(EVENTS).plain
        empty = build_timeline(Slice((), 0)).plain

    assert text.splitlines()[0] == "Хронологія, спершу найновіше"
    assert "8 груд. 2024 — Talks were held in Paris. [2]" in text
    assert "лист. 2024 — A summit was called. [1]" in text
    assert text.endswith("…і ще 22 події. Показано найновіші.")
    assert empty == "Подій із датами поки немає: спершу завантажте статтю."


def test_quotes_count_what_is_not_shown() -> None:
    text = build_quotes(QUOTES, "Quotes, newest first", "Send /quotes NAME.").plain

    assert "Dmitry Peskov (Russia): “We want peace” [2]" in text
    assert text.endswith("…and 1 more quote. Send /quotes NAME.")
    assert build_quotes(Slice((), 0), "Quotes", "").plain == "No quotes yet: load an article first."
    assert build_no_quotes("nobody").plain == (
        "No quotes by “nobody” in the articles. /quotes lists the newest."
    )


def test_quotes_in_ukrainian_leave_the_quote_as_written() -> None:
    with use_language("uk"):
        text = build_quotes(QUOTES, "Цитати", "").plain
        nobody = build_no_quotes("Peskov").plain

    speaker, said = text.splitlines()[2].split(": ", 1)
    assert speaker.startswith("Dmitry Peskov (") and said == "“We want peace” [2]"
    assert "…і ще 1 цитата." in text
    assert nobody == "У статтях не цитують «Peskov». /quotes показує найновіші цитати."
