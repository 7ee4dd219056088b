"""Telegram handlers for admins: /load from text, a replied-to message, a document or a URL."""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import Document, Message, Update
from telegram.error import BadRequest

from bot.core.admin_commands import article_input
from bot.core.article_inputs import ArticleInput, PastedText, UploadedFile
from bot.core.callers import Caller
from bot.core.commands import parse_command
from bot.core.language_commands import user_language
from bot.core.loading import load_article
from bot.telegram_adapter.context import BriefContext
from bot.telegram_adapter.group_chats import for_another_bot, in_group, with_group_admin
from bot.telegram_adapter.replying import finish_status, send_reply
from briefings.i18n import _, use_language
from briefings.replies.load_briefs import READING, build_admin_only, build_load_usage

log = logging.getLogger(__name__)


async def caller_of(
    update: Update, context: BriefContext, *, may_change: bool = True, line: str = ""
) -> Caller:
    """The sender of an update as the command core sees them: an admin or not, the language
    to answer in (their /lang choice, one read by primary key, else their app's), and in a
    group whether they administer it, when the `line` they sent asks to change its settings."""
    user, chat = update.effective_user, update.effective_chat
    is_admin = user is not None and user.id in context.settings.admin_ids
    user_id = user.id if user else None
    language = await user_language(context.runtime, user_id, user.language_code if user else None)
    caller = Caller(
        is_admin=is_admin,
        chat_id=chat.id if chat else None,
        user_id=user_id,
        may_change=may_change,
        language=language,
        in_group=in_group(chat),
    )
    return await with_group_admin(update, context, caller, line)


async def load_from_chat(update: Update, context: BriefContext) -> None:
    """/load: read the article the message names, edit one status message as it goes; a
    document captioned for another bot (`/load@otherbot`) is left alone."""
    message = update.effective_message
    if message is None or for_another_bot(message, context.bot.username):
        return
    caller = await caller_of(update, context)
    with use_language(caller.language):
        await _load(context, message, caller)


async def _load(context: BriefContext, message: Message, caller: Caller) -> None:
    """Load the article a /load message names for an admin, or say why not."""
    if not caller.is_admin:
        await send_reply(context, message.chat_id, "/load", build_admin_only("load"))
        return
    article = chat_article(message, caller)
    if article is None:
        await send_reply(context, message.chat_id, "/load", build_load_usage())
        return
    reading = _(READING)
    status = await message.reply_text(reading)
    shown = [reading]

    async def show_stage(stage: str) -> None:
        # Telegram refuses an edit that changes nothing.
        if stage != shown[-1]:
            shown.append(stage)
            await _edit_stage(status, stage)

    result = await load_article(context.runtime, article, show_stage)
    await finish_status(context, status, "/load", result)


def chat_article(message: Message, caller: Caller) -> ArticleInput | None:
    """The article a /load message names: a document, text after /load, or the replied message."""
    replied = message.reply_to_message
    document = message.document or (replied.document if replied else None)
    if document is not None:
        return _uploaded(document)
    command = parse_command(message.text or message.caption or "")
    if command is not None and command.raw.strip():
        return article_input(command.raw, replace(caller, local_files=False))
    if replied is not None and (replied.text or replied.caption):
        return PastedText(replied.text or replied.caption or "")
    return None


def _uploaded(document: Document) -> UploadedFile:
    """A Telegram document as an upload, downloaded only when the load reaches it."""

    async def download() -> bytes:
        file = await document.get_file()
        return bytes(await file.download_as_bytearray())

    # i18n: stands for a sent file that has no name, in messages such as "Downloading {name}…"
    name = document.file_name or _("the file")
    return UploadedFile(name, document.mime_type, document.file_size, download)


async def _edit_stage(status: Message, stage: str) -> None:
    """Show a stage of the load in the status message; a failed edit only costs the stage."""
    try:
        await status.edit_text(stage)
    except BadRequest as error:
        log.debug("could not show load stage %r: %s", stage, error)
