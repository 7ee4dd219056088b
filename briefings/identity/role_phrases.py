"""Roles: which actor "the Kremlin spokesman" names, by the roles the articles give; roles by date.

Phrases and roles are read as RoleKeys (title, modifiers, country, specifiers; the words are data,
`briefings/data/role_phrases.json`). A phrase names the holder of a role with its title (or one it
covers), its modifiers ("president-elect" is not "president"), its country (or the holder's) and
its specifiers; across articles it must be specific, and name every specifier of the role.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import Any

from briefings.records import DatedRole
from briefings.vocabulary.lexicon import data_text, load_lexicon
from briefings.vocabulary.sides import (
    SideBook,
    countries_on_side,
    known_country,
    load_sides,
    words_of,
)

_LONGEST = 4  # words in the longest title, synonym or country form

Word = tuple[str, str]  # as written, and folded


@dataclass(frozen=True)
class RoleWords:
    """The words role phrases are read with, from data."""

    same: dict[tuple[str, ...], tuple[str, ...]]
    titles: frozenset[tuple[str, ...]]
    ranks: frozenset[tuple[str, ...]]
    covers: dict[str, frozenset[str]]
    modifiers: frozenset[str]
    determiners: frozenset[str]
    head_stops: frozenset[str]
    function_words: frozenset[str]
    bodies: frozenset[str]


@dataclass(frozen=True)
class RoleKey:
    """A role or role phrase as compared: its title, modifiers, country and other words."""

    title: str
    modifiers: frozenset[str]
    country: str | None
    specifiers: frozenset[str]


@dataclass(frozen=True)
class RoleHolder:
    """An actor a role phrase may name: its id, its roles as of the phrase, and its country."""

    key: int
    roles: tuple[str, ...]
    country: str | None


@cache
def load_role_words() -> RoleWords:
    """Read the role phrase words once."""
    data: dict[str, Any] = json.loads(data_text("role_phrases.json"))
    # A title's words end at "of" or at a word that ends an actor's own country ("for", "to").
    head_stops = frozenset({"of"} | load_sides().role_stops)
    same = {tuple(s.split()): tuple(c.split()) for c, syn in data["same"].items() for s in syn}
    ranks = frozenset(tuple(title.split()) for title in data["ranks"])
    return RoleWords(
        same=same,
        titles=ranks | {tuple(title.split()) for title in data["offices"]},
        ranks=ranks,
        covers={title: frozenset(covered) for title, covered in data["covers"].items()},
        modifiers=frozenset(data["modifiers"]),
        determiners=frozenset(data["determiners"]),
        head_stops=head_stops,
        function_words=frozenset(data["function_words"]) | head_stops,
        bodies=frozenset(body.casefold() for body in data["bodies"]),
    )


def role_parts(role: str) -> list[str]:
    """The roles one stored role holds: an article's roles are joined by semicolons."""
    return [part.strip() for part in role.split(";") if part.strip()]


def is_role_phrase(text: str) -> bool:
    """True when a text names someone by a title ("the Kremlin spokesman"), not by a name."""
    return parse_role(text) is not None


@lru_cache(maxsize=4096)
def parse_role(text: str) -> RoleKey | None:
    """A role or role phrase as a RoleKey; None when its head word is no title."""
    book = load_role_words()
    words, modifiers = _words(text, book)
    head = _folded(_head(words, book))
    title = _title_ending(head, book)
    if title is None:
        return None
    country = _country(words, book)
    ignored = {*range(len(head) - len(title), len(head)), *(country[1] if country else ())}
    specifiers = {w for n, (_, w) in enumerate(words) if n not in ignored} - book.function_words
    return RoleKey(
        " ".join(title), modifiers, country[0] if country else None, frozenset(specifiers)
    )


def _title_ending(head: list[str], book: RoleWords) -> list[str] | None:
    """The longest title the words end with ("Ukraine's foreign minister"), if any."""
    sizes = range(len(head), 0, -1)
    return next((head[-n:] for n in sizes if tuple(head[-n:]) in book.titles), None)


def _words(text: str, book: RoleWords) -> tuple[list[Word], frozenset[str]]:
    """The words of a text without a leading determiner, synonyms made canonical; and its modifiers."""
    written = words_of(text, fold=False)
    while written and written[0].casefold() in book.determiners:
        written = written[1:]
    words: list[Word] = []
    modifiers: set[str] = set()
    for word in written:
        parts = word.split("-")
        found = {part.casefold() for part in parts} & book.modifiers
        modifiers |= found
        kept = "-".join(part for part in parts if part.casefold() not in found)
        if kept:
            words.append((kept, kept.casefold()))
    return _canonical(words, book), frozenset(modifiers)


def _canonical(words: list[Word], book: RoleWords) -> list[Word]:
    """The words with every synonym ("spokeswoman", "premier") replaced by its canonical form."""
    out: list[Word] = []
    start = 0
    while start < len(words):
        folded = _folded(words[start : start + _LONGEST])
        size = next((n for n in range(len(folded), 0, -1) if tuple(folded[:n]) in book.same), 0)
        out += [(w, w) for w in book.same[tuple(folded[:size])]] if size else [words[start]]
        start += max(size, 1)
    return out


