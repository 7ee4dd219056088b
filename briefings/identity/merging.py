"""Merge an article's actors into the stored ones: spelling variants of one actor become one.

An actor of the article is the stored actor of a compatible kind with a matching name (a
same-spelling match first, else the oldest match); an actor no stored one matches is new,
and the article's later actors may merge into it. Merging keeps the fuller name canonical,
adds the other names as aliases (never repeating one, ignoring case and accents), and keeps
the first role and side, filling them in when the stored actor had none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from briefings.identity.names import any_names_match, fold, name_tokens
from briefings.model import Actor, ActorKind
from briefings.records import ActorMerge, MergedActor, StoredActor

# NER often tags the same collective as an organisation in one article and as a
# country in the next ("Ukraine", "the Kremlin"); people only ever merge with people.
_COLLECTIVES = frozenset({ActorKind.ORGANISATION.value, ActorKind.COUNTRY.value})


@dataclass
class KnownActor:
    """A known actor while an article's actors are merged into it (frozen as a MergedActor)."""

    id: int | None
    name: str
    kind: str
    role: str | None
    side: str | None
    aliases: list[str]

    def names(self) -> list[str]:
        """Canonical name and aliases."""
        return [self.name, *self.aliases]


def merge_actors(stored: Sequence[StoredActor], actors: Sequence[Actor]) -> ActorMerge:
    """Merge each actor into a matching known actor or add a new one; new ones join the known."""
    known = [_known(actor) for actor in stored]
    picks: list[int] = []
    for actor in actors:
        index = find_match(known, actor)
        if index is None:
            known.append(new_actor(actor))
            index = len(known) - 1
        else:
            merge_into(known[index], actor)
        picks.append(index)
    return ActorMerge(tuple(_frozen(actor) for actor in known), tuple(picks), ())


def with_holders(merge: ActorMerge, holders: Sequence[StoredActor]) -> ActorMerge:
    """A merge with stored actors that match none of its article's actors known after its own:
    its picks and mentions stand, and role links may name the holders."""
    return replace(merge, known=(*merge.known, *(_frozen(_known(actor)) for actor in holders)))


def kinds_compatible(stored: str, new: str) -> bool:
    """True when two actor kinds may denote the same actor."""
    return stored == new or (stored in _COLLECTIVES and new in _COLLECTIVES)


def find_match(known: Sequence[KnownActor], actor: Actor) -> int | None:
    """Which known actor this one denotes: a same-spelling match first, else the oldest match."""
    names = article_names(actor)
    matches = [
        index
        for index, row in enumerate(known)
        if kinds_compatible(row.kind, actor.kind.value) and any_names_match(names, row.names())
    ]
    exact = [index for index in matches if same_name(names, known[index].names())]
    best = exact or matches
    return best[0] if best else None


def new_actor(actor: Actor) -> KnownActor:
    """A new known actor for an actor no known one matches."""
    known = KnownActor(None, actor.name, actor.kind.value, actor.role or None, actor.side, [])
    for alias in actor.aliases:
        add_alias(known, alias)
    return known


def merge_into(known: KnownActor, actor: Actor) -> None:
    """Fold an actor into a known one: fuller name wins, aliases add up, first role and side stay.

    A side is filled in when the stored actor had none (no country was known for it).
    """
    if len(name_tokens(actor.name)) > len(name_tokens(known.name)):
        _rename(known, actor.name)
    for name in article_names(actor):
        add_alias(known, name)
    if not known.role and actor.role:
        known.role = actor.role
    if known.side is None and actor.side:
        known.side = actor.side


def add_alias(known: KnownActor, alias: str) -> None:
    """Add an alias unless it only repeats the name or an alias (ignoring case and accents)."""
    key = fold(alias)
    if not key or key == fold(known.name) or key in {fold(a) for a in known.aliases}:
        return
    known.aliases.append(alias)


def link_name(text: str | None, actors: Sequence[Actor], picks: Sequence[int]) -> int | None:
    """The known actor (index) of the article a name (a claimant, a party) refers to, if one fits."""
    if not text:
        return None
    for actor, pick in zip(actors, picks, strict=True):
        if same_name([text], article_names(actor)):
            return pick
    pairs = zip(actors, picks, strict=True)
    matches = {pick for actor, pick in pairs if any_names_match([text], article_names(actor))}
    return matches.pop() if len(matches) == 1 else None


def article_names(actor: Actor) -> list[str]:
    """Every name an article uses for an actor."""
    return [actor.name, *actor.aliases]


def same_name(left: Iterable[str], right: Iterable[str]) -> bool:
    """True when some name of one set is spelled like some name of the other."""
    right_keys = {name_tokens(name) for name in right} - {()}
    return any(name_tokens(name) in right_keys for name in left)


def _rename(known: KnownActor, name: str) -> None:
    """Make name canonical; the old name becomes an alias and the new one stops being one."""
    old_name, known.name = known.name, name
    same = next((n for n, a in enumerate(known.aliases) if fold(a) == fold(name)), None)
    if same is None:
        add_alias(known, old_name)
    else:
        # Respelt in place: the store updates that alias row rather than deleting it and adding
        # another, which in one flush would break the unique (actor, alias) index.
        known.aliases[same] = old_name


def _known(actor: StoredActor) -> KnownActor:
    """A stored actor, ready to take an article's names."""
    return KnownActor(actor.id, actor.name, actor.kind, actor.role, actor.side, list(actor.aliases))


def _frozen(actor: KnownActor) -> MergedActor:
    """A known actor as the merge's result."""
    return MergedActor(
        actor.id, actor.name, actor.kind, actor.role, actor.side, tuple(actor.aliases)
    )
