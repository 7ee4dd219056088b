"""Group chats under Telegram's privacy mode: which messages are the bot's to answer there, and
whether a member is one of the group's administrators.

In a group with privacy mode on (BotFather's default, to keep) the bot receives commands,
messages that mention it, and replies to its own messages; as a group administrator it
receives every message, so the handlers' filters must not take a group's plain text as a
question either way. Many bots may share a group: a command addressed to another bot
(`/help@otherbot`) is never this bot's, and a bare command this bot does not know may be
another's, so only an unknown command addressed to this bot gets the hint there.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import Chat, Message, MessageEntity, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError
from telegram.ext.filters import MessageFilter

from bot.core.callers import Caller
from bot.core.commands import parse_command
from bot.core.group_commands import needs_group_admin
from bot.telegram_adapter.context import BriefContext

log = logging.getLogger(__name__)

GROUP_KINDS = frozenset({Chat.GROUP, Chat.SUPERGROUP})
ADMIN_STATUSES = frozenset({ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR})


def in_group(chat: Chat | None) -> bool:
    """Whether a chat is a group or a supergroup."""
    return chat is not None and chat.type in GROUP_KINDS


def addressed_here(message: Message, username: str) -> bool:
    """Whether an unknown command is this bot's to answer: addressed to it by name
    (`/foo@thisbot`), or bare in a private chat; a command for another bot never is."""
    target = _addressee(message)
    if target is not None:
        return target.casefold() == username.casefold()
    return not in_group(message.chat)


def for_another_bot(message: Message, username: str) -> bool:
    """Whether a message's command (or a document's caption) is addressed to another bot by
    name: `/load@otherbot`."""
    target = _addressee(message)
    return target is not None and target.casefold() != username.casefold()


def _addressee(message: Message) -> str | None:
    """The bot a message's command names after "@" (`/foo@somebot`), or None."""
    first = (message.text or message.caption or "").split(maxsplit=1)
    _command, at, target = (first[0] if first else "").partition("@")
    return target if at else None


class _AddressedToBot(MessageFilter):
    """A group message that mentions the bot (@its_username) or replies to one of its own."""

    def filter(self, message: Message) -> bool:
        """Whether the message is in a group and mentions or replies to this bot."""
        if not in_group(message.chat):
            return False
        bot = message.get_bot()
        replied = message.reply_to_message
        replier = replied.from_user if replied is not None else None
        if replier is not None and replier.id == bot.id:
            return True
        mention = f"@{bot.username}".casefold()
        mentions = message.parse_entities([MessageEntity.MENTION]).values()
        return any(text.casefold() == mention for text in mentions)


ADDRESSED_TO_BOT = _AddressedToBot()


async def with_group_admin(
    update: Update, context: BriefContext, caller: Caller, line: str
) -> Caller:
    """The caller, told whether they administer the group when the line asks to change the
    group's settings (one getChatMember then; no call for anything else)."""
    command = parse_command(line)
    if not caller.in_group or command is None:
        return caller
    if not needs_group_admin(command.name, command.argument):
        return caller
    return replace(caller, group_admin=await is_group_admin(update, context))


async def is_group_admin(update: Update, context: BriefContext) -> bool:
    """Whether the sender is the group's creator or an administrator; an anonymous
    administrator writes as the group itself. False if Telegram cannot say."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None or user is None:
        return False
    if update.message is not None and message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as error:
        log.warning("could not read member %d of chat %d: %s", user.id, chat.id, error)
        return False
    return member.status in ADMIN_STATUSES