def _head(words: list[Word], book: RoleWords) -> list[Word]:
    """The words before the first "of", "for", "to"... that is not inside a title ("head of state")."""
    start = 0
    while start < len(words):
        folded = _folded(words[start : start + _LONGEST])
        size = next((n for n in range(len(folded), 0, -1) if tuple(folded[:n]) in book.titles), 0)
        if size == 0 and folded[0] in book.head_stops:
            return words[:start]
        start += max(size, 1)
    return words


def _folded(words: list[Word]) -> list[str]:
    return [folded for _, folded in words]


def _country(words: list[Word], book: RoleWords) -> tuple[str, range] | None:
    """The first country the words name before a word such as "for" or "to", and where it is.

    A body ("Kremlin") gives its country but stays a specifier, so its range is left empty.
    """
    sides = load_sides()
    for start in range(len(words)):
        if words[start][1] in sides.role_stops:
            return None
        for size in range(min(_LONGEST, len(words) - start), 0, -1):
            span = words[start : start + size]
            country = _country_of(span, sides)
            if country is not None:
                body = " ".join(_folded(span)) in book.bodies
                where = range(0) if body else range(start, start + size)
                return country.casefold(), where
    return None


def _country_of(span: list[Word], sides: SideBook) -> str | None:
    """The country a span of words is a form of, if any ("US" only in capitals)."""
    written = tuple(word for word, _ in span)
    return sides.exact.get(written) or sides.folded.get(tuple(_folded(span)))


def holder_country(names: Iterable[str], side: str | None) -> str | None:
    """An actor's country: the data's for a known actor, else its side's when that side is one country."""
    known = next((country for name in names if (country := known_country(name))), None)
    if known is not None:
        return known.casefold()
    countries = countries_on_side(side) if side else ()
    return countries[0].casefold() if len(countries) == 1 else None


def role_fits(phrase: RoleKey, role: RoleKey, country: str | None, *, strict: bool) -> bool:
    """True when a phrase names the holder of a role, whose actor is of a country (if known)."""
    specifiers = (
        phrase.specifiers == role.specifiers if strict else phrase.specifiers <= role.specifiers
    )
    return (
        (phrase.title == role.title or role.title in load_role_words().covers.get(phrase.title, ()))
        and phrase.modifiers == role.modifiers
        and phrase.country in (None, role.country or country)
        and specifiers
    )


def role_titles(role: str) -> frozenset[str]:
    """The titles of the roles a stored role holds: a phrase fits it only by one of them."""
    keys = (parse_role(part) for part in role_parts(role))
    return frozenset(key.title for key in keys if key is not None)


def fitting_titles(phrases: Iterable[str]) -> frozenset[str]:
    """The titles a role must have for one of some phrases to fit it (`role_fits`): each
    phrase's own, and those it covers."""
    keys = [key for phrase in phrases if (key := parse_role(phrase)) is not None]
    covers = load_role_words().covers
    return frozenset(title for key in keys for title in (key.title, *covers.get(key.title, ())))


def names_one_anywhere(phrase: RoleKey) -> bool:
    """True when a phrase is specific enough to name an actor of another article."""
    if tuple(phrase.title.split()) in load_role_words().ranks:
        return bool(phrase.specifiers)
    return phrase.country is not None or bool(phrase.specifiers)


def pick_holder(
    phrase: str, own: Sequence[RoleHolder], everyone: Sequence[RoleHolder]
) -> int | None:
    """The one actor a role phrase names: of its own article if one fits, else of all; else None."""
    key = parse_role(phrase)
    if key is None:
        return None
    mine = _fitting(key, own, strict=False)
    if mine or not names_one_anywhere(key):
        return mine.pop() if len(mine) == 1 else None
    anyone = _fitting(key, everyone, strict=True)
    return anyone.pop() if len(anyone) == 1 else None


def _fitting(phrase: RoleKey, holders: Sequence[RoleHolder], *, strict: bool) -> set[int]:
    """The holders with a role the phrase names."""
    return {
        holder.key
        for holder in holders
        for role in holder.roles
        for part in role_parts(role)
        if (key := parse_role(part)) is not None
        and role_fits(phrase, key, holder.country, strict=strict)
    }


def roles_as_of(dated: Iterable[DatedRole], day: date | None) -> dict[int, tuple[str, ...]]:
    """Each actor's roles in its newest article published by a day; its undated articles' if none."""
    rows: dict[int, list[DatedRole]] = {}
    for row in dated:
        if day is None or row.published is None or row.published <= day:
            rows.setdefault(row.key, []).append(row)
    return {key: _newest_roles(found) for key, found in rows.items()}


def _newest_roles(rows: list[DatedRole]) -> tuple[str, ...]:
    """The roles of the newest dated rows, or of all rows when none is dated."""
    newest = max((row.published for row in rows if row.published), default=None)
    return tuple(dict.fromkeys(row.role for row in rows if row.published == newest))


# Roles repeat across articles: each distinct one is read once (a card reads every mention's role).
@lru_cache(maxsize=4096)
def names_a_role(role: str) -> bool:
    """True when a role's head word is a role noun ("President of Ukraine"; not "official website")."""
    book = load_role_words()
    head = _head(_words(role, book)[0], book)
    return bool(head) and head[-1][1] in load_lexicon().role_words


def role_key(role: str) -> str:
    """A role folded so that roles equal ignoring case and punctuation compare equal."""
    return " ".join(re.sub(r"[^\w\s]", "", role.casefold()).split())
