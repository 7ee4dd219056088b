"""Compose the replies of group chats: the group's /settings and changes to them, the hint
for a mention of the bot, and the notes on a long answer sent to the asker privately.

The commands that change a setting (/settings long private, /settings long here) are the
same in every language, and are the buttons; /settings also reads Ukrainian words for them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, time
from zoneinfo import ZoneInfo

from briefings.i18n import _
from briefings.replies.reply import Reply, bold, line, reply, text_reply
from briefings.replies.subscription_briefs import when

# The commands that send long answers to the asker privately, or keep them in the group.
LONG_PRIVATE = "/settings long private"
LONG_HERE = "/settings long here"


@dataclass(frozen=True)
class DigestTime:
    """When a chat's daily digest comes: its local time, zone and next delivery."""

    at: time
    zone: ZoneInfo
    next_due: datetime


def build_group_settings(long_private: bool, digest: DigestTime | None) -> Reply:
    """A group's /settings: where long answers go, its daily digest, and how to change them;
    the button switches where long answers go."""
    # i18n: where a group's long answers go, after "Long answers: "
    long_answers = _("sent to the asker privately.") if long_private else _("in the group.")
    if digest is None:
        every_day = _("none; /subscribe HH:MM and a city starts one.")
    else:
        every_day = _("every day at {when}.").format(
            when=when(digest.at, digest.zone, digest.next_due)
        )
    lines = [
        line("⚙️ ", bold(_("This group's settings"))),
        line(bold(_("Long answers")), ": ", long_answers),
        line(bold(_("Daily digest")), ": ", every_day),
        line(_group_usage()),
    ]
    return reply(lines, (LONG_HERE if long_private else LONG_PRIVATE,))


def build_group_settings_changed(long_private: bool) -> Reply:
    """The reply to /settings long private or /settings long here from an administrator."""
    if long_private:
        changed = _(
            "✅ Long answers now go to the asker privately, and the group gets a short note. "
            "Whoever asks must have started a chat with me once."
        )
        return text_reply(changed, (LONG_HERE,))
    return text_reply(_("✅ Long answers now stay in the group."), (LONG_PRIVATE,))


def build_not_group_admin() -> Reply:
    """The reply to a member who is not an administrator trying to change the group's settings."""
    refusal = text_reply(_("Only this group's administrators can change its settings."))
    return replace(refusal, failed=True)


def build_unknown_group_setting() -> Reply:
    """The reply to /settings with an argument it does not read, marked not done."""
    return replace(text_reply(_group_usage(), (LONG_PRIVATE, LONG_HERE)), failed=True)


def build_group_hint() -> Reply:
    """The reply to a mention of the bot in a group: what it answers there."""
    return text_reply(
        _(
            "In groups I answer commands, such as /ask with a question or /who; "
            "ask me plain questions in a private chat."
        )
    )


def build_sent_privately(name: str) -> Reply:
    """The group's note when a long answer went to the asker's private chat."""
    return text_reply(_("📬 Sent to you privately, {name}.").format(name=name))


def build_cannot_write_privately(name: str) -> Reply:
    """The group's note when Telegram refused to send the asker the answer privately."""
    return text_reply(
        _(
            "{name}, I can't write to you privately before you start a chat with me: open it "
            "with the button below, press Start, then send the command here again."
        ).format(name=name)
    )


def _group_usage() -> str:
    """How administrators change where long answers go."""
    return _(
        "Administrators change it: {private} sends long answers to the asker privately, "
        "{here} keeps them in the group."
    ).format(private=LONG_PRIVATE, here=LONG_HERE)
