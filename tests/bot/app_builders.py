"""Helpers to run the real Application in tests: on a copied seeded store, with a fake Bot API.

`started_application` builds the bot exactly as `briefbot run` does, except that its
requests go to a `RecordingRequest` (handler tests) or its base URL to a `BotApiDouble`
(end-to-end tests), and the extraction worker is the session's, started once.
"""

from __future__ import annotations

import asyncio
import html
import re
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import Runtime, open_runtime
from bot.core.seeding import ensure_seeded
from bot.settings import Settings
from bot.telegram_adapter.application import (
    BriefApplication,
    build_application,
    start_services,
    stop_services,
)
from briefings.identity.rules import IDENTITY_RULES
from storage import export_store, save_extracted
from tests.storage.extracted_builders import make_draft, make_extracted
from tests.support.recording_request import RecordingRequest

REPO = Path(__file__).resolve().parents[2]
TOKEN = "123456:TEST-TOKEN"
ADMIN_ID = 777
_TAG = re.compile(r"</?(b|i|pre|code)>")

# How long a long poll of the test double waits before it answers with no updates.
POLL = timedelta(seconds=1)


def make_settings(store: Path, *, base_url: str = "http://127.0.0.1:9", **changes: Any) -> Settings:
    """Settings for a test bot on a SQLite store; port 9 (discard) if no Bot API is meant to run.

    `changes` sets other fields by name (webhook_url=..., allow_paid_broadcast=True), validated.
    """
    return Settings(
        database_url=f"sqlite+aiosqlite:///{store}",
        telegram_token=TOKEN,
        telegram_api_base_url=base_url,
        admin_ids=frozenset({ADMIN_ID}),
        seeds_dir=REPO / "seeds",
        **changes,
    )


def free_port() -> int:
    """A loopback port nothing listens on now (the system's pick for a socket then closed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build_seeded_store(store: Path, extraction_worker: ExtractionWorker) -> Path:
    """A SQLite store holding the seed articles, built through the real load path."""

    async def seed() -> None:
        runtime = await open_runtime(make_settings(store), extraction_worker)
        try:
            await ensure_seeded(runtime)
        finally:
            await runtime.close()

    asyncio.run(seed())
    return store


@asynccontextmanager
async def started_application(
    settings: Settings, extraction_worker: ExtractionWorker, request: RecordingRequest | None = None
) -> AsyncIterator[BriefApplication]:
    """The bot's Application, initialised and with its services started (post_init run)."""
    application = build_application(settings, request=request, extraction=extraction_worker)
    async with application:
        # `async with` initialises but does not run post_init; run_polling would.
        await start_services(application)
        try:
            yield application
        finally:
            await stop_services(application)


@asynccontextmanager
async def polling_application(
    settings: Settings, extraction_worker: ExtractionWorker
) -> AsyncIterator[BriefApplication]:
    """The bot polling the Bot API server its settings name, as `briefbot run` runs it."""
    async with started_application(settings, extraction_worker) as application:
        assert application.updater is not None
        await application.updater.start_polling(timeout=POLL)
        await application.start()
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


async def store_snapshot(app: BriefApplication) -> dict[str, Any]:
    """The application's whole store as `briefbot export` prints it."""
    async with runtime_of(app).sessions() as session:
        return dict(await export_store(session))


def runtime_of(app: BriefApplication) -> Runtime:
    """The application's runtime, started by post_init."""
    runtime = app.bot_data.runtime
    assert runtime is not None
    return runtime


async def add_articles(application: BriefApplication, count: int) -> None:
    """Store `count` small articles with long titles, so that /sources runs over several pages."""
    runtime = application.bot_data.runtime
    assert runtime is not None
    async with runtime.sessions.begin() as session:
        for n in range(count):
            draft = make_draft(f"Report number {n} on the ceasefire talks in Paris.")
            title = f"A long headline about the ceasefire talks and what they mean, part {n}"
            extracted = make_extracted(draft, title=title, source=f"r{n}.txt")
            await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)


def shown_text(page: str) -> str:
    """What Telegram shows for an HTML message: tags dropped, entities decoded."""
    return html.unescape(_TAG.sub("", page))
