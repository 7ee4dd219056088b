"""Answers in group chats: long ones to the asker privately when the group asks for that, and
notes with a button that opens the bot's private chat (as for a mention of the bot).

A long answer is one that takes more than one message (`render_pages`); a picture is one
message and stays in the group. When the group's administrators chose `/settings long
private`, a long answer goes to the asker's private chat (its paging buttons then keyed to
that chat, as `send_reply` keys them) and the group gets one line saying so.

Telegram refuses to write first to a user who never started the bot (403 Forbidden, or "chat
not found"). The answer is then not posted in the group after all: its administrators chose
to keep long answers out of it. The group is told in one sentence, with a button to open the
bot, to press Start and send the command again; the answer is one command away and nothing
is lost silently.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.core.callers import Caller
from bot.core.group_commands import long_answers_private
from bot.telegram_adapter.buttons import NO_PREVIEW
from bot.telegram_adapter.context import BriefContext
from bot.telegram_adapter.rendering import render_pages
from bot.telegram_adapter.replying import send_reply
from briefings.i18n import N_, _
from briefings.replies.group_briefs import build_cannot_write_privately, build_sent_privately
from briefings.replies.reply import Reply

log = logging.getLogger(__name__)

# i18n: a button under a message in a group; it opens the user's private chat with the bot
OPEN_PRIVATE_CHAT = N_("💬 Open a private chat")


def is_long(reply: Reply) -> bool:
    """Whether a reply takes more than one message (a picture with its caption is one)."""
    return reply.photo is None and len(render_pages(reply)) > 1


async def send_answer(
    update: Update, context: BriefContext, caller: Caller, line: str, reply: Reply
) -> None:
    """Send the reply to a line to its chat; in a group that asks for it, a long one to the
    asker privately."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    # The group's setting is read only for a long answer in a group (one primary-key read).
    if (
        caller.in_group
        and user is not None
        and is_long(reply)
        and await long_answers_private(context.runtime, chat.id)
    ):
        await send_privately(context, chat.id, user, line, reply)
        return
    await send_reply(context, chat.id, line, reply)


async def send_privately(
    context: BriefContext, group_id: int, user: User, line: str, reply: Reply
) -> None:
    """Send a long answer to the asker's private chat and say so in the group; if Telegram
    refuses, tell the group how the asker can get it."""
    try:
        await send_reply(context, user.id, line, reply)
    except Forbidden as error:
        log.info("could not write to user %d privately: %s", user.id, error)
    except BadRequest as error:
        if "chat not found" not in str(error).lower():
            raise
        log.info("could not write to user %d privately: %s", user.id, error)
    else:
        await send_reply(context, group_id, "", build_sent_privately(user.first_name))
        return
    await send_with_chat_button(context, group_id, build_cannot_write_privately(user.first_name))


async def send_with_chat_button(context: BriefContext, chat_id: int, reply: Reply) -> None:
    """Send a one-message reply with a button that opens the bot's private chat."""
    button = InlineKeyboardButton(_(OPEN_PRIVATE_CHAT), url=private_chat_url(context))
    await context.bot.send_message(
        chat_id,
        render_pages(reply)[0],
        parse_mode=ParseMode.HTML,
        reply_markup=InlineKeyboardMarkup([[button]]),
        link_preview_options=NO_PREVIEW,
    )


def private_chat_url(context: BriefContext) -> str:
    """The link that opens the bot's private chat: https://t.me/<username>."""
    return f"https://t.me/{context.bot.username}"
