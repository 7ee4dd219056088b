"""An actor's distinct roles for its card, from its roles as written, grouped and counted.

The store reads, for each role as written, its count over all its days (`RoleTally`, summed in
SQL), its newest few days (`RoleDay`) and its first few articles (`RoleArticle`); roles equal
ignoring case and punctuation are one (`RoleGroup`). A card so reads as many rows as the actor
has roles as written, however many articles and days there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from briefings.entries import NEWEST_ROLE_DAYS, RoleEntry
from briefings.identity.role_phrases import names_a_role, role_key, role_parts
from briefings.records import RoleArticle, RoleDay, RoleGroup, RoleTally


def key_groups(written: Iterable[str]) -> list[RoleGroup]:
    """The distinct roles some roles as written hold, each with the parts that name it."""
    parts: dict[str, dict[str, str]] = {}
    for role in sorted(set(written)):
        for part in _role_parts(role):
            parts.setdefault(role_key(part), {}).setdefault(role, part)
    return [RoleGroup(key, tuple(found.items())) for key, found in parts.items()]


def group_roles(
    groups: Sequence[RoleGroup],
    newest: Iterable[RoleDay],
    tallies: Mapping[str, RoleTally],
    shared_days: Mapping[str, int],
    firsts: Iterable[RoleArticle],
) -> tuple[RoleEntry, ...]:
    """An actor's distinct roles, the newest first.

    From each role as written: its newest days, its tally and its first articles; and, for a
    group of several roles as written, how many distinct days they share (by the group's key).
    """
    days: dict[str, list[RoleDay]] = {}
    for row in newest:
        days.setdefault(row.role, []).append(row)
    first: dict[str, list[int]] = {}
    for article in firsts:
        first.setdefault(article.role, []).append(article.article_id)
    entries = [
        _role_entry(group, days, _group_tally(group, tallies, shared_days), first)
        for group in groups
        if any(role in days for role in group.written)
    ]
    return tuple(sorted(entries, key=_entry_recency, reverse=True))


def _group_tally(
    group: RoleGroup, tallies: Mapping[str, RoleTally], shared_days: Mapping[str, int]
) -> RoleTally:
    """A group's tally from its roles as written's: their articles add up (an article gives an
    actor one role as written), the newest is the newest of theirs; the days of several roles
    as written are counted together, as two may share a day."""
    kept = [tallies[role] for role in group.written]
    days = shared_days[group.key] if len(kept) > 1 else kept[0].n_days
    return RoleTally(days, sum(t.n_articles for t in kept), max(t.last_article for t in kept))


def _role_parts(role: str) -> list[str]:
    """The parts of a role as written that name a role."""
    return [part for part in role_parts(role) if names_a_role(part)]


def _role_entry(
    group: RoleGroup,
    days: Mapping[str, list[RoleDay]],
    tally: RoleTally,
    first: Mapping[str, list[int]],
) -> RoleEntry:
    """One role, as its newest article writes it, with its newest days, first articles and counts.

    An article gives an actor one role as written, so the roles as written of a group share no
    article: their first few hold the group's first few.
    """
    rows = [(part, row) for role, part in group.parts for row in days.get(role, [])]
    newest_part, _ = max(
        rows, key=lambda kept: (kept[1].published or date.min, kept[1].last_article)
    )
    dated = sorted({row.published for _, row in rows if row.published}, reverse=True)
    articles = sorted({n for role in group.written for n in first.get(role, [])})
    newest_days = tuple(dated[:NEWEST_ROLE_DAYS])
    return RoleEntry(
        newest_part,
        newest_days,
        tally.n_days,
        tuple(articles),
        tally.n_articles,
        tally.last_article,
    )


def _entry_recency(entry: RoleEntry) -> tuple[date, int]:
    """How recently a role was stated: its newest day (undated ones oldest), then its newest article."""
    return (entry.days[0] if entry.days else date.min, entry.last_article)
