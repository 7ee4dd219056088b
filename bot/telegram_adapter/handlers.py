"""Telegram handlers: each reads the update, asks the command core, and sends the reply, all in
the language of the user who sent it (their /lang choice, else their Telegram app's)."""

from __future__ import annotations

from telegram import Update

from bot.core.commands import answer, parse_command, unknown_command
from bot.telegram_adapter.buttons import COMMAND_PREFIX
from bot.telegram_adapter.context import BriefContext
from bot.telegram_adapter.group_chats import addressed_here
from bot.telegram_adapter.group_replies import send_answer, send_with_chat_button
from bot.telegram_adapter.load_handlers import caller_of
from bot.telegram_adapter.replying import EXPIRED, parse_page_data, send_reply, show_page
from briefings.i18n import _, use_language
from briefings.replies.group_briefs import build_group_hint


async def reply_to_text(update: Update, context: BriefContext) -> None:
    """Answer a known command (/who, /figures, …), or plain text as a question, via the core."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    line = message.text
    caller = await caller_of(update, context, line=line)
    with use_language(caller.language):
        reply = await answer(context.runtime, line, caller)
        await send_answer(update, context, caller, line, reply)


async def unknown(update: Update, context: BriefContext) -> None:
    """Tell the user a command is unknown and where the list is; in a group only a command
    addressed to this bot (/foo@thisbot), never one for another bot."""
    message = update.effective_message
    parsed = parse_command(message.text or "") if message else None
    if message is None or parsed is None or not addressed_here(message, context.bot.username):
        return
    caller = await caller_of(update, context)
    with use_language(caller.language):
        reply = unknown_command(parsed.name)
        await send_reply(context, message.chat_id, message.text or "", reply)


async def hint_in_group(update: Update, context: BriefContext) -> None:
    """Answer a mention of the bot in a group (or a reply to it) with what it answers there."""
    message = update.effective_message
    if message is None:
        return
    caller = await caller_of(update, context, may_change=False)
    with use_language(caller.language):
        await send_with_chat_button(context, message.chat_id, build_group_hint())


async def turn_page(update: Update, context: BriefContext) -> None:
    """Show the page a ◀ or ▶ button asks for, or say the answer has expired."""
    query = update.callback_query
    if query is None:
        return
    target = parse_page_data(query.data or "")
    chat = update.effective_chat
    caller = await caller_of(update, context, may_change=False)
    with use_language(caller.language):
        shown = False
        if target is not None and chat is not None:
            shown = await show_page(context, query, chat.id, *target, caller)
        await query.answer(None if shown else _(EXPIRED), show_alert=not shown)


async def press_command(update: Update, context: BriefContext) -> None:
    """Answer a command button (as under /help) as if the command had been typed."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    line = (query.data or "").removeprefix(f"{COMMAND_PREFIX}:")
    chat = update.effective_chat
    if chat is not None and parse_command(line) is not None:
        caller = await caller_of(update, context, line=line)
        with use_language(caller.language):
            reply = await answer(context.runtime, line, caller)
            await send_answer(update, context, caller, line, reply)


async def ignore_press(update: Update, context: BriefContext) -> None:
    """Acknowledge a button that does nothing (the page counter), so its spinner stops."""
    if update.callback_query is not None:
        await update.callback_query.answer()
