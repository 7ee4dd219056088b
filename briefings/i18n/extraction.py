"""Find every message the interface shows, to keep the catalogs complete (`scripts/catalogs`
writes them; tests/briefings/i18n/test_catalogs.py checks them).

Messages are the strings of the code marked `_`, `N_`, `n_` (singular and plural) and
`counted` (its singular and plural), and the labels of the data files that answers show (the
keys EXTRACTED_KEYS names in each), found by `extract_json_labels`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from briefings.i18n.catalogs import AFTER_NUMBER

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS: dict[str, Any] = {
    "_": None,
    "N_": None,
    "n_": (1, 2),
    "counted": (2, 3),
    "p_": ((1, "c"), 2),
}
# The data files whose labels answers show, and the keys whose string values are labels.
# A measure's label is also shown after a number, a form of its own in Ukrainian (AFTER_NUMBER).
EXTRACTED_KEYS: dict[str, str] = {
    # Measures' labels ("soldiers killed"), and the countries figures are measured for.
    "briefings/data/measures.json": "label,side",
    # Sides' names ("Russia", "Others") and the countries of sides.
    "briefings/data/sides.json": "side,other",
    # What answers call the people quoted, and who they are.
    "briefings/data/standing.json": "label,about",
}
METHODS = [
    ("briefings/**.py", "python"),
    ("bot/**.py", "python"),
    # The store's failures, said to the user in one sentence (storage/failures.py).
    ("storage/**.py", "python"),
    *[(path, "briefings.i18n.extraction:extract_json_labels") for path in EXTRACTED_KEYS],
]
OPTIONS = {path: {"keys": keys} for path, keys in EXTRACTED_KEYS.items()}
OPTIONS["briefings/data/measures.json"]["after_number"] = "label"
# Folders no message comes from.
_SKIPPED = ("tests", "bench", "scripts", ".venv", "seeds", "deploy")


def extract_messages(root: Path = ROOT) -> Catalog:
    """Every message of the interface, as a catalog without translations."""
    catalog = Catalog(locale=None, domain="messages", fuzzy=False)
    for filename, line, message, comments, context in extract_from_dir(
        str(root),
        method_map=METHODS,
        options_map=OPTIONS,
        keywords=KEYWORDS,
        comment_tags=("i18n:",),
        callback=None,
        strip_comment_tags=True,
        directory_filter=_wanted_directory,
    ):
        catalog.add(message, None, [(filename, line)], auto_comments=comments, context=context)
    return catalog


def _wanted_directory(path: str) -> bool:
    """Whether to look in a folder: not in tests, benchmarks, scripts or the virtualenv."""
    name = Path(path).name
    return not name.startswith((".", "_")) and name not in _SKIPPED


def extract_json_labels(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, str]
) -> Iterator[tuple[int, str | None, str | tuple[str, str], list[str]]]:
    """Babel extraction method for a JSON data file: the string values of the keys named in
    the `keys` option (comma-separated), wherever they are nested; and those of the keys named
    in `after_number` again, in the context AFTER_NUMBER."""
    document = json.load(fileobj)
    for value in _values_of(document, _keys(options.get("keys", ""))):
        yield 0, None, value, []
    note = "i18n: after a number: 43,000 soldiers killed (Ukrainian: the genitive)"
    for value in _values_of(document, _keys(options.get("after_number", ""))):
        yield 0, "p_", (AFTER_NUMBER, value), [note]


def _keys(option: str) -> set[str]:
    """The keys a comma-separated option names."""
    return {key.strip() for key in option.split(",") if key.strip()}


def _values_of(node: Any, wanted: set[str]) -> Iterator[str]:
    """The string values under the wanted keys of a parsed JSON document, in document order."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in wanted and isinstance(value, str) and value:
                yield value
            else:
                yield from _values_of(value, wanted)
    elif isinstance(node, list):
        for item in node:
            yield from _values_of(item, wanted)
