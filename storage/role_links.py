"""Link claimants, parties and speakers to actors: by name in their article, else by the role a phrase names.

"The Kremlin spokesman" links to the actor whose role, as of the article's date, it names: one of
its own article if exactly one fits, else the only one of all stored actors (briefings/role_phrases.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from briefings.identity.role_phrases import (
    DatedRole,
    RoleHolder,
    holder_country,
    is_role_phrase,
    pick_holder,
    roles_as_of,
)
from briefings.model import ExtractedArticle
from briefings.vocabulary.lexicon import load_lexicon
from storage.actors import ResolvedActors, link_name, stored_names
from storage.tables import ActorMentionRow, ActorRow, ArticleRow


@dataclass(frozen=True)
class Links:
    """Finds the actor a claimant, party or speaker names in one article."""

    resolved: ResolvedActors
    by_role: dict[str, ActorRow] = field(default_factory=dict)

    def __call__(self, text: str | None) -> ActorRow | None:
        """The actor of the article by this name, else the actor this role phrase names, or None."""
        return link_name(text, self.resolved) or (self.by_role.get(text) if text else None)


def stated_role(role: str | None, text: str) -> str | None:
    """A mention's role if its article states it; None for the data's fallback role otherwise.

    An article that names a known actor without a role gets the role the data gives it
    (briefings/data/actors.jsonl), as of when the data was written; such a role counts only
    where the article's text holds it. Checked once, when the article is saved.
    """
    if not role or (role in _fallback_roles() and role.casefold() not in text.casefold()):
        return None
    return role


@cache
def _fallback_roles() -> frozenset[str]:
    """The roles the data gives known actors."""
    return frozenset(known.role for known in load_lexicon().known_actors if known.role)


async def link_actors(
    session: AsyncSession,
    *,
    article_id: int,
    extracted: ExtractedArticle,
    resolved: ResolvedActors,
) -> Links:
    """The links of one saved article, whose actors and mentions are flushed; one query at most."""
    phrases = {text for text in _speakers(extracted) if text and _unlinked_role(text, resolved)}
    if not phrases:
        return Links(resolved)
    day = extracted.source.published
    holders = _holders(resolved.known, await dated_roles(session, day), article_id, day)
    own = {row.id for row in resolved.rows()}
    mine = [holder for holder in holders if holder.key in own]
    rows = {row.id: row for row in resolved.known}
    picks = {phrase: pick_holder(phrase, mine, holders) for phrase in phrases}
    return Links(resolved, {phrase: rows[key] for phrase, key in picks.items() if key is not None})


async def dated_roles(session: AsyncSession, day: date | None) -> list[DatedRole]:
    """Every stated role of every actor in the articles published by a day, or undated."""
    query = (
        select(
            ActorMentionRow.actor_id,
            ActorMentionRow.role,
            ArticleRow.published,
            ActorMentionRow.article_id,
        )
        .join(ArticleRow, ArticleRow.id == ActorMentionRow.article_id)
        .where(ActorMentionRow.role.is_not(None))
    )
    if day is not None:
        query = query.where(or_(ArticleRow.published.is_(None), ArticleRow.published <= day))
    rows = (await session.execute(query)).tuples()
    return [
        DatedRole(actor, role or "", published, article) for actor, role, published, article in rows
    ]


async def actor_holding(session: AsyncSession, phrases: Sequence[str]) -> int | None:
    """The one stored actor whose newest stated role the first role phrase to name one names
    ("the Kremlin spokesman"); the roles are read once, and only when some phrase is a role."""
    role_phrases = [phrase for phrase in phrases if is_role_phrase(phrase)]
    if not role_phrases:
        return None
    roles = roles_as_of(await dated_roles(session, None), None)
    query = select(ActorRow).where(ActorRow.id.in_(list(roles)))
    rows = (await session.scalars(query.options(selectinload(ActorRow.aliases)))).all()
    holders = [_holder(row, roles[row.id]) for row in rows]
    picks = (pick_holder(phrase, [], holders) for phrase in role_phrases)
    return next((pick for pick in picks if pick is not None), None)


def _speakers(extracted: ExtractedArticle) -> Iterable[str | None]:
    """Every claimant, party and speaker of an article, as written."""
    yield from (figure.claimed_by for figure in extracted.figures)
    yield from (demand.party for demand in extracted.demands)
    yield from (quote.speaker for quote in extracted.quotes)


def _unlinked_role(text: str, resolved: ResolvedActors) -> bool:
    """True for a role phrase that names no actor of its article by name."""
    return link_name(text, resolved) is None and is_role_phrase(text)


def _holders(
    candidates: Sequence[ActorRow], dated: list[DatedRole], article_id: int, day: date | None
) -> list[RoleHolder]:
    """Each actor with a role: the roles its article states, else those of its newest article."""
    own = roles_as_of((row for row in dated if row.article_id == article_id), None)
    others = roles_as_of((row for row in dated if row.article_id != article_id), day)
    return [
        _holder(row, roles)
        for row in candidates
        if (roles := own.get(row.id) or others.get(row.id))
    ]


def _holder(row: ActorRow, roles: tuple[str, ...]) -> RoleHolder:
    """An actor with its roles as of a phrase, and its country (from its names or its side)."""
    return RoleHolder(row.id, roles, holder_country(stored_names(row), row.side))
