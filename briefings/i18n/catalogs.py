"""The interface's languages: gettext catalogs of every fixed string, and the language of the
answer being built.

Fixed strings are written in English in the code and marked for the catalogs: `_("…")` where
they are shown, `N_("…")` where they are defined before a language is known (a module-level
constant, translated with `_` where shown), and `counted(number, "{n} thing", "{n} things")`
(briefings.replies.counts) for a number with its noun, and `p_(context, "…")` for a form only a
context tells apart. `scripts/catalogs` extracts them into
`briefings/i18n/locales/<language>/LC_MESSAGES/messages.po`. English is the language of the
code, so its catalog lists the messages and translates none; Ukrainian translates each.

The language is per answer, not per process: a front end builds each answer inside
`use_language(code)`, which sets a context variable, so concurrent answers (asyncio tasks, each
with its own context) in different languages do not mix. Outside it, answers are English.
Facts quoted from articles are never translated: only the strings written here are.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

ENGLISH = "en"
UKRAINIAN = "uk"
# The interface's languages, the language of the code first.
LANGUAGES = (ENGLISH, UKRAINIAN)
DOMAIN = "messages"
# The context of a label's form after a number ("43,000 soldiers killed"): Ukrainian puts it in
# the genitive ("43 000 загиблих військових"), where a heading has the nominative.
AFTER_NUMBER = "after a number"
LOCALES = Path(__file__).with_name("locales")

_LANGUAGE: ContextVar[str] = ContextVar("interface_language", default=ENGLISH)


def language_for(code: str | None) -> str:
    """The interface language for a Telegram `language_code` ("uk", "uk-UA"): Ukrainian for
    Ukrainian, English for anything else or nothing."""
    primary = (code or "").replace("_", "-").split("-")[0].strip().lower()
    return UKRAINIAN if primary == UKRAINIAN else ENGLISH


def current_language() -> str:
    """The language the answer being built is in."""
    return _LANGUAGE.get()


@contextmanager
def use_language(code: str) -> Iterator[None]:
    """Build what runs inside in a language (one of LANGUAGES; anything else is English)."""
    token = _LANGUAGE.set(code if code in LANGUAGES else ENGLISH)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def _(message: str) -> str:
    """A fixed string in the current language."""
    return translations(_LANGUAGE.get()).gettext(message)


def n_(singular: str, plural: str, number: float) -> str:
    """A fixed string in the current language, in the form that agrees with a number
    (Ukrainian has three: 1 позиція, 2 позиції, 5 позицій)."""
    return translations(_LANGUAGE.get()).ngettext(singular, plural, _plural_number(number))


def p_(context: str, message: str) -> str:
    """A fixed string in the current language, in the form a context asks for (the same
    English can take other forms in other languages: see AFTER_NUMBER)."""
    return translations(_LANGUAGE.get()).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 (gettext's conventional name)
    """Mark a string for the catalogs without translating it yet (it is translated where shown)."""
    return message


@cache
def translations(language: str) -> gettext.NullTranslations:
    """A language's catalog, compiled once from its .po file; English needs none."""
    if language == ENGLISH:
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo  # only where a catalog is read
    from babel.messages.pofile import read_po

    path = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with path.open("rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _plural_number(number: float) -> int:
    """The integer gettext's plural rule takes: a fraction takes the form of its whole part
    rounded away from one ("1.5 million" is plural)."""
    whole = int(number)
    return whole if whole == number else max(whole, 2)
