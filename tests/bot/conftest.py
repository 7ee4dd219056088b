"""Fixtures for tests/bot: the settings environment of a fresh SQLite store in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_runner import point_settings_at

from bot.settings import get_settings


@pytest.fixture
def store_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings for a fresh store at tmp_path/store.db: repo seeds, no token, no admins.

    Yields the store's file; the working directory is tmp_path, so no `.env` is read.
    """
    yield point_settings_at(monkeypatch, tmp_path)
    get_settings.cache_clear()
