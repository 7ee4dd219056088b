"""The webhook server: Telegram posts updates here, and load balancers ask GET /healthz.

Every update must carry WEBHOOK_SECRET in Telegram's secret header, compared in constant
time; a wrong or missing one gets 403 and nothing else happens. A body is bounded
(MAX_UPDATE_BYTES: 413 above it) and parsed here, in one place: anything that is not a
Telegram update gets 400. An update taken is queued for the Application and answered 200 at
once, so Telegram never waits for a reply to be composed.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update

from bot.core.health import engine_health
from bot.settings import Settings
from bot.telegram_adapter.context import BotData
from storage import describe_store_failure, is_store_failure
from storage.migrate import SchemaState

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"
# Telegram's updates are a few KB; a message of 4,096 characters with entities stays far below.
MAX_UPDATE_BYTES = 1024 * 1024
# Seconds a connection may take to send its request before it is dropped.
READ_SECONDS = 30.0


class WebhookServer:
    """An aiohttp server on WEBHOOK_LISTEN:WEBHOOK_PORT feeding one Application's update queue."""

    def __init__(self, application: Any, settings: Settings) -> None:
        if settings.webhook_secret is None:
            raise ValueError("webhook mode needs WEBHOOK_SECRET")
        self._application = application
        self._settings = settings
        self._secret = settings.webhook_secret.encode()
        app = web.Application(client_max_size=MAX_UPDATE_BYTES)
        app.router.add_post(settings.webhook_path, self._take_update)
        app.router.add_get(HEALTH_PATH, self._health)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=5.0)

    @property
    def port(self) -> int:
        """The port listened on, once started."""
        server = self._runner.addresses[0]
        return int(server[1])

    async def start(self) -> None:
        """Listen for Telegram's posts and health checks."""
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._settings.webhook_listen, self._settings.webhook_port)
        await site.start()
        log.info(
            "webhook server listening on %s:%d, updates at %s",
            self._settings.webhook_listen,
            self.port,
            self._settings.webhook_path,
        )

    async def stop(self) -> None:
        """Stop listening; requests under way get a few seconds to finish."""
        await self._runner.cleanup()

    async def _take_update(self, request: web.Request) -> web.Response:
        """Queue a posted update if it carries the secret and is one; else 403 or 400."""
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self._secret):
            log.warning("webhook post without the right secret from %s refused", request.remote)
            return web.Response(status=403, text="Forbidden: wrong or missing secret token.\n")
        update = await _read_update(request, self._application.bot)
        if update is None:
            return web.Response(status=400, text="Bad request: not a Telegram update.\n")
        await self._application.update_queue.put(update)
        return web.Response(status=200)

    async def _health(self, request: web.Request) -> web.Response:
        """200 when the store answers and its schema is current; 503 with the reason if not."""
        data: BotData = self._application.bot_data
        runtime = data.runtime
        if runtime is None:
            return _health_answer(503, "starting", "the bot's services are not running yet")
        try:
            health = await engine_health(runtime.engine)
        except TimeoutError:
            return _health_answer(503, "store", "the store did not answer in time")
        except Exception as error:
            if not is_store_failure(error):
                raise
            return _health_answer(503, "store", describe_store_failure(error))
        if health.state is not SchemaState.CURRENT:
            problem = f"the store's schema is {health.state.value} (revision {health.revision})"
            return _health_answer(503, "schema", problem)
        return _health_answer(200, "ok", f"store answers at schema revision {health.revision}")


async def _read_update(request: web.Request, bot: Any) -> Update | None:
    """The posted body as an Update, or None if it is not one (malformed, wrong shape)."""
    try:
        async with asyncio.timeout(READ_SECONDS):
            body = await request.read()
        data = json.loads(body)
    except (TimeoutError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
        return None
    try:
        return Update.de_json(data, bot)
    except (KeyError, TypeError, ValueError, AttributeError):
        # PTB parses nested objects as it meets them; a hostile shape fails in any of these.
        return None


def _health_answer(status: int, state: str, detail: str) -> web.Response:
    """A health answer as JSON: the status code, a state word and one sentence."""
    return web.json_response({"status": state, "detail": detail}, status=status)
