"""`pip install .` alone gives a working bot: every runtime import is declared in pyproject.toml.

Imports are read from the source of bot/, briefings/ and storage/ (every import statement, also
those inside functions), mapped to the distributions installing them, and each must be one of
`[project].dependencies`, not merely something another package happens to pull in today.
Some modules the bot needs are never imported by name (a driver chosen by DATABASE_URL, the
spaCy pipeline loaded by name, a module a library imports); RUNTIME_NEEDS lists them.
CI also installs the project in a fresh virtual environment (scripts/check-fresh-install.sh).
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from bot.settings import Settings

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "briefings", "storage")
# Modules needed at run time but never imported by our code, with why.
RUNTIME_NEEDS = {
    "lxml_html_clean": "trafilatura's boilerplate step imports lxml.html.clean",
    "aiosqlite": "the SQLite driver of the default DATABASE_URL",
    "asyncpg": "the PostgreSQL driver of a postgresql+asyncpg:// DATABASE_URL",
    "apscheduler": "python-telegram-bot's job queue, which sends the digests",
}


def normalised(name: str) -> str:
    """A distribution name as PEP 503 compares them (`Lxml_HTML.clean` → `lxml-html-clean`)."""
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def declared() -> frozenset[str]:
    """The distributions `[project].dependencies` names, extras and versions left off."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = (re.match(r"[A-Za-z0-9._-]+", spec) for spec in project["dependencies"])
    return frozenset(normalised(match.group()) for match in names if match)


def top_level_imports(path: Path) -> set[str]:
    """The top-level names of the absolute imports in one source file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@cache
def third_party_imports() -> dict[str, set[str]]:
    """Each third-party top-level module our packages import, with the files importing it."""
    found: dict[str, set[str]] = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            for name in top_level_imports(path):
                if name not in sys.stdlib_module_names and name not in PACKAGES:
                    found.setdefault(name, set()).add(str(path.relative_to(REPO)))
    return found


def undeclared(module: str) -> str | None:
    """Why a module's distribution is not declared, or None when it is."""
    distributions = {normalised(d) for d in packages_distributions().get(module, [])}
    if not distributions:
        return f"{module}: no installed distribution provides it"
    if not distributions & declared():
        return f"{module}: from {sorted(distributions)}, not in [project].dependencies"
    return None


def test_the_walk_finds_the_known_imports() -> None:
    assert {"spacy", "sqlalchemy", "telegram", "trafilatura", "typer"} <= set(third_party_imports())


@pytest.mark.parametrize("module", sorted(third_party_imports()))
def test_every_imported_distribution_is_declared(module: str) -> None:
    reason = undeclared(module)
    assert reason is None, f"{reason} (imported by {sorted(third_party_imports()[module])})"


@pytest.mark.parametrize("module", sorted(RUNTIME_NEEDS))
def test_every_module_needed_at_run_time_is_declared(module: str) -> None:
    assert undeclared(module) is None, RUNTIME_NEEDS[module]


def test_the_default_spacy_pipeline_is_declared() -> None:
    model = Settings.model_fields["spacy_model"].default
    assert undeclared(model) is None


def test_an_undeclared_distribution_is_reported() -> None:
    assert undeclared("pytest") == "pytest: from ['pytest'], not in [project].dependencies"
    assert undeclared("no_such_module_anywhere") is not None
