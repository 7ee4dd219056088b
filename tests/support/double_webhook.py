"""`BotApiDouble`'s webhook: setWebhook, deleteWebhook and getWebhookInfo as Telegram answers
them, and requests posted to the address the bot set, as Telegram posts updates.

Telegram posts only to https, on ports 80, 88, 443 or 8443. The double also takes http on a
loopback address, where the bot's own server listens in tests, and it posts to loopback
addresses only: no test ever reaches another host. While a webhook is set, getUpdates is
refused with 409, as Telegram refuses it (`POLLING_CONFLICT`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import ClientSession, ClientTimeout, hdrs

from tests.support.bot_api_calls import Fault, FaultError, JSONDict
from tests.support.double_store import DoubleStore, Webhook

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
POLLING_CONFLICT = (
    "can't use getUpdates method while webhook is active; use deleteWebhook to delete the "
    "webhook first"
)
_WEBHOOK_PORTS = frozenset({80, 88, 443, 8443})
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
_DEFAULT_CONNECTIONS = 40
# Seconds Telegram's post may take; a bot that answers slower is a failing test, not a hang.
_POST_SECONDS = 10.0

Handler = Callable[[JSONDict], Awaitable[Any]]


class WebhookMethods:
    """setWebhook, deleteWebhook and getWebhookInfo, answered from and into a `DoubleStore`."""

    def __init__(self, store: DoubleStore) -> None:
        self._store = store

    def routes(self) -> dict[str, Handler]:
        """The methods by name, for the double's method table."""
        return {
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
        }

    async def _set_webhook(self, params: JSONDict) -> bool:
        url = str(params.get("url") or "")
        if not url:  # an empty address removes the webhook, as deleteWebhook does
            return await self._delete_webhook(params)
        _check_address(url)
        secret = params.get("secret_token")
        if secret is not None and not _SECRET_TOKEN.fullmatch(str(secret)):
            raise FaultError(Fault.bad_request("secret token contains unallowed characters"))
        if params.get("drop_pending_updates"):
            self._store.updates.clear()
        connections = int(params.get("max_connections") or _DEFAULT_CONNECTIONS)
        allowed = [str(kind) for kind in params.get("allowed_updates") or []]
        self._store.webhook = Webhook(url, secret, allowed, connections)
        return True

    async def _delete_webhook(self, params: JSONDict) -> bool:
        self._store.webhook = None
        if params.get("drop_pending_updates"):
            self._store.updates.clear()
        return True

    async def _get_webhook_info(self, params: JSONDict) -> JSONDict:
        webhook = self._store.webhook
        if webhook is None:
            pending = len(self._store.updates)
            return {"url": "", "has_custom_certificate": False, "pending_update_count": pending}
        info: JSONDict = {
            "url": webhook.url,
            "has_custom_certificate": False,
            "pending_update_count": 0,
            "max_connections": webhook.max_connections,
            "ip_address": "127.0.0.1",
        }
        if webhook.allowed_updates:
            info["allowed_updates"] = webhook.allowed_updates
        return info


def _check_address(url: str) -> None:
    """Refuse an address Telegram refuses; http is taken on loopback only (the tests' bots)."""
    parts = urlsplit(url)
    local = parts.hostname in LOOPBACK_HOSTS
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise FaultError(
            Fault.bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        )
    if not local and (parts.port or 443) not in _WEBHOOK_PORTS:
        raise FaultError(
            Fault.bad_request(
                "bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
            )
        )


async def post_to_webhook(
    webhook: Webhook, body: bytes, *, secret: str | None, method: str = "POST"
) -> int:
    """Send `body` to the webhook's address as Telegram does (JSON, the secret header unless
    `secret` is None); the HTTP status the bot answered with."""
    if urlsplit(webhook.url).hostname not in LOOPBACK_HOSTS:
        raise ValueError(f"the double posts to loopback addresses only, not to {webhook.url}")
    headers: dict[str, str] = {hdrs.CONTENT_TYPE: "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    timeout = ClientTimeout(total=_POST_SECONDS)
    # A stream: aiohttp warns of large bytes bodies (a test posts more than 1 MiB).
    data = io.BytesIO(body)
    async with (
        ClientSession(timeout=timeout) as session,
        session.request(method, webhook.url, data=data, headers=headers) as response,
    ):
        await response.read()
        return response.status
