"""Resolve the actors of an article against stored actors: merge spelling variants, add new ones."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from briefings.identity.names import any_names_match, fold, name_tokens
from briefings.model import Actor, ActorKind
from storage.tables import ActorAliasRow, ActorRow

# NER often tags the same collective as an organisation in one article and as a
# country in the next ("Ukraine", "the Kremlin"); people only ever merge with people.
_COLLECTIVES = frozenset({ActorKind.ORGANISATION.value, ActorKind.COUNTRY.value})


@dataclass
class ResolvedActors:
    """The stored actor behind each actor of one article, in the article's order; and all actors."""

    pairs: list[tuple[Actor, ActorRow]] = field(default_factory=list)
    n_new: int = 0
    # Every stored actor, the article's new ones included: those a role phrase may name.
    known: list[ActorRow] = field(default_factory=list)

    def rows(self) -> list[ActorRow]:
        """Distinct stored actors of the article, in order of first appearance."""
        return list(dict.fromkeys(row for _, row in self.pairs))


async def load_actors(session: AsyncSession) -> list[ActorRow]:
    """Every stored actor with its aliases, oldest first."""
    query = select(ActorRow).options(selectinload(ActorRow.aliases)).order_by(ActorRow.id)
    return list(await session.scalars(query))


def stored_names(row: ActorRow) -> list[str]:
    """Canonical name and aliases of a stored actor."""
    return [row.name, *(alias.alias for alias in row.aliases)]


def kinds_compatible(stored: str, new: str) -> bool:
    """True when two actor kinds may denote the same actor."""
    return stored == new or (stored in _COLLECTIVES and new in _COLLECTIVES)


def resolve_actors(candidates: list[ActorRow], actors: Sequence[Actor]) -> ResolvedActors:
    """Merge each actor into a matching candidate or add a new one; new ones join candidates."""
    resolved = ResolvedActors(known=candidates)
    for actor in actors:
        row = find_match(candidates, actor)
        if row is None:
            row = new_actor_row(actor)
            candidates.append(row)
            resolved.n_new += 1
        else:
            merge_into(row, actor)
        resolved.pairs.append((actor, row))
    return resolved


def find_match(candidates: Iterable[ActorRow], actor: Actor) -> ActorRow | None:
    """The stored actor this one denotes: a same-spelling match first, else the oldest match."""
    names = _names(actor)
    matches = [
        row
        for row in candidates
        if kinds_compatible(row.kind, actor.kind.value)
        and any_names_match(names, stored_names(row))
    ]
    exact = [row for row in matches if _same_name(names, stored_names(row))]
    best = exact or matches
    return best[0] if best else None


def new_actor_row(actor: Actor) -> ActorRow:
    """A new stored actor for an actor no stored one matches."""
    row = ActorRow(
        name=actor.name,
        kind=actor.kind.value,
        role=actor.role or None,
        side=actor.side,
        aliases=[],
    )
    for alias in actor.aliases:
        add_alias(row, alias)
    return row


def merge_into(row: ActorRow, actor: Actor) -> None:
    """Fold an actor into a stored one: fuller name wins, aliases add up, first role and side stay.

    A side is filled in when the stored actor had none (no country was known for it).
    """
    if len(name_tokens(actor.name)) > len(name_tokens(row.name)):
        _rename(row, actor.name)
    for name in _names(actor):
        add_alias(row, name)
    if not row.role and actor.role:
        row.role = actor.role
    if row.side is None and actor.side:
        row.side = actor.side


def add_alias(row: ActorRow, alias: str) -> None:
    """Add an alias unless it only repeats the name or an alias (ignoring case and accents)."""
    key = fold(alias)
    if not key or key == fold(row.name) or key in {fold(a.alias) for a in row.aliases}:
        return
    row.aliases.append(ActorAliasRow(alias=alias))


def link_name(text: str | None, resolved: ResolvedActors) -> ActorRow | None:
    """The article's actor a name (a claimant, a party) refers to, if exactly one fits."""
    if not text:
        return None
    for actor, row in resolved.pairs:
        if _same_name([text], _names(actor)):
            return row
    matches = {row for actor, row in resolved.pairs if any_names_match([text], _names(actor))}
    return matches.pop() if len(matches) == 1 else None


def _names(actor: Actor) -> list[str]:
    """Every name an article uses for an actor."""
    return [actor.name, *actor.aliases]


def _rename(row: ActorRow, name: str) -> None:
    """Make name canonical; the old name becomes an alias and the new one stops being one."""
    old_name, row.name = row.name, name
    same = next((a for a in row.aliases if fold(a.alias) == fold(name)), None)
    if same is None:
        add_alias(row, old_name)
    else:
        # Swap in place: deleting this alias and inserting it again later in the same
        # flush would break the unique (actor, alias) index, as inserts run before deletes.
        same.alias = old_name


def _same_name(left: Iterable[str], right: Iterable[str]) -> bool:
    """True when some name of one set is spelled like some name of the other."""
    right_keys = {name_tokens(name) for name in right} - {()}
    return any(name_tokens(name) in right_keys for name in left)
