"""Fixtures for tests/bot/core: the local web site, a recording transport for fetching, and a
runtime on a store holding a made-up feature article."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp import web
from app_builders import make_settings
from feature_store import save_feature
from fetch_site import RecordingTransport, Site

from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings


@pytest_asyncio.fixture
async def site() -> AsyncIterator[Site]:
    """The local site on an ephemeral port of 127.0.0.1."""
    served = Site()
    runner = web.AppRunner(served.build_app())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    served.base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        yield served
    finally:
        served.release.set()
        await runner.cleanup()


@pytest.fixture
def transport() -> RecordingTransport:
    """A recording transport for one test."""
    return RecordingTransport()


@pytest_asyncio.fixture
async def feature_runtime(store_env: Path) -> AsyncIterator[Runtime]:
    """A runtime on a fresh store holding the made-up feature article, closed after the test."""
    runtime = await open_runtime(Settings(database_url=f"sqlite+aiosqlite:///{store_env}"))
    try:
        await save_feature(runtime)
        yield runtime
    finally:
        await runtime.close()


@pytest_asyncio.fixture
async def seeded_runtime(seeded_store: Path) -> AsyncIterator[Runtime]:
    """A runtime on this test's copy of the seeded store, closed after the test."""
    runtime = await open_runtime(make_settings(seeded_store))
    try:
        yield runtime
    finally:
        await runtime.close()
