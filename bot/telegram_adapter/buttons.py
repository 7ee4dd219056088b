"""Inline buttons under replies: one per command a reply offers, and the keyboard holding them."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions

from briefings.i18n import N_, _
from briefings.replies.reply import Reply

COMMAND_PREFIX = "cmd"
IGNORED = "noop"
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# Telegram's limit on a button's callback data, in bytes.
CALLBACK_BYTES = 64
# Buttons named for what they do rather than by their command (/chart killed → 📈 Chart).
LABELS = {"/chart": N_("📈 Chart")}


def action_buttons(reply: Reply) -> list[InlineKeyboardButton]:
    """One button per command the reply offers, labelled in the current language; a command
    too long for a button's data is left out."""
    buttons = []
    for command in reply.actions:
        data = f"{COMMAND_PREFIX}:{command}"
        if len(data.encode("utf-8")) <= CALLBACK_BYTES:
            buttons.append(InlineKeyboardButton(button_label(command), callback_data=data))
    return buttons


def button_label(command: str) -> str:
    """A command button's label: what it does, in the current language, or else the command."""
    label = LABELS.get(command.split(" ", 1)[0])
    return command if label is None else _(label)


def keyboard(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    """An inline keyboard of the non-empty rows, or None."""
    kept = [row for row in rows if row]
    return InlineKeyboardMarkup(kept) if kept else None
