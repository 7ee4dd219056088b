"""Keep the catalogs in step with the code: update them from the extracted messages, fill in
translations, and say what is out of date (scripts/catalogs.py and the catalog tests use it)."""

from __future__ import annotations

import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from string import Formatter
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from briefings.i18n.catalogs import DOMAIN, ENGLISH, LANGUAGES, LOCALES

# The header's dates, fixed so that a catalog's diff shows only its messages.
FIXED_DATE = datetime(2026, 12, 3, tzinfo=UTC)


def catalog_path(language: str) -> Path:
    """Where a language's catalog lives."""
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(language: str) -> Catalog:
    """A language's catalog as stored; an empty one when there is none yet."""
    path = catalog_path(language)
    if not path.exists():
        return Catalog(locale=language, domain=DOMAIN)
    with path.open("rb") as source:
        return read_po(source, locale=language, domain=DOMAIN)


def write_catalog(language: str, catalog: Catalog) -> None:
    """Store a language's catalog, sorted, without source lines, with a settled header."""
    catalog.fuzzy = False
    catalog.project, catalog.version = "ceasefire-brief", "1"
    catalog.copyright_holder = catalog.last_translator = catalog.language_team = "ceasefire-brief"
    catalog.msgid_bugs_address = ""
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    path = catalog_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside, then renamed over the catalog: a failure half-way leaves it whole.
    written = path.with_suffix(".po.new")
    with written.open("wb") as target:
        write_po(target, catalog, width=100, no_location=True, sort_output=True)
    written.replace(path)


def update_all(template: Catalog) -> None:
    """Every language's catalog given exactly the template's messages, translations kept."""
    with _locked():
        for language in LANGUAGES:
            catalog = read_catalog(language)
            catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
            catalog.obsolete.clear()
            write_catalog(language, catalog)


def fill(entries: list[dict[str, Any]]) -> int:
    """Add messages with their Ukrainian translations (`msgid`, maybe `plural` and `context`,
    and `uk`: a string, or a list of the three plural forms) to every catalog; returns how
    many."""
    with _locked():
        catalogs = {language: read_catalog(language) for language in LANGUAGES}
        for entry in entries:
            key = (entry["msgid"], entry["plural"]) if entry.get("plural") else entry["msgid"]
            context = entry.get("context")
            for language, catalog in catalogs.items():
                held = catalog.get(entry["msgid"], context)
                english = ("", "") if entry.get("plural") else ""
                string = english if language == ENGLISH else _translation(entry)
                if held is not None and held.pluralizable != bool(entry.get("plural")):
                    # a message that became plural, or no longer is
                    catalog.delete(entry["msgid"], context)
                    held = None
                if held is None:
                    catalog.add(key, string, context=context)
                elif language != ENGLISH:
                    held.string = string
        for language, catalog in catalogs.items():
            write_catalog(language, catalog)
    return len(entries)


def _translation(entry: dict[str, Any]) -> str | tuple[str, ...]:
    """The Ukrainian of an entry: its plural forms as a tuple, or one string."""
    found = entry["uk"]
    return tuple(found) if isinstance(found, list) else str(found)


def fill_from(path: Path) -> int:
    """`fill` with the entries of a JSON file (a list of them)."""
    return fill(json.loads(path.read_text(encoding="utf-8")))


def problems(template: Catalog) -> list[str]:
    """What each catalog lacks or keeps beyond the code, and what the Ukrainian one leaves
    untranslated, fuzzy, or with placeholders other than its English message's."""
    found: list[str] = []
    wanted = {(message.id, message.context) for message in template if message.id}
    for language in LANGUAGES:
        catalog = read_catalog(language)
        held = {(message.id, message.context) for message in catalog if message.id}
        found += [f"{language}: missing {_shown_in_context(key)}" for key in wanted - held]
        found += [f"{language}: not in the code {_shown_in_context(key)}" for key in held - wanted]
        if language != ENGLISH:
            found += [f"{language}: {fault}" for fault in _translation_faults(catalog)]
    return sorted(found)


def _translation_faults(catalog: Catalog) -> Iterator[str]:
    """Untranslated or fuzzy messages, and translations whose {placeholders} differ."""
    for message in catalog:
        if not message.id:
            continue
        english = str(message.id[0] if isinstance(message.id, tuple) else message.id)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(isinstance(form, str) and form.strip() for form in forms):
            yield f"untranslated {_shown(message.id)}"
        elif any(_placeholders(str(form)) != _placeholders(english) for form in forms):
            yield f"placeholders differ in {_shown(message.id)}"


def _placeholders(text: str) -> set[str]:
    """The names of a message's {placeholders}."""
    return {field for _, field, _, _ in Formatter().parse(text) if field is not None}


def _shown(key: object) -> str:
    """A message for a problem's line: its English (the singular of a plural)."""
    return repr(key[0] if isinstance(key, tuple) else key)


def _shown_in_context(key: tuple[object, str | None]) -> str:
    """A message and its context, if it has one, for a problem's line."""
    message, context = key
    return f"{_shown(message)} ({context})" if context else _shown(message)


@contextmanager
def _locked() -> Iterator[None]:
    """Hold the catalogs' lock, so that two writers never interleave."""
    LOCALES.mkdir(parents=True, exist_ok=True)
    with (LOCALES / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
