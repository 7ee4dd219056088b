"""Read actors for answers: the most cited first, and one actor found by any of its names."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import Select, func, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import ActorEntry, RoleEntry, Slice, SourceEntry
from briefings.identity.names import fold, names_match
from briefings.identity.role_phrases import DatedRole, group_roles
from storage.tables import (
    ActorAliasRow,
    ActorMentionRow,
    ActorRow,
    ArticleRow,
    DemandRow,
    FigureRow,
)

# How many of an actor's articles an entry lists; the rest are only counted.
CITED_ARTICLES = 4


async def list_sources(session: AsyncSession, *, limit: int) -> Slice[SourceEntry]:
    """The newest articles with their fact counts, newest first, and how many there are."""
    total = await session.scalar(select(func.count()).select_from(ArticleRow))
    rows = await session.execute(source_columns().order_by(ArticleRow.id.desc()).limit(limit))
    return Slice(tuple(SourceEntry(*row) for row in rows.tuples()), total or 0)


async def get_source(session: AsyncSession, article_id: int) -> SourceEntry | None:
    """One article with its fact counts, or None."""
    row = (await session.execute(source_columns().where(ArticleRow.id == article_id))).first()
    return SourceEntry(*row) if row else None


def source_columns() -> Select[Any]:
    """An article's metadata and fact counts, without its text."""
    counts = [
        select(func.count()).where(column == ArticleRow.id).scalar_subquery()
        for column in (ActorMentionRow.article_id, FigureRow.article_id, DemandRow.article_id)
    ]
    return select(ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.published, *counts)


async def list_actors(session: AsyncSession, *, limit: int) -> Slice[ActorEntry]:
    """The most cited actors (by articles mentioning them), each with its first and latest article."""
    n_articles = func.count(ActorMentionRow.article_id)
    query = (
        select(ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role, n_articles)
        .add_columns(func.min(ActorMentionRow.article_id), func.max(ActorMentionRow.article_id))
        .join(ActorMentionRow, ActorMentionRow.actor_id == ActorRow.id)
        .group_by(ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role)
        .order_by(n_articles.desc(), ActorRow.name)
        .limit(limit)
    )
    rows = (await session.execute(query)).tuples()
    entries = [
        ActorEntry(id_, name, kind, role, (), tuple(sorted({first, last})), count)
        for id_, name, kind, role, count, first, last in rows
    ]
    total = await session.scalar(select(func.count()).select_from(ActorRow))
    return Slice(tuple(entries), total or 0)


async def find_actor(session: AsyncSession, query: str) -> ActorEntry | None:
    """The actor a name denotes: exact name or alias first, then spelling variants; most cited wins."""
    return await find_actor_named(session, [query])


async def find_actor_named(session: AsyncSession, phrases: Sequence[str]) -> ActorEntry | None:
    """The actor the first of some phrases to name one denotes, reading every name once.

    A phrase names an actor by a name or alias spelt alike, else as a variant of one that is
    at least as long: "Kellogg" and "Keith Kellogg" name Keith Kellogg, but "Ukraine in Nato"
    does not name NATO for ending with its name.
    """
    names = await _all_names(session)
    for phrase in phrases:
        candidates = _named_by(phrase, names)
        if len(candidates) > 1:
            counts = await _article_counts(session, candidates)
            candidates.sort(key=lambda id_: (-counts.get(id_, 0), id_))
        if candidates:
            return await get_actor(session, candidates[0])
    return None


def _named_by(phrase: str, names: list[tuple[int, str]]) -> list[int]:
    """Ids of the actors a phrase names: exact spellings first, else longer-or-equal variants."""
    wanted, size = fold(phrase), len(phrase.split())
    exact = [id_ for id_, name in names if fold(name) == wanted]
    loose = [id_ for id_, name in names if size <= len(name.split()) and names_match(phrase, name)]
    return list(dict.fromkeys(exact or loose))


async def get_actor(session: AsyncSession, actor_id: int) -> ActorEntry | None:
    """One actor with its aliases, its first few articles and the roles the articles state, or None."""
    n_articles = (
        select(func.count()).where(ActorMentionRow.actor_id == ActorRow.id).scalar_subquery()
    )
    columns = (ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role, n_articles)
    row = (await session.execute(select(*columns).where(ActorRow.id == actor_id))).first()
    if row is None:
        return None
    id_, name, kind, role, count = row
    aliases = await session.scalars(
        select(ActorAliasRow.alias)
        .where(ActorAliasRow.actor_id == actor_id)
        .order_by(ActorAliasRow.id)
    )
    articles = await session.scalars(
        select(ActorMentionRow.article_id)
        .where(ActorMentionRow.actor_id == actor_id)
        .order_by(ActorMentionRow.article_id)
        .limit(CITED_ARTICLES)
    )
    roles = await _dated_roles_of(session, actor_id)
    return ActorEntry(id_, name, kind, role, tuple(aliases), tuple(articles), count, roles)


async def _dated_roles_of(session: AsyncSession, actor_id: int) -> tuple[RoleEntry, ...]:
    """The roles the articles state for one actor, each with its days and articles, newest first."""
    query = (
        select(ActorMentionRow.role, ArticleRow.published, ActorMentionRow.article_id)
        .join(ArticleRow, ArticleRow.id == ActorMentionRow.article_id)
        .where(ActorMentionRow.actor_id == actor_id, ActorMentionRow.role.is_not(None))
    )
    rows = (await session.execute(query)).tuples()
    return group_roles(DatedRole(actor_id, role or "", day, article) for role, day, article in rows)


async def _all_names(session: AsyncSession) -> list[tuple[int, str]]:
    """Each actor's id with its name and with each alias."""
    names = union_all(
        select(ActorRow.id, ActorRow.name), select(ActorAliasRow.actor_id, ActorAliasRow.alias)
    )
    return [(id_, name) for id_, name in await session.execute(names)]


async def _article_counts(session: AsyncSession, actor_ids: Collection[int]) -> dict[int, int]:
    """How many articles mention each of some actors."""
    query = select(ActorMentionRow.actor_id, func.count()).group_by(ActorMentionRow.actor_id)
    query = query.where(ActorMentionRow.actor_id.in_(list(actor_ids)))
    return dict((await session.execute(query)).tuples().all())
