"""Helpers to run `briefbot` in-process on a SQLite store, for tests/bot.

They live here rather than in conftest.py because test modules cannot import conftest
reliably: tests/storage has a conftest.py too, and with pytest's default import mode
whichever was loaded last answers to `import conftest`.

The CLI reads its settings from the environment (and a `.env` in the working directory),
so a store's environment is cleared first and the working directory is the store's.
Building a store costs a spaCy model load; stores several tests read are built once per
module (`build_store`) and copied into each test's directory (`copy_store`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from bot.settings import Settings, get_settings
from bot.terminal.cli import app

REPO = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO / "seeds"
SEED_000 = SEEDS_DIR / "000_80d53bb89c1a5903.txt"
STORE_FILE = "store.db"
# Every setting is read from the environment variable named after the field, in upper case.
SETTINGS_VARIABLES = [name.upper() for name in Settings.model_fields]


def point_settings_at(monkeypatch: pytest.MonkeyPatch, directory: Path) -> Path:
    """Clear every setting, then use a SQLite store in directory and the repo's seeds."""
    for name in SETTINGS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    # Settings reads .env from the working directory: a developer's own must not leak in.
    monkeypatch.chdir(directory)
    store = directory / STORE_FILE
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{store}")
    monkeypatch.setenv("SEEDS_DIR", str(SEEDS_DIR))
    get_settings.cache_clear()
    return store


def run_cli(*args: str | Path, input: str | None = None) -> Result:
    """Run `briefbot` with the arguments in this process, capturing stdout and stderr."""
    result = CliRunner().invoke(app, [str(arg) for arg in args], input=input)
    # A crash is a failure of its own; the caller checks exit codes and messages.
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def export_json() -> dict[str, Any]:
    """The store as `briefbot export` prints it, parsed."""
    result = run_cli("export")
    assert result.exit_code == 0, result.output
    exported: dict[str, Any] = json.loads(result.stdout)
    return exported


def build_store(directory: Path, *args: str | Path) -> tuple[Path, Result]:
    """Run `briefbot *args` on a fresh store in directory; return its file and the result."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        store = point_settings_at(monkeypatch, directory)
        result = run_cli(*args)
    get_settings.cache_clear()
    return store, result


def copy_store(template: Path, store: Path) -> None:
    """Copy a SQLite store, with any WAL files left beside it, to another file name."""
    for part in template.parent.glob(template.name + "*"):
        shutil.copy2(part, store.with_name(part.name.replace(template.name, store.name, 1)))
