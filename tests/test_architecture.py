"""The layering rules of README's "How the bot is built", checked on the source.

adapters (bot.telegram_adapter, bot.terminal) → core (bot.core) → briefings, storage;
storage → briefings' data types only; briefings → spaCy and the standard library.
Imports are read from the source (every import statement, also those inside functions),
so a rule breaks as soon as someone writes the import, not only when a test happens to run it.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "briefings", "storage")
# What storage may take from the domain: its data types and errors, never a decision; and
# the catalogs, to say a store's failure in the language of the answer (storage/failures.py).
STORAGE_MAY_IMPORT = frozenset(
    {
        "briefings.model",
        "briefings.entries",
        "briefings.records",
        "briefings.errors",
        "briefings.i18n",
    }
)
MAX_LINES = 300
MAX_CHAIN = 5


def module_name(path: Path) -> str:
    """The dotted module name of a source file under the repository."""
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def source_files() -> dict[str, Path]:
    """Every module of the project's packages (migrations aside), by name."""
    files = (
        path
        for package in PACKAGES
        for path in (REPO / package).rglob("*.py")
        if "migrations" not in path.parts
    )
    return {module_name(path): path for path in sorted(files)}


def imported(name: str, *, top_level_only: bool = False) -> set[str]:
    """The modules a module imports (absolute names); with top_level_only, only at import time."""
    path = source_files()[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            names = (f"{node.module}.{alias.name}" for alias in node.names)
            found |= {name for name in names if name in source_files()}
    return found


def modules_under(prefix: str) -> Iterator[str]:
    """The project's modules in a package, the package itself included."""
    return (name for name in source_files() if name == prefix or name.startswith(prefix + "."))


def _inside(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def offending(prefix: str, forbidden: tuple[str, ...]) -> dict[str, set[str]]:
    """Each module of a package with the forbidden modules it imports."""
    found = {
        name: {m for m in imported(name) if any(_inside(m, bad) for bad in forbidden)}
        for name in modules_under(prefix)
    }
    return {name: bad for name, bad in found.items() if bad}


def test_the_core_imports_no_front_end() -> None:
    assert offending("bot.core", ("telegram", "bot.telegram_adapter", "bot.terminal")) == {}


def test_the_adapters_do_not_import_each_other() -> None:
    assert offending("bot.telegram_adapter", ("bot.terminal",)) == {}
    # The CLI starts the Telegram adapter for `briefbot run`; nothing else of it.
    terminal = offending("bot.terminal", ("bot.telegram_adapter", "telegram"))
    assert terminal == {"bot.terminal.cli": {"bot.telegram_adapter.application"}}


def test_the_domain_imports_neither_store_nor_front_end() -> None:
    forbidden = ("bot", "storage", "sqlalchemy", "telegram", "httpx")
    assert offending("briefings", forbidden) == {}


def test_storage_imports_only_the_domains_data_types() -> None:
    found = {
        name: {
            m
            for m in imported(name)
            if _inside(m, "bot")
            or (_inside(m, "briefings") and not any(_inside(m, ok) for ok in STORAGE_MAY_IMPORT))
        }
        for name in modules_under("storage")
    }
    assert {name: bad for name, bad in found.items() if bad} == {}


@pytest.mark.parametrize("name", sorted(source_files()))
def test_no_module_is_longer_than_the_limit(name: str) -> None:
    lines = source_files()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines"


def package_of(name: str) -> str:
    """The package whose import chains are measured: a sub-package (bot's layers, the domain's
    concerns) when the module is in one, else the top-level package."""
    parts = name.split(".")
    inner = ".".join(parts[:2])
    return inner if any(other.startswith(inner + ".") for other in source_files()) else parts[0]


def longest_chain(prefix: str) -> list[str]:
    """The longest chain of import-time imports between modules of one package."""
    inside = [name for name in source_files() if package_of(name) == prefix]
    edges = {
        name: sorted(m for m in imported(name, top_level_only=True) if m in inside and m != name)
        for name in inside
    }
    best: dict[str, list[str]] = {}

    def chain_from(name: str) -> list[str]:
        if name not in best:
            best[name] = [name]  # a cycle would stop here
            tails = [chain_from(target) for target in edges[name]]
            best[name] = [name, *max(tails, key=len, default=[])]
        return best[name]

    return max((chain_from(name) for name in inside), key=len, default=[])


def packages() -> list[str]:
    """Every package whose chains are measured."""
    return sorted({package_of(name) for name in source_files()})


@pytest.mark.parametrize("prefix", packages())
def test_import_chains_inside_a_package_are_short(prefix: str) -> None:
    chain = longest_chain(prefix)
    assert len(chain) - 1 <= MAX_CHAIN, " → ".join(chain)


def test_every_module_has_a_docstring() -> None:
    missing = [
        name
        for name, path in source_files().items()
        if ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None
    ]
    assert missing == []


def test_the_rules_read_real_imports() -> None:
    # The checks above would pass vacuously if the reader found nothing.
    assert "sqlalchemy" in imported("storage.tables")
    assert any(_inside(m, "telegram") for m in imported("bot.telegram_adapter.application"))
    assert sys.modules[__name__].__doc__
