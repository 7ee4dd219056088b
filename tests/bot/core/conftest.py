"""Fixtures for tests/bot/core: the local web site and a recording transport for fetching."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiohttp import web
from fetch_site import RecordingTransport, Site


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
