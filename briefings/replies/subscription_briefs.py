"""Compose the replies to /subscribe, /unsubscribe and /settings."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from briefings.i18n import N_, _, formats
from briefings.replies.reply import Reply, bold, line, reply, text_reply

SUBSCRIBE_HINT = N_(
    "Send /subscribe HH:MM and a city or time zone, e.g. /subscribe 07:30 Kyiv, "
    "/subscribe 7pm New York or /subscribe 08:00 Europe/Berlin."
)


def when(at: time, zone: ZoneInfo, next_due: datetime) -> str:
    """'08:00 Europe/Kyiv; next on Tuesday 25 March 2025 at 08:00 your time'."""
    local = next_due.astimezone(zone)
    return _("{time} {zone}; next on {day} at {next_time} your time").format(
        time=f"{at:%H:%M}",
        zone=zone.key,
        day=formats.full_day(local.date()),
        next_time=f"{local:%H:%M}",
    )


def build_subscribed(at: time, zone: ZoneInfo, next_due: datetime, *, changed: bool) -> Reply:
    """The reply to a subscription, new or changed."""
    verb = _("Digest time changed") if changed else _("Subscribed")
    every_day = _("a digest every day at {when}.").format(when=when(at, zone, next_due))
    return reply(
        [
            line("✅ ", bold(verb), ": ", every_day),
            line(_("/settings shows it, /digest gives today's now, /unsubscribe stops it.")),
        ],
        ("/digest", "/settings"),
    )


def build_unsubscribed(was_subscribed: bool) -> Reply:
    """The reply to /unsubscribe."""
    if not was_subscribed:
        return text_reply(_("You have no digest subscription. /subscribe starts one."))
    return text_reply(_("Unsubscribed: no more daily digests. /subscribe starts them again."))


def build_settings(at: time, zone: ZoneInfo, next_due: datetime) -> Reply:
    """The subscriber's digest settings."""
    every_day = _("every day at {when}.").format(when=when(at, zone, next_due))
    return reply(
        [
            line(bold(_("Your daily digest")), ": ", every_day),
            line(_("Change it with /subscribe HH:MM and a city, stop it with /unsubscribe.")),
        ]
    )


def build_not_subscribed() -> Reply:
    """The reply to /settings from someone without a subscription."""
    return text_reply(_("You have no daily digest. {hint}").format(hint=_(SUBSCRIBE_HINT)))


def build_bad_schedule(problem: str) -> Reply:
    """The reply when /subscribe cannot read the time or the zone."""
    return text_reply(f"{problem} {_(SUBSCRIBE_HINT)}")


def build_console_only() -> Reply:
    """Subscriptions need a Telegram chat to deliver to."""
    return text_reply(_("Digests are delivered on Telegram. Here, /digest shows today's digest."))
