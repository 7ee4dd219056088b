"""The command core is front-end neutral: importing all of it loads no `telegram` module."""

from __future__ import annotations

import subprocess
import sys

from app_builders import REPO

# Every core module imported in a fresh interpreter, which then lists the telegram modules loaded.
PROBE = """
import importlib, pkgutil, sys
import bot.core
for module in pkgutil.iter_modules(bot.core.__path__):
    importlib.import_module(f"bot.core.{module.name}")
print(sorted(name for name in sys.modules if name.split(".")[0] == "telegram"))
"""


def test_the_core_imports_no_telegram() -> None:
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert probe.stdout.strip() == "[]"
