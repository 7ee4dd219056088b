"""Webhook mode end to end: a worker run by `serve` takes the updates the Bot API double posts.

The worker runs as `briefbot run` runs it (application.serve) on a copy of the seeded store,
WEBHOOK_URL on a free loopback port; the double posts updates to it as Telegram does, with
the right secret, a wrong one or none, and tests read the whole store before and after.
"""

from __future__ import annotations

import asyncio
import socket
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import ClientSession
from app_builders import ADMIN_ID, free_port, make_settings
from telegram import Update

from bot.core.extraction_worker import ExtractionWorker
from bot.settings import Settings
from bot.telegram_adapter.application import serve
from bot.telegram_adapter.webhook_server import HEALTH_PATH, MAX_UPDATE_BYTES
from storage import create_engine, make_session_factory, subscribe
from storage.migrate import file_revisions
from tests.support.bot_api_double import BotApiDouble, Webhook

SECRET = "webhook-secret_0123456789"
HOOK_PATH = "/telegram/updates"
CHAT = 4242
# Seconds a worker gets to start (open the store, set menus and webhook) and to stop.
START_SECONDS = 60.0
STOP_SECONDS = 30.0


@dataclass
class Worker:
    """A worker serving the webhook: its settings, store, and the task running `serve`."""

    settings: Settings
    store: Path
    stop: asyncio.Event
    task: asyncio.Task[None]

    @property
    def root(self) -> str:
        """The webhook server's address, without a path."""
        return f"http://127.0.0.1:{self.settings.webhook_port}"


def webhook_settings(double: BotApiDouble, store: Path, **changes: Any) -> Settings:
    """Settings of a webhook worker on `store`, posting to the double, on a free port."""
    port = free_port()
    return make_settings(
        store,
        base_url=double.base_url,
        webhook_url=f"http://127.0.0.1:{port}{HOOK_PATH}",
        webhook_secret=SECRET,
        webhook_listen="127.0.0.1",
        webhook_port=port,
        **changes,
    )


@asynccontextmanager
async def serving(
    settings: Settings, store: Path, double: BotApiDouble, extraction: ExtractionWorker
) -> AsyncIterator[Worker]:
    """`serve` in a task, entered once the worker has set its webhook, stopped on leaving."""
    double.add_chat(ADMIN_ID)  # the admin has started the bot: its menu is set
    stop = asyncio.Event()
    task = asyncio.create_task(serve(settings, stop=stop, extraction=extraction))
    webhook_set = asyncio.create_task(double.wait_for("setWebhook", timeout=START_SECONDS))
    await asyncio.wait({task, webhook_set}, return_when=asyncio.FIRST_COMPLETED)
    if task.done():
        webhook_set.cancel()
        task.result()  # serve's own error, if it failed
        raise AssertionError("serve returned before it set its webhook")
    await webhook_set
    try:
        yield Worker(settings, store, stop, task)
    finally:
        stop.set()
        await asyncio.wait_for(task, STOP_SECONDS)


@pytest_asyncio.fixture
async def worker(
    double: BotApiDouble, seeded_store: Path, extraction_worker: ExtractionWorker
) -> AsyncIterator[Worker]:
    """A webhook worker on a copy of the seeded store, its webhook set."""
    settings = webhook_settings(double, seeded_store)
    async with serving(settings, seeded_store, double, extraction_worker) as running:
        yield running


def dump_store(store: Path) -> list[str]:
    """Every table and row of a SQLite store, as SQL statements."""
    with closing(sqlite3.connect(store)) as connection:
        return list(connection.iterdump())


def subscribed_chats(store: Path) -> list[int]:
    """The chats with a subscription in a SQLite store."""
    with closing(sqlite3.connect(store)) as connection:
        return [row[0] for row in connection.execute("SELECT chat_id FROM subscriptions")]


async def reply_in(double: BotApiDouble, chat_id: int, count: int) -> str:
    """The text of the bot's `count`-th sendMessage to a chat, once it has been sent."""
    calls = await double.wait_for(
        "sendMessage", lambda call: call.params.get("chat_id") == chat_id, count=count, timeout=20
    )
    return str(calls[-1].params["text"])


async def get(url: str) -> tuple[int, Any]:
    """GET a URL of the webhook server: the status and the JSON answer."""
    async with ClientSession() as session, session.get(url) as response:
        return response.status, await response.json()


async def test_the_worker_sets_its_webhook_with_the_secret(
    double: BotApiDouble, worker: Worker
) -> None:
    [call] = double.calls("setWebhook")
    assert call.params["url"] == f"{worker.root}{HOOK_PATH}"
    assert call.params["secret_token"] == SECRET
    assert call.params["allowed_updates"] == list(Update.ALL_TYPES)
    assert double.webhook == Webhook(
        f"{worker.root}{HOOK_PATH}", SECRET, list(Update.ALL_TYPES), 40
    )
    assert not double.calls("getUpdates")


