"""Fixtures for tests/bot: the settings environment of a fresh SQLite store in tmp_path."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio
from app_builders import TOKEN, build_seeded_store
from cli_runner import copy_store, point_settings_at

from bot.core.extraction_worker import ExtractionWorker
from bot.settings import get_settings
from tests.support.bot_api_double import BotApiDouble


@pytest.fixture
def store_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings for a fresh store at tmp_path/store.db: repo seeds, no token, no admins.

    Yields the store's file; the working directory is tmp_path, so no `.env` is read.
    """
    yield point_settings_at(monkeypatch, tmp_path)
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def seeded_template(
    tmp_path_factory: pytest.TempPathFactory, extraction_worker: ExtractionWorker
) -> Path:
    """A store holding the two seed articles, built once per session; copy it before use."""
    return build_seeded_store(tmp_path_factory.mktemp("seeded") / "seeded.db", extraction_worker)


@pytest.fixture
def seeded_store(seeded_template: Path, tmp_path: Path) -> Path:
    """This test's own copy of the seeded store."""
    store = tmp_path / "seeded.db"
    copy_store(seeded_template, store)
    return store


@pytest_asyncio.fixture
async def double() -> AsyncIterator[BotApiDouble]:
    """The Bot API double on an ephemeral loopback port, for the bot's end-to-end tests."""
    async with BotApiDouble(token=TOKEN) as server:
        yield server
