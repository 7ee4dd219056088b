"""Sides of the story: which side (Ukraine, Russia, United States, European Union, others) an actor is on.

The countries and bodies, their words and the sides they belong to are data
(`briefings/data/sides.json`, plus the countries `measures.json` lists). An actor's country is
the one the data gives a known actor, else the country its name is or names ("Kremlin",
"Russian Defence Ministry"), else the first country its role names before a word such as
"for" or "to" ("Russian foreign minister", but not "envoy for Ukraine and Russia").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from briefings.i18n import UKRAINIAN, _, translations
from briefings.vocabulary.lexicon import country_forms, data_text, load_lexicon

_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*\.?")
_POSSESSIVE = re.compile(r"['’]s?$")
# Longest country name, in words ("North Atlantic Treaty Organization").
_MAX_WORDS = 4


@dataclass(frozen=True)
class SideBook:
    """Country words and the side of every country, read from data."""

    # Forms keyed by their words: lowercased, or as written for forms in capitals ("US").
    folded: dict[tuple[str, ...], str]
    exact: dict[tuple[str, ...], str]
    side_of_country: dict[str, str]
    side_aliases: dict[tuple[str, ...], str]
    countries_of_side: dict[str, tuple[str, ...]]
    order: tuple[str, ...]
    other: str
    role_stops: frozenset[str]

    def side_of_country_named(self, country: str | None) -> str | None:
        """The side a country or body is on; None when it is on none or unknown."""
        if country is None:
            return None
        return self.side_of_country.get(country.casefold())

    def country_in(self, text: str | None, *, stop_at_role_words: bool = False) -> str | None:
        """The first country the text names or describes ("Russian", "Kyiv", "the EU")."""
        written = words_of(text or "", fold=False)
        folded = [word.casefold() for word in written]
        for start in range(len(written)):
            if stop_at_role_words and folded[start] in self.role_stops:
                return None
            for size in range(min(_MAX_WORDS, len(written) - start), 0, -1):
                span = slice(start, start + size)
                country = self.exact.get(tuple(written[span])) or self.folded.get(
                    tuple(folded[span])
                )
                if country is not None:
                    return country
        return None


def side_of(name: str, role: str | None = None, country: str | None = None) -> str | None:
    """The side of an actor or party, from its known country, its name, then its role.

    None means the catch-all side ("Others"): no country found, or one on no side.
    """
    book = load_sides()
    found = country or book.country_in(name) or book.country_in(role, stop_at_role_words=True)
    return book.side_of_country_named(found)


def side_named(text: str) -> str | None:
    """The side a reader's words name ("russia", "Russian", "the us", "others", or its name in
    Ukrainian: "росія", "сша"), or None."""
    words = words_of(text)
    if words[:1] == ["the"]:
        words = words[1:]
    found = load_sides().side_aliases.get(tuple(words))
    # Ukrainian names are Cyrillic: English words need not load the Ukrainian catalog (80 ms).
    if found is None and not text.isascii():
        found = _ukrainian_sides().get(tuple(words))
    return found


@cache
def _ukrainian_sides() -> dict[tuple[str, ...], str]:
    """Each side by the words of its Ukrainian name, as the catalog gives it."""
    catalog = translations(UKRAINIAN)
    return {tuple(words_of(catalog.gettext(side))): side for side in side_order()}


def countries_on_side(side: str) -> tuple[str, ...]:
    """The countries and bodies on a side, as the data names them ("Germany", "France"…)."""
    book = load_sides()
    return book.countries_of_side.get(side, ())


def side_order() -> tuple[str, ...]:
    """The sides in the order answers show them, the catch-all side last."""
    book = load_sides()
    return (*book.order, book.other)


def side_key(side: str | None) -> str:
    """A side's name as the data writes it (answers group and order by it); the catch-all
    side's name for None."""
    return side or load_sides().other


def side_label(side: str | None) -> str:
    """A side's name as answers show it, in the current language; the catch-all side's for None."""
    return _(side_key(side))


def country_label(country: str) -> str:
    """A country or body's name as answers show it ("Ukraine", "Nato"), in the current language."""
    return _(country)


def stored_side(label: str) -> str | None:
    """A side as facts hold it: None for the catch-all side ("Others"), else the side itself."""
    return None if label == load_sides().other else label


def side_command(label: str) -> str:
    """The words /demands takes for a side: its name when one word ("others"), else its shortest
    alias ("us", "eu")."""
    if len(words_of(label)) == 1:
        return label.casefold()
    forms = [words for words, side in load_sides().side_aliases.items() if side == label]
    return " ".join(min(forms, key=lambda words: (len(" ".join(words)), words), default=[label]))


@cache
def load_sides() -> SideBook:
    """Read the sides and country words once."""
    data: dict[str, Any] = json.loads(data_text("sides.json"))
    # The countries figures are measured by, plus the ones only sides need.
    taxonomy = load_lexicon().measures
    folded = {**country_forms(data["countries"], exact=False), **taxonomy.folded_sides}
    exact = {**country_forms(data["countries"], exact=True), **taxonomy.exact_sides}
    aliases: dict[tuple[str, ...], str] = {}
    for entry in data["sides"]:
        for form in [entry["side"], *entry["aliases"]]:
            aliases.setdefault(tuple(words_of(form)), entry["side"])
    for form in [data["other"], *data["other_aliases"]]:
        aliases.setdefault(tuple(words_of(form)), data["other"])
    return SideBook(
        folded=folded,
        exact=exact,
        side_of_country={
            country.casefold(): entry["side"]
            for entry in data["sides"]
            for country in entry["countries"]
        },
        side_aliases=aliases,
        countries_of_side={entry["side"]: tuple(entry["countries"]) for entry in data["sides"]},
        order=tuple(entry["side"] for entry in data["sides"]),
        other=data["other"],
        role_stops=frozenset(data["role_stops"]),
    )


def words_of(text: str, *, fold: bool = True) -> list[str]:
    """The words of a text, possessive endings dropped ("Ukraine's" is "Ukraine")."""
    words = [_POSSESSIVE.sub("", word) for word in _WORD.findall(text)]
    return [word.casefold() for word in words] if fold else words


def actor_side(name: str, role: str | None) -> str | None:
    """The side of a stored actor or party: its known country first, then its name and role."""
    return side_of(name, role, known_country(name))


def known_country(name: str) -> str | None:
    """The country the data gives a known actor of this name or alias, if any."""
    return _known_countries().get(name.casefold())


@cache
def _known_countries() -> dict[str, str | None]:
    """Each known actor's names and aliases, folded, with its country: the first actor to give
    a name keeps it, as a search in the data's order would find it."""
    countries: dict[str, str | None] = {}
    for known in load_lexicon().known_actors:
        for name in (known.name, *known.aliases):
            countries.setdefault(name.casefold(), known.country)
    return countries