async def test_an_update_with_the_secret_is_answered(double: BotApiDouble, worker: Worker) -> None:
    update = double.command_update("/help", chat_id=CHAT)
    assert await double.deliver_webhook(update) == 200
    assert "/who" in await reply_in(double, CHAT, 1)


async def test_a_wrong_or_missing_secret_gets_403_and_changes_nothing(
    double: BotApiDouble, worker: Worker
) -> None:
    before = dump_store(worker.store)
    for secret in ("webhook-secret_0123456780", SECRET.upper(), SECRET + "x", "", None):
        update = double.command_update("/subscribe 08:00 Kyiv", chat_id=CHAT)
        assert await double.deliver_webhook(update, secret=secret) == 403, secret
    # Updates are handled one at a time, in order: had a refused one been queued, it would
    # have been answered before this one.
    assert await double.deliver_webhook(double.command_update("/settings", chat_id=CHAT)) == 200
    assert (await reply_in(double, CHAT, 1)).startswith("You have no daily digest.")
    assert len(double.calls("sendMessage")) == 1
    assert dump_store(worker.store) == before
    assert subscribed_chats(worker.store) == []


async def test_a_subscription_by_webhook_is_kept(double: BotApiDouble, worker: Worker) -> None:
    # The check above would see a subscription: the same command with the secret makes one.
    before = dump_store(worker.store)
    update = double.command_update("/subscribe 08:00 Kyiv", chat_id=CHAT)
    assert await double.deliver_webhook(update) == 200
    await reply_in(double, CHAT, 1)
    assert subscribed_chats(worker.store) == [CHAT]
    assert dump_store(worker.store) != before


async def test_what_is_no_update_is_refused(double: BotApiDouble, worker: Worker) -> None:
    assert await double.request_webhook(b"not json") == 400
    assert await double.request_webhook(b"[1, 2]") == 400
    assert await double.request_webhook(b'{"update_id": "7", "message": {}}') == 400
    assert await double.request_webhook(b'{"update_id": 7, "message": {"text": 1}}') == 400
    oversize = b'{"update_id": 7, "padding": "' + b"x" * MAX_UPDATE_BYTES + b'"}'
    assert await double.request_webhook(oversize) == 413
    assert await double.request_webhook(oversize, secret=None) == 403
    assert await double.request_webhook(method="GET") == 405
    # Nothing reached the handlers: the next update is the first one answered.
    assert await double.deliver_webhook(double.command_update("/help", chat_id=CHAT)) == 200
    await reply_in(double, CHAT, 1)
    assert len(double.calls("sendMessage")) == 1


async def test_health_answers_ok_while_the_store_is_current(worker: Worker) -> None:
    status, answer = await get(f"{worker.root}{HEALTH_PATH}")
    assert (status, answer["status"]) == (200, "ok")
    assert max(file_revisions()) in answer["detail"]


async def test_health_answers_503_when_the_schema_is_behind(worker: Worker) -> None:
    older = sorted(file_revisions())[-2]
    with closing(sqlite3.connect(worker.store)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (older,))
    status, answer = await get(f"{worker.root}{HEALTH_PATH}")
    assert (status, answer["status"]) == (503, "schema")
    assert f"behind (revision {older})" in answer["detail"]


async def test_a_stopped_worker_returns_and_closes_its_port(worker: Worker) -> None:
    worker.stop.set()
    await asyncio.wait_for(worker.task, STOP_SECONDS)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", worker.settings.webhook_port), timeout=2).close()


async def add_due_subscriber(store: Path, chat_id: int) -> None:
    """A subscriber whose digest was due a minute ago."""
    engine = create_engine(f"sqlite+aiosqlite:///{store}")
    now = datetime.now(UTC)
    try:
        async with make_session_factory(engine).begin() as session:
            await subscribe(
                session,
                chat_id=chat_id,
                user_id=chat_id,
                local_time=time(8),
                zone="Europe/Kyiv",
                next_due_at=now - timedelta(minutes=1),
                now=now - timedelta(days=1),
            )
    finally:
        await engine.dispose()


@pytest.mark.parametrize("paid", [True, False])
async def test_digests_are_paid_broadcasts_only_when_allowed(
    double: BotApiDouble, seeded_store: Path, extraction_worker: ExtractionWorker, paid: bool
) -> None:
    await add_due_subscriber(seeded_store, CHAT)
    settings = webhook_settings(
        double, seeded_store, allow_paid_broadcast=paid, digest_tick_seconds=1
    )
    async with serving(settings, seeded_store, double, extraction_worker):
        [digest] = await double.wait_for(
            "sendMessage", lambda call: call.params.get("chat_id") == CHAT, timeout=20
        )
    assert "digest" in str(digest.params["text"]).lower()
    assert digest.params.get("allow_paid_broadcast") is (True if paid else None)
