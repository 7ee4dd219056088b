"""Which stored actor a user's phrase names ("/who Kellogg", "who is Keith Kellogg?").

A phrase names an actor by a name or alias spelt alike, else as a variant of one that is at
least as long: "Kellogg" and "Keith Kellogg" name Keith Kellogg, but "Ukraine in Nato" does
not name NATO for ending with its name. When several actors fit, the most cited wins (then
the oldest).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from briefings.identity.names import fold, names_match
from briefings.records import ActorName


def actors_named(phrase: str, names: Sequence[ActorName]) -> list[int]:
    """Ids of the actors a phrase names: exact spellings first, else longer-or-equal variants."""
    wanted, size = fold(phrase), len(phrase.split())
    exact = [name.actor_id for name in names if fold(name.name) == wanted]
    loose = [
        name.actor_id
        for name in names
        if size <= len(name.name.split()) and names_match(phrase, name.name)
    ]
    return list(dict.fromkeys(exact or loose))


def most_cited(actor_ids: Sequence[int], counts: Mapping[int, int]) -> int:
    """The actor cited by the most articles; the oldest among equals."""
    return min(actor_ids, key=lambda id_: (-counts.get(id_, 0), id_))
