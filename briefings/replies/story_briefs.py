"""Compose /quotes (who said what, in their words) and /timeline (dated events, newest first)."""

from __future__ import annotations

from briefings.entries import EventEntry, QuoteEntry, Slice
from briefings.replies.briefs import format_day, more_line
from briefings.replies.citations import cite
from briefings.replies.reply import Line, Reply, blank, bold, italic, line, reply
from briefings.vocabulary.sides import side_label


def build_quotes(found: Slice[QuoteEntry], heading: str, hint: str) -> Reply:
    """Quotes newest first, each with its speaker, the speaker's side and its source."""
    if not found.rows:
        return reply([line("No quotes yet: load an article first.")])
    lines = [line(bold(heading)), blank()]
    for quote in found.rows:
        side = side_label(quote.side)
        lines.append(
            line(
                bold(quote.speaker),
                " ",
                italic(f"({side})"),
                f": “{quote.text}” {cite([quote.article_id])}",
            )
        )
    lines += more_line(found.hidden, "quote", hint, over=found.capped)
    return reply(lines, ("/who", "/timeline"))


def build_no_quotes(speaker: str) -> Reply:
    """The reply when nobody by that name is quoted."""
    return reply([line(f"No quotes by “{speaker}” in the articles. /quotes lists the newest.")])


def build_timeline(found: Slice[EventEntry], heading: str = "Timeline, newest first") -> Reply:
    """Dated events, newest first, each with its date as precisely as the article gives it."""
    if not found.rows:
        return reply([line("No dated events yet: load an article first.")])
    lines: list[Line] = [line(bold(heading)), blank()]
    for event in found.rows:
        when = format_day(event.day, event.precision)
        lines.append(line(bold(when), f" — {event.text} {cite([event.article_id])}"))
    lines += more_line(found.hidden, "event", "The newest are shown.", over=found.capped)
    return reply(lines, ("/quotes", "/sources"))
