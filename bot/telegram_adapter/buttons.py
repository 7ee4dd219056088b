"""Inline buttons under replies: one per command a reply offers, a share button, and the keyboard."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions

from briefings.i18n import N_, _
from briefings.replies.privacy_briefs import DELETE_BUTTON, FORGET_PREFIX
from briefings.replies.reply import Reply
from briefings.replies.share_links import share_url

COMMAND_PREFIX = "cmd"
IGNORED = "noop"
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# Telegram's limit on a button's callback data, in bytes.
CALLBACK_BYTES = 64
# Buttons named for what they do rather than by their command (/chart killed → 📈 Chart).
LABELS = {"/chart": N_("📈 Chart"), FORGET_PREFIX: DELETE_BUTTON}
# i18n: a button under a card or figure group that shares its link (t.me/share) in another chat
SHARE = N_("↗ Share")


def action_buttons(reply: Reply) -> list[InlineKeyboardButton]:
    """One button per command the reply offers, labelled in the current language; a command
    too long for a button's data is left out."""
    buttons = []
    for command in reply.actions:
        data = button_data(command)
        if len(data.encode("utf-8")) <= CALLBACK_BYTES:
            buttons.append(InlineKeyboardButton(button_label(command), callback_data=data))
    return buttons


def share_buttons(reply: Reply, bot_username: str | None) -> list[InlineKeyboardButton]:
    """The "↗ Share" button of a reply about one card or figure group: Telegram's share page
    for its deep link (https://t.me/<bot>?start=<payload>); none for other replies."""
    if reply.share is None or not bot_username:
        return []
    url = share_url(bot_username, reply.share.payload, reply.share.title)
    return [InlineKeyboardButton(_(SHARE), url=url)]


def button_data(action: str) -> str:
    """A button's callback data: a command is answered as if typed ("cmd:/who"); an action
    that is no command, such as /forget's confirmation ("forget:42"), is its own data, taken
    by its own handler."""
    return f"{COMMAND_PREFIX}:{action}" if action.startswith("/") else action


def button_label(command: str) -> str:
    """A command button's label: what it does, in the current language, or else the command."""
    name = command.split(" ", 1)[0] if command.startswith("/") else command.split(":", 1)[0]
    label = LABELS.get(name)
    return command if label is None else _(label)


def keyboard(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    """An inline keyboard of the non-empty rows, or None."""
    kept = [row for row in rows if row]
    return InlineKeyboardMarkup(kept) if kept else None
