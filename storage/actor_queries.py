"""Read actors for answers: the most cited first, and one actor found by any of its names."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import ActorEntry, SourceEntry
from briefings.names import fold, names_match
from storage.repository import list_articles
from storage.tables import ActorAliasRow, ActorMentionRow, ActorRow

# How many of an actor's articles an entry lists; the rest are only counted.
CITED_ARTICLES = 4


async def list_sources(session: AsyncSession) -> list[SourceEntry]:
    """Every article with its fact counts, in id order (the order answers cite them)."""
    return [
        SourceEntry(s.id, s.title, s.outlet, s.published, s.n_actors, s.n_figures, s.n_demands)
        for s in await list_articles(session)
    ]


async def list_actors(session: AsyncSession) -> list[ActorEntry]:
    """Every actor with its first articles, most cited first (by articles, then by name)."""
    articles = await _first_articles(session, None)
    counts = await _article_counts(session)
    rows = await session.execute(select(ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role))
    entries = [
        ActorEntry(id_, name, kind, role, (), tuple(articles.get(id_, ())), counts.get(id_, 0))
        for id_, name, kind, role in rows.tuples()
    ]
    return sorted(entries, key=lambda a: (-counts.get(a.id, 0), fold(a.name)))


async def find_actor(session: AsyncSession, query: str) -> ActorEntry | None:
    """The actor a name denotes: exact name or alias first, then spelling variants; most cited wins."""
    names = await _all_names(session)
    wanted = fold(query)
    exact = [id_ for id_, name in names if fold(name) == wanted]
    matches = exact or [id_ for id_, name in names if names_match(query, name)]
    if not matches:
        return None
    counts = await _article_counts(session)
    best = max(dict.fromkeys(matches), key=lambda id_: (counts.get(id_, 0), -id_))
    return await get_actor(session, best)


async def get_actor(session: AsyncSession, actor_id: int) -> ActorEntry | None:
    """One actor with its aliases and articles, or None."""
    row = await session.get(ActorRow, actor_id)
    if row is None:
        return None
    aliases = await session.scalars(
        select(ActorAliasRow.alias)
        .where(ActorAliasRow.actor_id == actor_id)
        .order_by(ActorAliasRow.id)
    )
    articles = (await _first_articles(session, actor_id)).get(actor_id, [])
    count = (await _article_counts(session, actor_id)).get(actor_id, 0)
    return ActorEntry(row.id, row.name, row.kind, row.role, tuple(aliases), tuple(articles), count)


async def _all_names(session: AsyncSession) -> list[tuple[int, str]]:
    """Each actor's id with its name and with each alias."""
    names = await session.execute(select(ActorRow.id, ActorRow.name))
    aliases = await session.execute(select(ActorAliasRow.actor_id, ActorAliasRow.alias))
    return [*names.tuples(), *aliases.tuples()]


async def _article_counts(session: AsyncSession, actor_id: int | None = None) -> dict[int, int]:
    """How many articles mention each actor (or one actor)."""
    query = select(ActorMentionRow.actor_id, func.count()).group_by(ActorMentionRow.actor_id)
    if actor_id is not None:
        query = query.where(ActorMentionRow.actor_id == actor_id)
    return dict((await session.execute(query)).tuples().all())


async def _first_articles(session: AsyncSession, actor_id: int | None) -> dict[int, list[int]]:
    """The ids of the first few articles mentioning each actor (or one actor)."""
    rank = func.row_number().over(
        partition_by=ActorMentionRow.actor_id, order_by=ActorMentionRow.article_id
    )
    inner = select(ActorMentionRow.actor_id, ActorMentionRow.article_id, rank.label("rank"))
    if actor_id is not None:
        inner = inner.where(ActorMentionRow.actor_id == actor_id)
    ranked = inner.subquery()
    query = select(ranked.c.actor_id, ranked.c.article_id).where(ranked.c.rank <= CITED_ARTICLES)
    firsts: dict[int, list[int]] = defaultdict(list)
    for actor, article in (await session.execute(query)).tuples():
        firsts[actor].append(article)
    return firsts
