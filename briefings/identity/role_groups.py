"""An actor's distinct roles for its card, from its roles grouped by how and when articles write them.

The store reads one row per role as written and day (`RoleDay`) and the first few articles of
each role as written (`RoleArticle`), so a card reads as many rows as the actor has roles and
days, however many articles mention it. Roles equal ignoring case and punctuation are one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from briefings.entries import RoleEntry
from briefings.identity.role_phrases import names_a_role, role_key, role_parts
from briefings.records import RoleArticle, RoleDay


@dataclass
class _Group:
    """One distinct role while its rows are gathered: each role as written and day once, with
    the part of it that names this role."""

    rows: dict[tuple[str, date | None], tuple[str, RoleDay]] = field(default_factory=dict)


def group_roles(days: Iterable[RoleDay], firsts: Iterable[RoleArticle]) -> tuple[RoleEntry, ...]:
    """An actor's distinct roles (equal ignoring case and punctuation), the newest first."""
    groups: dict[str, _Group] = {}
    # A card reads a row per role as written and day: each role as written is parsed once.
    parsed: dict[str, list[tuple[str, str]]] = {}
    for row in days:
        if row.role not in parsed:
            parsed[row.role] = [(part, role_key(part)) for part in _role_parts(row.role)]
        for part, key in parsed[row.role]:
            groups.setdefault(key, _Group()).rows.setdefault((row.role, row.published), (part, row))
    first: dict[str, list[int]] = {}
    for article in firsts:
        first.setdefault(article.role, []).append(article.article_id)
    entries = [_role_entry(group, first) for group in groups.values()]
    return tuple(sorted(entries, key=_entry_recency, reverse=True))


def _role_parts(role: str) -> list[str]:
    """The parts of a role as written that name a role."""
    return [part for part in role_parts(role) if names_a_role(part)]


def _role_entry(group: _Group, first: dict[str, list[int]]) -> RoleEntry:
    """One role, as its newest article writes it, with its days, first articles and count.

    An article gives an actor one role as written, so the roles as written of a group share no
    article: their counts add up, and their first few hold the group's first few.
    """
    rows = [row for _, row in group.rows.values()]
    newest_part, _ = max(
        group.rows.values(), key=lambda kept: (kept[1].published or date.min, kept[1].last_article)
    )
    days = sorted({row.published for row in rows if row.published}, reverse=True)
    written = {role for role, _ in group.rows}
    articles = sorted({n for role in written for n in first.get(role, [])})
    n_articles = sum(row.n_articles for row in rows)
    last = max(row.last_article for row in rows)
    return RoleEntry(newest_part, tuple(days), tuple(articles), n_articles, last)


def _entry_recency(entry: RoleEntry) -> tuple[date, int]:
    """How recently a role was stated: its newest day (undated ones oldest), then its newest article."""
    return (entry.days[0] if entry.days else date.min, entry.last_article)
