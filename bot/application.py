"""The composition root: build the Telegram Application, its handlers, services and command menu."""

from __future__ import annotations

import logging
import os
from typing import Any

from spacy.language import Language
from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import BadRequest
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import admin_handlers, handlers
from bot.admin import ADMIN_HANDLERS
from bot.commands import COMMANDS
from bot.context import CONTEXT_TYPES, BotData, BriefContext
from bot.error_handler import report_error
from bot.loading import ensure_seeded
from bot.replying import COMMAND_PREFIX, IGNORED, INLINE_PREFIX, STORED_PREFIX
from bot.runtime import open_runtime, settle_heap
from bot.settings import Settings

log = logging.getLogger(__name__)

# Read RetryAfter.retry_after as a timedelta, the form python-telegram-bot 22 moves to.
os.environ.setdefault("PTB_TIMEDELTA", "true")
# Retries after a 429 (waiting as long as Telegram asks) before a send is given up.
MAX_RETRIES = 3

BriefApplication = Application[Any, BriefContext, Any, Any, BotData, Any]

# The command menu Telegram shows next to the message box.
MENU = (
    BotCommand("who", "Actors and their roles, or one actor's card"),
    BotCommand("figures", "Numbers, who claims them, where sources disagree"),
    BotCommand("demands", "What each side demands, proposes or rejects"),
    BotCommand("sources", "The articles behind every answer"),
    BotCommand("ask", "The facts that best answer a question"),
    BotCommand("help", "What this bot does"),
)
# Admins see these too, in their own chats only (a command scope per admin).
ADMIN_MENU = (
    *MENU,
    BotCommand("load", "Load an article: pasted text, a file, or a URL"),
    BotCommand("articles", "The loaded articles, with their numbers"),
    BotCommand("remove", "Remove an article and the facts only it supports"),
)
# A document whose caption starts with /load (CommandHandler reads only message text).
LOAD_CAPTION = r"^/load(@\w+)?(\s|$)"


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    nlp: Language | None = None,
    rate_limited: bool = True,
) -> BriefApplication:
    """The bot's Application on the settings' Bot API server; requests and a pipeline may be injected.

    `rate_limited=False` leaves out the rate limiter, which spaces sends to Telegram's limits;
    the answer benchmark uses it to time the bot's own work.
    """
    if settings.telegram_token is None:
        raise ValueError("TELEGRAM_TOKEN is not set; the offline console needs no Application")
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .base_url(settings.bot_api_url)
        .base_file_url(settings.bot_file_url)
        .context_types(CONTEXT_TYPES)
        .post_init(start_services)
        .post_shutdown(stop_services)
    )
    if rate_limited:
        # The builder's type names its rate limiter's type; one variable cannot hold both.
        builder = builder.rate_limiter(AIORateLimiter(max_retries=MAX_RETRIES))  # type: ignore[arg-type]
    if request is not None:
        builder = builder.request(request).get_updates_request(updates_request or request)
    application = builder.build()
    application.bot_data.settings = settings
    application.bot_data.preloaded_nlp = nlp
    register_handlers(application)
    return application


def register_handlers(application: BriefApplication) -> None:
    """Every handler, in the order they are tried (the first match in group 0 wins)."""
    application.add_handlers(
        [
            # /load, as a command or as a document's caption. It runs beside other updates
            # (block=False), so users are answered while an article is extracted.
            CommandHandler("load", admin_handlers.load_from_chat, block=False),
            MessageHandler(
                filters.Document.ALL & filters.CaptionRegex(LOAD_CAPTION),
                admin_handlers.load_from_chat,
                block=False,
            ),
            # The other commands of the command core (admin ones check the sender there).
            CommandHandler([*COMMANDS, *ADMIN_HANDLERS], handlers.reply_to_text),
            # Paging buttons (◀ ▶) and the page counter between them.
            CallbackQueryHandler(
                handlers.turn_page, pattern=rf"^({INLINE_PREFIX}|{STORED_PREFIX}):"
            ),
            CallbackQueryHandler(handlers.ignore_press, pattern=rf"^{IGNORED}$"),
            # Command buttons, such as those under /help.
            CallbackQueryHandler(handlers.press_command, pattern=rf"^{COMMAND_PREFIX}:"),
            # Plain text in a private chat is a question; in groups only /ask is.
            MessageHandler(
                filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, handlers.reply_to_text
            ),
            # Anything else that looks like a command gets a hint.
            MessageHandler(filters.COMMAND, handlers.unknown),
        ]
    )
    application.add_error_handler(report_error)


async def start_services(application: BriefApplication) -> None:
    """post_init: open the store (migrated, seeded when empty), load the pipeline, set the menu."""
    data = application.bot_data
    if data.settings is None:
        raise RuntimeError("the application was built without settings")
    runtime = await open_runtime(data.settings, data.preloaded_nlp)
    data.runtime = runtime
    loaded = await ensure_seeded(runtime)
    if loaded:
        log.info("seeded the empty store with %d articles", loaded)
    # Loaded now, the pipeline is ready for the first article an admin sends.
    await runtime.nlp()
    settle_heap()
    await set_menus(application)


async def set_menus(application: BriefApplication) -> None:
    """The command menu for everyone, and one with the admin commands in each admin's chat."""
    await application.bot.set_my_commands(list(MENU))
    settings = application.bot_data.settings
    for admin_id in sorted(settings.admin_ids if settings else ()):
        try:
            await application.bot.set_my_commands(
                list(ADMIN_MENU), scope=BotCommandScopeChat(admin_id)
            )
        except BadRequest as error:
            # Telegram knows no chat with a user who has never opened the bot.
            log.warning(
                "no admin menu for %d (has the admin started the bot?): %s", admin_id, error
            )


async def stop_services(application: BriefApplication) -> None:
    """post_shutdown: close the store's connections."""
    runtime = application.bot_data.runtime
    application.bot_data.runtime = None
    if runtime is not None:
        await runtime.close()


def run_polling(settings: Settings) -> None:
    """Run the bot against Telegram (or the configured Bot API server) until interrupted."""
    application = build_application(settings)
    application.run_polling(allowed_updates=Update.ALL_TYPES)
