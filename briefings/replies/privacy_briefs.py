"""Compose the replies to /privacy and /forget: what the bot keeps about a user, for how long and
why; the confirmation that deleting it takes, and what deleting did.

The durations are the store's own retention constants, handed in as `Retention`, so the text
states what the code does and never a number typed twice. README's "Privacy" section holds the
same English text (a test compares them).
"""

from __future__ import annotations

from dataclasses import dataclass

from briefings.i18n import N_, _
from briefings.replies.counts import counted
from briefings.replies.reply import Line, Reply, bold, line, reply, text_reply

# The confirmation button's data starts with this, then the id of the user who asked:
# "forget:42". Its own handler checks that the user pressing it is that user.
FORGET_PREFIX = "forget"
# i18n: the button under /forget's question that deletes the user's data
DELETE_BUTTON = N_("🗑 Delete my data")
# i18n: a pop-up when someone presses the delete button under another user's /forget
NOT_YOURS = N_("This button is for the person who asked to delete their data.")
BULLET = "• "


@dataclass(frozen=True)
class Retention:
    """How long the store keeps each kind of record about a user (the code's constants)."""

    inactive_subscription_days: int
    delivery_days: int
    pager_days: int
    pacing_minutes: int


def forget_action(user_id: int) -> str:
    """The confirmation button's data for a user: "forget:42"."""
    return f"{FORGET_PREFIX}:{user_id}"


def build_privacy(retention: Retention) -> Reply:
    """/privacy: what the bot keeps about a user, for how long and why, in plain words."""
    days = _days(retention)
    pacing = counted(retention.pacing_minutes, "{n} minute", "{n} minutes")
    kept = [
        _("Your messages are answered, not stored. The bot keeps only this:"),
        _(
            "Your Telegram user id and the interface language you chose with /lang, to answer "
            "you in it; kept until you /forget."
        ),
        _(
            "With /subscribe: the chat id and your user id, the digest's time, time zone and "
            "language, when it is next due and the newest article it sent, to send the daily "
            "digest. After /unsubscribe, or once the bot can no longer write to the chat, it "
            "is kept {days} so that subscribing again carries on where it stopped, then "
            "deleted."
        ).format(days=days.inactive),
        _(
            "A record of each day's digest (its date, whether it was sent, its message id or "
            "Telegram's error), so that no day's digest is sent twice; deleted after {days}."
        ).format(days=days.deliveries),
        _(
            "The command behind a long answer, when it is too long to ride in its page "
            "buttons, to show the other pages; deleted after {days}."
        ).format(days=days.pagers),
        _(
            "When several workers share the store, the time your chat may get its next "
            "message, to keep Telegram's sending limits; deleted about {minutes} after the "
            "last one."
        ).format(minutes=pacing),
        _(
            "The log: the chat id of a digest that failed and, when something breaks, the "
            "message that caused it with your name and id, which also goes to the bot's "
            "admins (with debug logging on, every message); how long logs are kept is up to "
            "whoever runs the bot."
        ),
    ]
    lines = [
        line("🔒 ", bold(_("What this bot keeps about you"))),
        line(kept[0]),
        *_bullets(kept[1:]),
        line(
            _("Nothing is shared with anyone else or sold. The articles and facts are public news.")
        ),
        line(
            _(
                "/forget deletes all of it at once; a group's digest that you started stays, "
                "without your user id."
            )
        ),
    ]
    return reply(lines, ("/forget",))


def build_forget_question(user_id: int) -> Reply:
    """/forget: what will be deleted, and the button that deletes it."""
    question = _(
        "This deletes everything the bot keeps about you: your language, your chat's digest "
        "and its records, and the commands kept for paging (a group's digest you started "
        "stays, without your user id); press the button to confirm."
    )
    return text_reply(f"🗑 {question}", (forget_action(user_id),))


def build_forgotten(deleted_any: bool) -> Reply:
    """What pressing the delete button did, in the language the user had before."""
    if not deleted_any:
        return text_reply(_("Nothing to delete: the bot keeps nothing about you."))
    return text_reply(_("✅ Deleted: the bot keeps nothing about you any more."))


def build_console_forget() -> Reply:
    """/forget in the console, where there is no user."""
    return text_reply(_("The console keeps nothing per user, so there is nothing to forget."))


@dataclass(frozen=True)
class _Days:
    """Each retention as words in the current language ("30 days")."""

    inactive: str
    deliveries: str
    pagers: str


def _days(retention: Retention) -> _Days:
    """Each retention's days, counted in the current language."""
    return _Days(
        *(
            counted(days, "{n} day", "{n} days")
            for days in (
                retention.inactive_subscription_days,
                retention.delivery_days,
                retention.pager_days,
            )
        )
    )


def _bullets(items: list[str]) -> list[Line]:
    """A bulleted line per item."""
    return [line(BULLET, item) for item in items]
