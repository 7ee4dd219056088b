"""Compose the replies to /subscribe, /unsubscribe and /settings."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from briefings.replies.reply import Reply, bold, line, reply, text_reply

SUBSCRIBE_HINT = (
    "Send /subscribe HH:MM and a city or time zone, e.g. /subscribe 07:30 Kyiv, "
    "/subscribe 7pm New York or /subscribe 08:00 Europe/Berlin."
)


def when(at: time, zone: ZoneInfo, next_due: datetime) -> str:
    """'08:00 Europe/Kyiv; next on Tuesday 25 March 2025 at 08:00 your time'."""
    local = next_due.astimezone(zone)
    return (
        f"{at:%H:%M} {zone.key}; next on {local:%A} {local.day} {local:%B %Y} "
        f"at {local:%H:%M} your time"
    )


def build_subscribed(at: time, zone: ZoneInfo, next_due: datetime, *, changed: bool) -> Reply:
    """The reply to a subscription, new or changed."""
    verb = "Digest time changed" if changed else "Subscribed"
    return reply(
        [
            line("✅ ", bold(verb), f": a digest every day at {when(at, zone, next_due)}."),
            line("/settings shows it, /digest gives today's now, /unsubscribe stops it."),
        ],
        ("/digest", "/settings"),
    )


def build_unsubscribed(was_subscribed: bool) -> Reply:
    """The reply to /unsubscribe."""
    if not was_subscribed:
        return text_reply("You have no digest subscription. /subscribe starts one.")
    return text_reply("Unsubscribed: no more daily digests. /subscribe starts them again.")


def build_settings(at: time, zone: ZoneInfo, next_due: datetime) -> Reply:
    """The subscriber's digest settings."""
    return reply(
        [
            line(bold("Your daily digest"), f": every day at {when(at, zone, next_due)}."),
            line("Change it with /subscribe HH:MM and a city, stop it with /unsubscribe."),
        ]
    )


def build_not_subscribed() -> Reply:
    """The reply to /settings from someone without a subscription."""
    return text_reply(f"You have no daily digest. {SUBSCRIBE_HINT}")


def build_bad_schedule(problem: str) -> Reply:
    """The reply when /subscribe cannot read the time or the zone."""
    return text_reply(f"{problem} {SUBSCRIBE_HINT}")


def build_console_only() -> Reply:
    """Subscriptions need a Telegram chat to deliver to."""
    return text_reply("Digests are delivered on Telegram. Here, /digest shows today's digest.")
