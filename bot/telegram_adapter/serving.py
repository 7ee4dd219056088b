"""Running the bot: updates from long polling or a webhook, and digests sent by every worker.

`briefbot run` calls `application.run`, which takes updates here. Each worker is one
process, and several may run on one PostgreSQL store:
- webhook mode (WEBHOOK_URL set): every worker serves the webhook (behind a load balancer
  they share Telegram's posts) and GET /healthz; each tells Telegram the address at start;
- polling mode: the worker holding the poller lock polls; the others stand by, sending
  digests, and every STANDBY_SECONDS try the lock, so one of them polls soon after the
  poller stops;
- every worker ticks the digests: claims skip rows another worker holds, and the send budget
  is shared through the store (see bot.core.digest_claims and bot.core.send_budget).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update

from bot.settings import Settings
from bot.telegram_adapter.webhook_server import WebhookServer
from storage.poller_lock import PollerLock, acquire_poller_lock

log = logging.getLogger(__name__)

# Readies a worker to take updates (extraction worker, menus): application.prepare_for_updates.
Prepare = Callable[[Any], Awaitable[None]]
# Seconds between a standby worker's tries of the poller lock.
STANDBY_SECONDS = 10.0


async def take_updates_until(
    stop: asyncio.Event, application: Any, settings: Settings, prepare: Prepare
) -> None:
    """Take updates the way the settings say until `stop` is set; a polling failure is raised.

    `prepare` readies a standby worker that becomes the poller to take updates.
    """
    async with _taking_updates(application, settings, prepare) as polling:
        waiting = asyncio.ensure_future(stop.wait())
        ended = {waiting} if polling is None else {waiting, polling}
        await asyncio.wait(ended, return_when=asyncio.FIRST_COMPLETED)
        waiting.cancel()
        if polling is not None and polling.done():
            # Polling never ends by itself: a worker that cannot poll stops, for its supervisor
            # to restart it, rather than run on without taking updates.
            polling.result()


@asynccontextmanager
async def _taking_updates(
    application: Any, settings: Settings, prepare: Prepare
) -> AsyncIterator[asyncio.Task[None] | None]:
    """Take updates for as long as the context lasts; the polling task (None for a webhook)."""
    if settings.webhook_url is not None:
        async with _webhook(application, settings):
            yield None
        return
    standby = asyncio.create_task(_poll_when_free(application, prepare), name="poller standby")
    try:
        yield standby
    finally:
        standby.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await standby
        updater = application.updater
        if updater is not None and updater.running:
            await updater.stop()


@asynccontextmanager
async def _webhook(application: Any, settings: Settings) -> AsyncIterator[None]:
    """Serve the webhook and tell Telegram its address and secret."""
    server = WebhookServer(application, settings)
    await server.start()
    try:
        await application.bot.set_webhook(
            url=str(settings.webhook_url),
            secret_token=settings.webhook_secret,
            allowed_updates=Update.ALL_TYPES,
        )
        log.info("taking updates by webhook at %s", settings.webhook_url)
        yield
    finally:
        await server.stop()


async def _poll_when_free(application: Any, prepare: Prepare) -> None:
    """Poll while this worker holds the poller lock; stand by for it whenever it does not.

    A lock lost with its connection (the database restarted, the connection was cut) is
    noticed within STANDBY_SECONDS: polling stops, so that the worker that takes the lock next
    is the only one polling, and this worker stands by again.
    """
    runtime = application.bot_data.runtime
    updater = application.updater
    if runtime is None or updater is None:
        raise RuntimeError("the bot's services are not running, or it has no updater")
    if runtime.poller_lock is None:
        log.info(
            "another worker polls Telegram; this one sends digests and stands by to poll "
            "if that one stops"
        )
    while True:
        await _wait_for_the_lock(application, prepare)
        await updater.start_polling(allowed_updates=Update.ALL_TYPES)
        log.info("taking updates by long polling")
        await _while_held(runtime.poller_lock)
        log.warning("lost the poller lock with its connection; this worker stops polling")
        await updater.stop()
        await runtime.poller_lock.release()
        runtime.poller_lock = None


async def _while_held(lock: PollerLock) -> None:
    """Return once the lock is found lost, checked every STANDBY_SECONDS."""
    while True:
        await asyncio.sleep(STANDBY_SECONDS)
        if not await lock.held():
            return


async def _wait_for_the_lock(application: Any, prepare: Prepare) -> None:
    """Return once this worker holds the poller lock, readied to take updates if it had to wait."""
    runtime = application.bot_data.runtime
    while runtime.poller_lock is None:
        await asyncio.sleep(STANDBY_SECONDS)
        runtime.poller_lock = await acquire_poller_lock(runtime.engine)
        if runtime.poller_lock is not None:
            log.info("the poller stopped; this worker polls Telegram now")
            await prepare(application)


def stop_on_signals() -> asyncio.Event:
    """An event set by SIGINT or SIGTERM, the signals a supervisor stops a worker with."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(number, stop.set)
    return stop
