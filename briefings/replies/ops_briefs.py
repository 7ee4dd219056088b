"""Compose /stats: the store's size and the digests' day and queue, one figure a line."""

from __future__ import annotations

from datetime import timedelta

from briefings.entries import StoreStats
from briefings.replies.counts import amount
from briefings.replies.reply import Reply, bold, line, reply


def build_stats(stats: StoreStats, day: str) -> Reply:
    """The store's counts, then the digests sent and failed on `day` (a label such as
    "today (UTC)") and the queue with how late its oldest digest is."""
    figures = [
        ("Articles", amount(stats.articles)),
        ("Figures", amount(stats.figures)),
        ("Demands", amount(stats.demands)),
        ("Quotes", amount(stats.quotes)),
        ("Events", amount(stats.events)),
        ("Actors", amount(stats.actors)),
        ("Subscribers", amount(stats.subscribers)),
        (f"Digests sent {day}", amount(stats.sent_today)),
        (f"Digests failed {day}", amount(stats.failed_today)),
        ("Digests waiting to be sent", amount(stats.queued)),
        ("Oldest waiting digest late by", lag_words(stats.lag)),
    ]
    heading = line(bold("📊 Stats"))
    return reply([heading, *(line(f"{label}: ", bold(value)) for label, value in figures)])


def lag_words(lag: timedelta | None) -> str:
    """A delay in whole minutes: "none", "under 1 min", "3 min", "2 h 5 min", "1 d 3 h"."""
    if lag is None:
        return "none"
    minutes = int(lag.total_seconds() // 60)
    if minutes < 1:
        return "under 1 min"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{amount(days)} d {hours} h"
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"
