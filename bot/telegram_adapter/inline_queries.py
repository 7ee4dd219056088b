"""Inline mode: `@bot zelensky` in any chat offers the matching cards and figure groups.

Each result is an article whose message is the card or group as the bot answers it, in HTML
within Telegram's 4,096 characters, followed by the sources it cites (a reader in another chat
has no /sources), with a button that opens the same card in the bot (its deep link). Results
are built in the language of the user asking (their /lang choice, else their app's), so they
are personal, and cached briefly: the store grows as articles are loaded.
"""

from __future__ import annotations

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode

from bot.core.inline_search import InlineResult, inline_results
from bot.telegram_adapter.buttons import NO_PREVIEW
from bot.telegram_adapter.context import BriefContext
from bot.telegram_adapter.load_handlers import caller_of
from bot.telegram_adapter.rendering import PAGE_LIMIT, render_line, render_pages, telegram_length
from briefings.i18n import N_, _, use_language
from briefings.replies.share_links import deep_link

# Seconds Telegram may keep a query's results for this user.
CACHE_SECONDS = 60
# i18n: the button under a card or figure group sent through inline mode; opens it in the bot
OPEN_IN_BOT = N_("Open in the bot")


async def answer_inline_query(update: Update, context: BriefContext) -> None:
    """Answer an inline query with the cards and figure groups it names, sourced."""
    query = update.inline_query
    if query is None:
        return
    caller = await caller_of(update, context, may_change=False)
    username = context.bot.username
    with use_language(caller.language):
        found = await inline_results(context.runtime, query.query)
        results = [article(result, username) for result in found]
    await query.answer(results, cache_time=CACHE_SECONDS, is_personal=True)


def article(result: InlineResult, bot_username: str) -> InlineQueryResultArticle:
    """One result: its title and line, its message in HTML, a button opening it in the bot."""
    button = InlineKeyboardButton(_(OPEN_IN_BOT), url=deep_link(bot_username, result.payload))
    content = InputTextMessageContent(
        message_text(result), parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
    )
    return InlineQueryResultArticle(
        id=result.payload,
        title=result.title,
        input_message_content=content,
        description=result.description or None,
        reply_markup=InlineKeyboardMarkup([[button]]),
    )


def message_text(result: InlineResult) -> str:
    """The answer's first page and its sources, together within one message's limit: the
    sources are kept whole, and the answer cut between lines where it would not fit."""
    notes = "\n".join(render_line(line) for line in result.notes).strip("\n")
    room = PAGE_LIMIT - telegram_length(notes) - 2
    body = render_pages(result.answer, room)[0]
    return f"{body}\n\n{notes}" if notes else body
