"""The interface's languages: catalogs of fixed strings, and numbers and dates in each language."""

from briefings.i18n import formats
from briefings.i18n.catalogs import (
    ENGLISH,
    LANGUAGES,
    N_,
    UKRAINIAN,
    _,
    current_language,
    language_for,
    n_,
    translations,
    use_language,
)
from briefings.i18n.formats import day, month, number

__all__ = [
    "ENGLISH",
    "LANGUAGES",
    "N_",
    "UKRAINIAN",
    "_",
    "current_language",
    "day",
    "formats",
    "language_for",
    "month",
    "n_",
    "number",
    "translations",
    "use_language",
]
