"""Inline buttons under replies: one per command a reply offers, and the keyboard holding them."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions

from briefings.replies.reply import Reply

COMMAND_PREFIX = "cmd"
IGNORED = "noop"
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def action_buttons(reply: Reply) -> list[InlineKeyboardButton]:
    """One button per command the reply offers."""
    return [
        InlineKeyboardButton(command, callback_data=f"{COMMAND_PREFIX}:{command}")
        for command in reply.actions
    ]


def keyboard(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    """An inline keyboard of the non-empty rows, or None."""
    kept = [row for row in rows if row]
    return InlineKeyboardMarkup(kept) if kept else None
