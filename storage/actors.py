"""Stored actors and their dated roles, read as snapshots; the actors a merge decides, written.

Whether an article's actor is a stored one, and which actor a claimant or a role phrase
names, is decided in `briefings.identity` over these snapshots: the store reads, and writes
what it is told (`ActorRules`, which the core passes to `save_extracted`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Protocol

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from briefings.model import ExtractedArticle
from briefings.records import (
    ActorMerge,
    DatedRole,
    MergedActor,
    SpeakerLinks,
    StoredActor,
)
from storage.actor_queries import dated_role_columns
from storage.labelled import records_from
from storage.tables import ActorAliasRow, ActorRow, ArticleRow


class ActorRules(Protocol):
    """The identity decisions a save needs (briefings.identity.rules.IdentityRules)."""

    def merge(self, stored: Sequence[StoredActor], extracted: ExtractedArticle) -> ActorMerge:
        """Which known actor each of the article's actors is."""

    def link(
        self, extracted: ExtractedArticle, merge: ActorMerge, roles: Sequence[DatedRole]
    ) -> SpeakerLinks:
        """Which known actor each claimant, party and speaker names."""


async def load_actors(session: AsyncSession) -> list[ActorRow]:
    """Every stored actor with its aliases, oldest first."""
    query = select(ActorRow).options(selectinload(ActorRow.aliases)).order_by(ActorRow.id)
    return list(await session.scalars(query))


async def stored_actors(session: AsyncSession, actor_ids: Collection[int]) -> list[StoredActor]:
    """Snapshots of some stored actors, with their aliases, by id."""
    query = select(ActorRow).where(ActorRow.id.in_(list(actor_ids)))
    rows = await session.scalars(query.options(selectinload(ActorRow.aliases)))
    return [snapshot(row) for row in rows]


def snapshot(row: ActorRow) -> StoredActor:
    """A stored actor as the identity rules read it."""
    aliases = tuple(alias.alias for alias in row.aliases)
    return StoredActor(row.id, row.name, row.kind, row.role, row.side, aliases)


def write_actors(rows: Sequence[ActorRow], merge: ActorMerge) -> list[ActorRow]:
    """The row of each known actor of a merge: the stored rows as it changed them, then new ones."""
    for row, actor in zip(rows, merge.known, strict=False):
        _update(row, actor)
    return [*rows, *(_new_row(actor) for actor in merge.known[len(rows) :])]


async def dated_roles(session: AsyncSession, day: date | None) -> list[DatedRole]:
    """Every stated role of every actor in the articles published by a day, or undated."""
    query = dated_role_columns()
    if day is not None:
        query = query.where(or_(ArticleRow.published.is_(None), ArticleRow.published <= day))
    return records_from(DatedRole, await session.execute(query))


def _update(row: ActorRow, actor: MergedActor) -> None:
    """Write a merged actor's name, role, side and aliases onto its stored row."""
    if (row.name, row.role, row.side) != (actor.name, actor.role, actor.side):
        row.name, row.role, row.side = actor.name, actor.role, actor.side
    stored = len(row.aliases)
    for alias_row, alias in zip(row.aliases, actor.aliases[:stored], strict=True):
        if alias_row.alias != alias:
            # Respelt in place, never deleted and added again (see briefings.identity.merging).
            alias_row.alias = alias
    row.aliases.extend(ActorAliasRow(alias=alias) for alias in actor.aliases[stored:])


def _new_row(actor: MergedActor) -> ActorRow:
    """A new stored actor."""
    aliases = [ActorAliasRow(alias=alias) for alias in actor.aliases]
    return ActorRow(
        name=actor.name, kind=actor.kind, role=actor.role, side=actor.side, aliases=aliases
    )
