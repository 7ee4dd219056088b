"""The interface's languages: catalogs of fixed strings, and numbers and dates in each language."""

from briefings.i18n import formats
from briefings.i18n.catalogs import (
    AFTER_NUMBER,
    ENGLISH,
    LANGUAGES,
    N_,
    UKRAINIAN,
    _,
    current_language,
    language_for,
    n_,
    p_,
    translations,
    use_language,
)
from briefings.i18n.formats import day, month, number

__all__ = [
    "AFTER_NUMBER",
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
    "p_",
    "translations",
    "use_language",
]
