"""The /forget confirmation button: only the user who asked may press it, and pressing it deletes
everything the store keeps about them (bot.core.privacy_commands), said in their language."""

from __future__ import annotations

from telegram import Update

from bot.core.arguments import whole_number
from bot.core.privacy_commands import forget_caller
from bot.telegram_adapter.context import BriefContext
from bot.telegram_adapter.load_handlers import caller_of
from bot.telegram_adapter.replying import send_reply
from briefings.i18n import _, use_language
from briefings.replies.privacy_briefs import FORGET_PREFIX, NOT_YOURS

# The confirmation button's data: "forget:42", 42 being the user who asked.
FORGET_PATTERN = rf"^{FORGET_PREFIX}:"
# Telegram user ids fit in 52 bits; a client can send any data, so the id is read bounded.
LAST_USER_ID = 2**52


async def confirm_forget(update: Update, context: BriefContext) -> None:
    """Delete the presser's data if the button is theirs; anyone else gets an alert, and
    nothing changes."""
    query, chat = update.callback_query, update.effective_chat
    if query is None or chat is None:
        return
    # Read before deleting: the reply comes in the language the user had until now.
    caller = await caller_of(update, context)
    with use_language(caller.language):
        if caller.user_id is None or asked_by(query.data or "") != caller.user_id:
            await query.answer(_(NOT_YOURS), show_alert=True)
            return
        await query.answer()
        reply = await forget_caller(context.runtime, caller)
        await send_reply(context, chat.id, "/forget", reply)


def asked_by(data: str) -> int | None:
    """The id of the user a confirmation button belongs to ("forget:42" → 42), or None."""
    prefix, _colon, user = data.partition(":")
    if prefix != FORGET_PREFIX:
        return None
    return whole_number(user, LAST_USER_ID)
