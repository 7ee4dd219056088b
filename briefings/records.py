"""Stored actors and roles as plain snapshots, and what the identity rules decide about them.

The store reads its rows into these records (`StoredActor`, `DatedRole`, `ActorName`) and
writes back what `briefings.identity` decides (`ActorMerge`, `SpeakerLinks`); neither side
holds the other's objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class StoredActor:
    """A stored actor as the identity rules read it: its id, canonical name, kind, role, side, aliases."""

    id: int
    name: str
    kind: str
    role: str | None
    side: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorName:
    """One name of a stored actor: its canonical name or one of its aliases."""

    actor_id: int
    name: str


@dataclass(frozen=True)
class DatedRole:
    """A role one article gives an actor, and when that article was published."""

    key: int
    role: str
    published: date | None
    article_id: int


@dataclass(frozen=True)
class RoleDay:
    """A role as an actor's articles of one day write it: how many do, and the newest of them."""

    role: str
    published: date | None
    n_articles: int
    last_article: int


@dataclass(frozen=True)
class RoleTally:
    """A role as written, or a distinct role, counted over all its rows: its dated days, its
    articles, and the newest of them."""

    n_days: int
    n_articles: int
    last_article: int


@dataclass(frozen=True)
class RoleGroup:
    """One distinct role an actor is given: its key, and each role as written that holds it
    with the part of it that names this role."""

    key: str
    parts: tuple[tuple[str, str], ...]

    @property
    def written(self) -> tuple[str, ...]:
        """The roles as written that hold this role."""
        return tuple(role for role, _ in self.parts)


@dataclass(frozen=True)
class RoleArticle:
    """One of the first few articles to give an actor a role as written."""

    role: str
    article_id: int


@dataclass(frozen=True)
class NameKeys:
    """The keys the store finds a name by: the name folded, and its surname's variant key.

    Two names can only match (`briefings.identity.names.names_match`) when their surname keys
    are equal, so the store narrows candidates by `surname` before the identity rules decide.
    """

    folded: str
    surname: str


@dataclass(frozen=True)
class MergedActor:
    """A known actor after an article's merge: a stored one (its id) or a new one (id None).

    `aliases` keeps a stored actor's aliases in their stored order, one of them possibly
    respelt in place (a rename swaps name and alias), and appends the new ones.
    """

    id: int | None
    name: str
    kind: str
    role: str | None
    side: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class ArticleMention:
    """A known actor's mention in an article: its first actor there, and the role the article states."""

    known: int  # index in ActorMerge.known
    first: int  # index of the article's actor where it first appears (its provenance)
    role: str | None


@dataclass(frozen=True)
class ActorMerge:
    """Which known actor each of an article's actors is, with every known actor after the merge.

    `known` holds the stored actors in the order read, then the article's new actors in order
    of appearance; `picks` gives, for each of the article's actors, its index in `known`.
    """

    known: tuple[MergedActor, ...]
    picks: tuple[int, ...]
    mentions: tuple[ArticleMention, ...]
    # Claimant, party and speaker phrases that name no actor of the article but read as roles:
    # linking them needs the roles stored actors hold (DatedRole), which only then are read.
    role_phrases: frozenset[str] = frozenset()

    @property
    def n_new(self) -> int:
        """How many of the article's actors are new to the store."""
        return sum(1 for actor in self.known if actor.id is None)


@dataclass(frozen=True)
class SpeakerLinks:
    """The known actor (index in ActorMerge.known) each claimant, party or speaker phrase names."""

    actors: Mapping[str, int] = field(default_factory=dict)

    def of(self, text: str | None) -> int | None:
        """The index of the actor a phrase names, or None."""
        return self.actors.get(text) if text else None
