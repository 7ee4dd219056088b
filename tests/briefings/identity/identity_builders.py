"""Builders of plain snapshots and articles for the identity rules (no database, no spaCy)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from briefings.model import (
    Actor,
    ActorKind,
    Demand,
    DemandKind,
    ExtractedArticle,
    Figure,
    Provenance,
    Quote,
    SourceText,
)
from briefings.records import StoredActor

NOWHERE = Provenance(0, 0, 0)


def make_stored(
    id_: int,
    name: str,
    *aliases: str,
    kind: ActorKind = ActorKind.PERSON,
    role: str | None = None,
    side: str | None = None,
) -> StoredActor:
    """A stored actor as the store would read it."""
    return StoredActor(id_, name, kind.value, role, side, tuple(aliases))


def make_actor(
    name: str,
    *aliases: str,
    kind: ActorKind = ActorKind.PERSON,
    role: str | None = None,
    side: str | None = None,
) -> Actor:
    """An actor of an article (its provenance does not matter to the rules)."""
    return Actor(name, kind, role, tuple(aliases), NOWHERE, side)


def make_article(
    text: str = "",
    *,
    actors: Sequence[Actor] = (),
    claimants: Sequence[str] = (),
    parties: Sequence[str] = (),
    speakers: Sequence[str] = (),
    published: date | None = None,
) -> ExtractedArticle:
    """An article with actors, and figures, demands and quotes by the phrases given."""
    return ExtractedArticle(
        SourceText("Talks", text, "talks.txt", published=published),
        (),
        tuple(actors),
        tuple(Figure(5, "5", None, None, None, who, NOWHERE) for who in claimants),
        tuple(Demand(who, "a truce", DemandKind.DEMAND, NOWHERE) for who in parties),
        tuple(Quote("We will.", who, NOWHERE) for who in speakers),
    )
