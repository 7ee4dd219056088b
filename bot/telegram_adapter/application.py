"""The composition root: build the Telegram Application, its handlers, services and command menu."""

from __future__ import annotations

import asyncio
import logging
import os
from datetime import UTC, datetime
from typing import Any

from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.core.admin_commands import ADMIN_HANDLERS
from bot.core.charts import CHART_HANDLERS
from bot.core.commands import COMMANDS
from bot.core.digest_delivery import send_due_digests
from bot.core.extraction_worker import ExtractionWorker
from bot.core.language_commands import LANGUAGE_HANDLERS
from bot.core.privacy_commands import PRIVACY_HANDLERS
from bot.core.runtime import Runtime, open_runtime, settle_heap
from bot.core.seeding import ensure_seeded
from bot.core.send_budget import send_budget
from bot.core.subscription_commands import SUBSCRIPTION_HANDLERS
from bot.settings import Settings
from bot.telegram_adapter import handlers, load_handlers, privacy_handlers
from bot.telegram_adapter.buttons import COMMAND_PREFIX, IGNORED
from bot.telegram_adapter.context import CONTEXT_TYPES, BotData, BriefContext
from bot.telegram_adapter.digest_sender import TelegramDigestSender
from bot.telegram_adapter.error_handler import report_error
from bot.telegram_adapter.group_chats import ADDRESSED_TO_BOT
from bot.telegram_adapter.inline_queries import answer_inline_query
from bot.telegram_adapter.menus import set_menus
from bot.telegram_adapter.privacy_handlers import FORGET_PATTERN
from bot.telegram_adapter.rate_limit import FloodSafeRateLimiter
from bot.telegram_adapter.replying import INLINE_PREFIX, STORED_PREFIX
from bot.telegram_adapter.serving import stop_on_signals, take_updates_until
from storage.engine import on_postgres_engine
from storage.poller_lock import acquire_poller_lock

log = logging.getLogger(__name__)

# Read RetryAfter.retry_after as a timedelta, the form python-telegram-bot 22 moves to.
os.environ.setdefault("PTB_TIMEDELTA", "true")
# Retries after a 429 (waiting as long as Telegram asks) before a send is given up.
MAX_RETRIES = 3

ALREADY_POLLING = (
    "Another briefbot process is already running on Telegram with this SQLite store; only one "
    "may run on it. Stop it first, or move the store to PostgreSQL to run several workers "
    "(digests stay safe either way: each is claimed in the store before it is sent)."
)


class AlreadyPollingError(RuntimeError):
    """Another process polls Telegram with the same store."""


BriefApplication = Application[Any, BriefContext, Any, Any, BotData, Any]

