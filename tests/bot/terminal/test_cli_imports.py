"""What `briefbot ask` imports: a command that reads the store loads no Telegram, spaCy or fetcher.

Run as a process of its own with `python -X importtime`, which lists every module imported,
so the test sees exactly what a user's `briefbot ask "/who"` pays for at start.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import REPO, SETTINGS_VARIABLES, copy_store

# Libraries a command answered from the store never needs.
HEAVY = (
    "telegram",
    "spacy",
    "thinc",
    "trafilatura",
    "httpx",
    "bot.telegram_adapter",
    "matplotlib",
    "alembic",  # a store already at the newest revision opens without it
)


def imported_by(line: str, store: Path, workdir: Path) -> tuple[set[str], str]:
    """The modules `briefbot ask LINE` imports on a store, and what it prints."""
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env |= {"DATABASE_URL": f"sqlite+aiosqlite:///{store}", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "bot.terminal.cli", "ask", line],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names = {
        row.rsplit("|", 1)[1].strip()
        for row in done.stderr.splitlines()
        if row.startswith("import time:") and row.count("|") == 2
    }
    return names, done.stdout


def heavy_among(names: set[str]) -> set[str]:
    """The heavy libraries among imported modules (each named by its top package)."""
    return {
        heavy for heavy in HEAVY for name in names if name == heavy or name.startswith(heavy + ".")
    }


# Every kind of command answered from the store: lists, cards, topics, questions, digests.
STORE_COMMANDS = [
    *["/who", "/who zelensky", "/figures", "/figures casualties", "/demands russia"],
    *["/sources", "/quotes peskov", "/timeline", "/digest", "/help"],
    *["who is Peskov?", "how many soldiers has Ukraine lost?"],
]


@pytest.mark.parametrize("line", STORE_COMMANDS)
def test_store_commands_import_nothing_heavy(
    line: str, seeded_template: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store.db"
    copy_store(seeded_template, store)
    names, printed = imported_by(line, store, tmp_path)
    assert printed.strip()
    assert "bot.core.commands" in names  # the reading works: it saw the core
    assert heavy_among(names) == set()


def test_a_load_does_import_the_pipeline(seeded_template: Path, tmp_path: Path) -> None:
    # The other side of the rule: the loader is imported when a command needs it.
    store = tmp_path / "store.db"
    copy_store(seeded_template, store)
    pasted = "/load Geneva talks\n\nTalks resumed in Geneva on Monday, officials said."
    names, printed = imported_by(pasted, store, tmp_path)
    assert printed.startswith("✅")
    assert {"spacy", "trafilatura", "httpx"} <= heavy_among(names)
    assert "telegram" not in heavy_among(names)


def test_a_chart_does_import_matplotlib(seeded_template: Path, tmp_path: Path) -> None:
    # matplotlib is imported when a chart is drawn, and then nothing else heavy is.
    store = tmp_path / "store.db"
    copy_store(seeded_template, store)
    names, printed = imported_by("/chart killed", store, tmp_path)
    assert "Soldiers killed" in printed
    assert heavy_among(names) == {"matplotlib"}
