"""Compose /quotes (who said what, in their words) and /timeline (dated events, newest first)."""

from __future__ import annotations

from briefings.entries import EventEntry, QuoteEntry, Slice
from briefings.i18n import N_, _
from briefings.replies.briefs import format_day, more_line
from briefings.replies.citations import cite
from briefings.replies.counts import counted
from briefings.replies.reply import Line, Reply, blank, bold, italic, line, reply
from briefings.vocabulary.sides import side_label

TIMELINE_HEADING = N_("Timeline, newest first")


def build_quotes(found: Slice[QuoteEntry], heading: str, hint: str) -> Reply:
    """Quotes newest first, each with its speaker, the speaker's side and its source."""
    if not found.rows:
        return reply([line(_("No quotes yet: load an article first."))])
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
    more = counted(found.hidden, "{n} more quote", "{n} more quotes", over=found.capped)
    lines += more_line(found.hidden, more, hint)
    return reply(lines, ("/who", "/timeline"))


def build_no_quotes(speaker: str) -> Reply:
    """The reply when nobody by that name is quoted."""
    text = _("No quotes by “{speaker}” in the articles. /quotes lists the newest.")
    return reply([line(text.format(speaker=speaker))])


def build_timeline(found: Slice[EventEntry], heading: str | None = None) -> Reply:
    """Dated events, newest first, each with its date as precisely as the article gives it
    (under the heading given, else "Timeline, newest first")."""
    if not found.rows:
        return reply([line(_("No dated events yet: load an article first."))])
    lines: list[Line] = [line(bold(heading or _(TIMELINE_HEADING))), blank()]
    for event in found.rows:
        when = format_day(event.day, event.precision)
        lines.append(line(bold(when), f" — {event.text} {cite([event.article_id])}"))
    more = counted(found.hidden, "{n} more event", "{n} more events", over=found.capped)
    lines += more_line(found.hidden, more, _("The newest are shown."))
    return reply(lines, ("/quotes", "/sources"))