# A document whose caption starts with /load (CommandHandler reads only message text).
LOAD_CAPTION = r"^/load(@\w+)?(\s|$)"


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    extraction: ExtractionWorker | None = None,
    rate_limited: bool = True,
) -> BriefApplication:
    """The bot's Application on the settings' Bot API server; requests and a worker may be injected.

    A shared `extraction` worker (tests, benches) is used instead of starting one, and left
    running at shutdown.

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
    )
    if rate_limited:
        # The builder's type names its rate limiter's type; one variable cannot hold both.
        builder = builder.rate_limiter(FloodSafeRateLimiter(max_retries=MAX_RETRIES))  # type: ignore[arg-type]
    if request is not None:
        builder = builder.request(request).get_updates_request(updates_request or request)
    application = builder.build()
    application.bot_data.settings = settings
    application.bot_data.shared_extraction = extraction
    register_handlers(application)
    return application


def register_handlers(application: BriefApplication) -> None:
    """Every handler, in the order they are tried (the first match in group 0 wins)."""
    application.add_handlers(
        [
            # /load, as a command or as a document's caption. It runs beside other updates
            # (block=False), so users are answered while an article is extracted.
            CommandHandler("load", load_handlers.load_from_chat, block=False),
            MessageHandler(
                filters.Document.ALL & filters.CaptionRegex(LOAD_CAPTION),
                load_handlers.load_from_chat,
                block=False,
            ),
            # The other commands of the command core (admin ones check the sender there).
            CommandHandler(
                [
                    *COMMANDS,
                    *CHART_HANDLERS,
                    *ADMIN_HANDLERS,
                    *SUBSCRIPTION_HANDLERS,
                    *LANGUAGE_HANDLERS,
                    *PRIVACY_HANDLERS,
                ],
                handlers.reply_to_text,
            ),
            # Paging buttons (◀ ▶) and the page counter between them.
            CallbackQueryHandler(
                handlers.turn_page, pattern=rf"^({INLINE_PREFIX}|{STORED_PREFIX}):"
            ),
            CallbackQueryHandler(handlers.ignore_press, pattern=rf"^{IGNORED}$"),
            # Command buttons, such as those under /help.
            CallbackQueryHandler(handlers.press_command, pattern=rf"^{COMMAND_PREFIX}:"),
            # /forget's confirmation: it deletes the data of the user who asked, if they press it.
            CallbackQueryHandler(privacy_handlers.confirm_forget, pattern=FORGET_PATTERN),
            # Inline mode (@bot zelensky in any chat): the matching cards and figure groups.
            InlineQueryHandler(answer_inline_query),
            # Plain text in a private chat is a question; in groups only /ask is.
            MessageHandler(
                filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, handlers.reply_to_text
            ),
            # In a group, a message mentioning the bot or replying to it gets one sentence on
            # what the bot answers there (other plain text is never its to answer).
            MessageHandler(~filters.COMMAND & ADDRESSED_TO_BOT, handlers.hint_in_group),
            # Anything else that looks like a command gets a hint (in groups, only if it is
            # addressed to this bot: /foo@thisbot).
            MessageHandler(filters.COMMAND, handlers.unknown),
        ]
    )
    application.add_error_handler(report_error)


async def start_services(application: BriefApplication) -> None:
    """Open the store (migrated, seeded when empty), take this worker's role, share the send
    budget, set the menus and schedule the digest tick.

    The role: on SQLite one process runs per store (a second stops here); on PostgreSQL, in
    webhook mode every worker takes updates, and in polling mode the worker that gets the
    poller lock polls while the others stand by (they send digests and poll once the poller
    stops, see bot.telegram_adapter.serving).
    """
    data = application.bot_data
    settings = data.settings
    if settings is None:
        raise RuntimeError("the application was built without settings")
    runtime = await open_runtime(settings, data.shared_extraction)
    shared = on_postgres_engine(runtime.engine)
    # On SQLite the lock is the store's, whatever the mode: one process sends on a SQLite store.
    if settings.webhook_url is None or not shared:
        runtime.poller_lock = await acquire_poller_lock(runtime.engine)
        if runtime.poller_lock is None and not shared:
            await runtime.close()
            raise AlreadyPollingError(ALREADY_POLLING)
    data.runtime = runtime
    loaded = await ensure_seeded(runtime)
    if loaded:
        log.info("seeded the empty store with %d articles", loaded)
    share_send_budget(application, runtime)
    if takes_updates(application):
        await prepare_for_updates(application)
    # Every worker, standby or not: full collections no longer walk what start-up built.
    settle_heap()
    schedule_digests(application)


def takes_updates(application: BriefApplication) -> bool:
    """Whether this worker takes updates now: in webhook mode, or holding the poller lock."""
    data = application.bot_data
    webhook = data.settings is not None and data.settings.webhook_url is not None
    return webhook or (data.runtime is not None and data.runtime.poller_lock is not None)


async def prepare_for_updates(application: BriefApplication) -> None:
    """Start the extraction worker, so its pipeline is ready for the first article an admin
    sends, and set the command menus."""
    runtime = application.bot_data.runtime
    if runtime is None:
        raise RuntimeError("the bot's services are not running")
    await runtime.extraction.start()
    await set_menus(application)


def share_send_budget(application: BriefApplication, runtime: Runtime) -> None:
    """Give the rate limiter the store's send budget: shared by every worker on PostgreSQL."""
    limiter = application.bot.rate_limiter
    if isinstance(limiter, FloodSafeRateLimiter):
        settings = runtime.settings
        limiter.budget = send_budget(
            runtime.engine, settings.telegram_rate_per_second, settings.telegram_rate_headroom
        )


def schedule_digests(application: BriefApplication) -> None:
    """The digest tick: every DIGEST_TICK_SECONDS, first at the start of the next minute."""
    if application.job_queue is None:
        raise RuntimeError(
            "python-telegram-bot is installed without its job queue (job-queue extra)"
        )
    settings = application.bot_data.settings
    interval = settings.digest_tick_seconds if settings else 60.0
    now = datetime.now(UTC)
    first = interval - (now.second + now.microsecond / 1e6) % interval
    application.job_queue.run_repeating(
        send_digests,
        interval=interval,
        first=first,
        name="digest tick",
        # A tick still sending when the next is due lets it pass; claims keep each digest once.
        job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": int(interval)},
    )


async def send_digests(context: BriefContext) -> None:
    """The digest tick's job: send what is due, log what was done."""
    # A sender per tick: it keeps each digest rendered once for the subscribers sharing it.
    paid = context.settings.allow_paid_broadcast
    sender = TelegramDigestSender(context.bot, paid_broadcast=paid)
    report = await send_due_digests(context.runtime, sender)
    if report.claimed or report.skipped or report.pruned:
        log.info("digest tick: %s", report)


async def stop_services(application: BriefApplication) -> None:
    """Release the poller lock, stop the extraction worker and close the store's connections."""
    runtime = application.bot_data.runtime
    application.bot_data.runtime = None
    if runtime is not None:
        if runtime.poller_lock is not None:
            await runtime.poller_lock.release()
        await runtime.close()


def run(settings: Settings) -> None:
    """Run one worker (`briefbot run`) until SIGINT or SIGTERM."""
    asyncio.run(serve(settings))


async def serve(
    settings: Settings,
    *,
    stop: asyncio.Event | None = None,
    request: BaseRequest | None = None,
    extraction: ExtractionWorker | None = None,
) -> None:
    """Run one worker until `stop` is set (by default: until SIGINT or SIGTERM).

    `request` and `extraction` may be injected (tests): a Bot API request class, and an
    extraction worker shared with the caller and left running.
    """
    application = build_application(settings, request=request, extraction=extraction)
    stop = stop or stop_on_signals()
    async with application:
        await start_services(application)
        try:
            await application.start()
            await take_updates_until(stop, application, settings, prepare_for_updates)
        finally:
            if application.running:
                await application.stop()
            await stop_services(application)
