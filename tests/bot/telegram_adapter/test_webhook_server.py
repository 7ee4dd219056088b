"""Tests for bot.telegram_adapter.webhook_server alone: health before start and with a store that
does not answer, and what a post puts on the update queue.

The end-to-end tests (test_webhook_e2e.py) run it inside a worker; here it serves an
Application that is built but not started, so the runtime can be none or one whose store is
a PostgreSQL address where nothing listens (127.0.0.1, port 1).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest_asyncio
from aiohttp import ClientSession
from app_builders import free_port, make_settings
from telegram import Update

from bot.core.runtime import Runtime
from bot.telegram_adapter.application import BriefApplication, build_application
from bot.telegram_adapter.webhook_server import HEALTH_PATH, SECRET_HEADER, WebhookServer
from storage import create_engine, make_session_factory

SECRET = "server-secret"
HOOK_PATH = "/hook"
NOWHERE = "postgresql+asyncpg://briefbot:hidden-password@127.0.0.1:1/briefbot"
UPDATE = {
    "update_id": 5,
    "message": {"message_id": 1, "date": 0, "chat": {"id": 9, "type": "private"}, "text": "hi"},
}


@pytest_asyncio.fixture
async def application(tmp_path: Path) -> AsyncIterator[BriefApplication]:
    """An Application built for webhook mode on a free port, its services not started."""
    port = free_port()
    settings = make_settings(
        tmp_path / "store.db",
        webhook_url=f"http://127.0.0.1:{port}{HOOK_PATH}",
        webhook_secret=SECRET,
        webhook_port=port,
    )
    yield build_application(settings)


@pytest_asyncio.fixture
async def server(application: BriefApplication) -> AsyncIterator[str]:
    """The webhook server of `application`, listening; yields its address."""
    settings = application.bot_data.settings
    assert settings is not None
    server = WebhookServer(application, settings)
    await server.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        await server.stop()


async def request(method: str, url: str, **options: Any) -> tuple[int, str]:
    """The status and body of one request."""
    async with ClientSession() as session, session.request(method, url, **options) as response:
        return response.status, await response.text()


async def test_health_is_503_until_the_services_run(server: str) -> None:
    status, body = await request("GET", f"{server}{HEALTH_PATH}")
    assert status == 503
    assert json.loads(body)["status"] == "starting"


async def test_health_is_503_when_the_store_does_not_answer(
    application: BriefApplication, server: str
) -> None:
    settings = application.bot_data.settings
    assert settings is not None
    engine = create_engine(NOWHERE)
    sessions = make_session_factory(engine)
    application.bot_data.runtime = Runtime(settings, engine, sessions, sessions)
    try:
        status, body = await request("GET", f"{server}{HEALTH_PATH}")
    finally:
        await engine.dispose()
    answer = json.loads(body)
    assert (status, answer["status"]) == (503, "store")
    assert "nothing answers at its address" in answer["detail"]
    assert "hidden-password" not in answer["detail"]


async def test_an_update_with_the_secret_is_queued_and_one_without_is_not(
    application: BriefApplication, server: str
) -> None:
    body = json.dumps(UPDATE)
    refused = await request("POST", f"{server}{HOOK_PATH}", data=body, headers={SECRET_HEADER: "x"})
    assert refused[0] == 403
    assert application.update_queue.empty()
    taken = await request(
        "POST", f"{server}{HOOK_PATH}", data=body, headers={SECRET_HEADER: SECRET}
    )
    assert taken[0] == 200
    update = application.update_queue.get_nowait()
    assert isinstance(update, Update)
    assert update.update_id == 5
    assert update.message is not None and update.message.text == "hi"
    assert application.update_queue.empty()
