"""Compose /stats: the store's size and the digests' day and queue, one figure a line."""

from __future__ import annotations

from datetime import timedelta

from briefings.entries import StoreStats
from briefings.i18n import _
from briefings.replies.counts import amount
from briefings.replies.reply import Reply, bold, line, reply


def build_stats(stats: StoreStats, day: str) -> Reply:
    """The store's counts, then the digests sent and failed on `day` (a label such as
    "today (UTC)", in the reader's language) and the queue with how late its oldest digest is."""
    figures = [
        (_("Articles"), amount(stats.articles)),
        (_("Figures"), amount(stats.figures)),
        (_("Demands"), amount(stats.demands)),
        (_("Quotes"), amount(stats.quotes)),
        (_("Events"), amount(stats.events)),
        (_("Actors"), amount(stats.actors)),
        (_("Subscribers"), amount(stats.subscribers)),
        (_("Digests sent {day}").format(day=day), amount(stats.sent_today)),
        (_("Digests failed {day}").format(day=day), amount(stats.failed_today)),
        (_("Digests waiting to be sent"), amount(stats.queued)),
        (_("Oldest waiting digest late by"), lag_words(stats.lag)),
    ]
    heading = line(bold(_("📊 Stats")))
    return reply([heading, *(line(f"{label}: ", bold(value)) for label, value in figures)])


def lag_words(lag: timedelta | None) -> str:
    """A delay in whole minutes: "none", "under 1 min", "3 min", "2 h 5 min", "1 d 3 h"."""
    if lag is None:
        # i18n: no digest is waiting, so none is late
        return _("none")
    minutes = int(lag.total_seconds() // 60)
    if minutes < 1:
        return _("under 1 min")
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        # i18n: days and hours, abbreviated
        return _("{days} d {hours} h").format(days=amount(days), hours=hours)
    if hours:
        # i18n: hours and minutes, abbreviated
        return _("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
    return _("{minutes} min").format(minutes=minutes)
