"""Read actors for answers: the most cited first, every actor's names, and one actor's card.

Which actor a phrase names is decided in `briefings.identity.lookup`; the store reads the names
(`actor_names`) and the counts (`article_counts`) it decides by.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import ActorEntry, Count, NamedActor, Slice, SourceEntry
from briefings.records import ActorName, NameKeys
from storage.actor_roles import CITED_ARTICLES, GroupRoles, KeyGroups, roles_of
from storage.engine import on_postgres
from storage.labelled import record_from, records_from
from storage.tables import (
    ActorAliasRow,
    ActorMentionRow,
    ActorRow,
    ArticleRow,
    DemandRow,
    FigureRow,
)
from storage.totals import capped_count
from storage.values_in import bound_list, bound_list_in, values_in


async def list_sources(session: AsyncSession, *, limit: int) -> Slice[SourceEntry]:
    """The newest articles with their fact counts, newest first, and how many there are."""
    counted = await capped_count(session, select(ArticleRow.id))
    rows = await session.execute(source_columns().order_by(ArticleRow.id.desc()).limit(limit))
    return Slice(tuple(records_from(SourceEntry, rows)), counted.total, counted.over)


async def get_source(session: AsyncSession, article_id: int) -> SourceEntry | None:
    """One article with its fact counts, or None."""
    row = (await session.execute(source_columns().where(ArticleRow.id == article_id))).first()
    return record_from(SourceEntry, row) if row else None


def source_columns() -> Select[Any]:
    """An article's metadata and fact counts, without its text, labelled as SourceEntry fields."""
    counted = {
        "n_actors": ActorMentionRow.article_id,
        "n_figures": FigureRow.article_id,
        "n_demands": DemandRow.article_id,
    }
    counts = [
        select(func.count()).where(column == ArticleRow.id).scalar_subquery().label(label)
        for label, column in counted.items()
    ]
    return select(ArticleRow.id, ArticleRow.title, ArticleRow.outlet, ArticleRow.published, *counts)


async def list_actors(
    session: AsyncSession,
    *,
    limit: int,
    offset: int = 0,
    place_kinds: Collection[str] = (),
    named_places: bool = False,
) -> Slice[ActorEntry]:
    """The most cited actors (by articles mentioning them), `limit` of them after the first
    `offset`, each with its first and latest article, and how many such actors there are.

    Actors of `place_kinds` that the articles only name (no role, no figure claimed, no position,
    no quote) are left out; with `named_places`, they alone are listed.
    """
    named = _named_only(place_kinds)
    listed = and_(named if named_places else ~named, ActorRow.n_articles > 0)
    columns = (ActorRow.id, ActorRow.name, ActorRow.kind, ActorRow.role, ActorRow.n_articles)
    # Along ix_actors_cited: about `offset + limit` rows, however many actors there are.
    query = (
        select(*columns, ActorRow.first_article, ActorRow.last_article)
        .where(listed)
        .order_by(ActorRow.n_articles.desc(), ActorRow.name)
        .offset(offset)
        .limit(limit)
    )
    rows = (await session.execute(query)).all()
    entries = [
        ActorEntry(
            id=row.id,
            name=row.name,
            kind=row.kind,
            role=row.role,
            aliases=(),
            articles=tuple(sorted({row.first_article, row.last_article})),
            n_articles=row.n_articles,
        )
        for row in rows
    ]
    # From the actors' own columns, no mention read; up to the cap past this page's rows.
    counted = await capped_count(session, select(ActorRow.id).where(listed), past=offset)
    return Slice(tuple(entries), counted.total, counted.over)


async def count_named_places(session: AsyncSession, *, place_kinds: Collection[str]) -> Count:
    """How many actors of `place_kinds` the articles only name (no role, figure, position,
    quote), counted up to the cap."""
    return await capped_count(session, select(ActorRow.id).where(_named_only(place_kinds)))


def _named_only(place_kinds: Collection[str]) -> ColumnElement[bool]:
    """An actor of one of some kinds with no role that claims no figure, holds no position and
    says no quote (`holds_fact`, kept on save and removal)."""
    no_role = func.coalesce(ActorRow.role, "") == ""
    return and_(ActorRow.kind.in_(list(place_kinds)), no_role, ~ActorRow.holds_fact)


async def actor_names(session: AsyncSession, keys: Collection[NameKeys]) -> list[ActorName]:
    """The names and aliases (with their actor's id) folded like, or of the surname key of, one
    of some keys: the only ones a phrase of those keys can name (index seeks, never a scan)."""
    as_array = on_postgres(session)
    values = {
        "folded": bound_list([key.folded for key in keys], as_array=as_array),
        "surnames": bound_list([key.surname for key in keys if key.surname], as_array=as_array),
    }
    return records_from(ActorName, await session.execute(_names_query(as_array), values))


@cache
def _names_query(as_array: bool) -> CompoundSelect[Any]:
    """Names and aliases folded like one bound as `folded` or of a surname bound as `surnames`;
    built once per backend (see storage.values_in)."""

    def keyed(folded: Any, surname: Any) -> ColumnElement[bool]:
        return or_(
            bound_list_in(folded, "folded", as_array=as_array),
            bound_list_in(surname, "surnames", as_array=as_array),
        )

    return union_all(
        select(ActorRow.id.label("actor_id"), ActorRow.name).where(
            keyed(ActorRow.folded, ActorRow.surname)
        ),
        select(ActorAliasRow.actor_id, ActorAliasRow.alias).where(
            keyed(ActorAliasRow.folded, ActorAliasRow.surname)
        ),
    )


async def article_counts(session: AsyncSession, actor_ids: Collection[int]) -> dict[int, int]:
    """How many articles mention each of some actors (kept on the actors)."""
    query = select(ActorRow.id, ActorRow.n_articles).where(
        values_in(session, ActorRow.id, actor_ids)
    )
    query = query.where(ActorRow.n_articles > 0)
    return dict((await session.execute(query)).tuples().all())


async def get_named_actor(session: AsyncSession, actor_id: int) -> NamedActor | None:
    """An actor's id, kind, name and aliases (one statement), or None: enough to answer about
    it without reading its card."""
    rows = (await session.execute(_named_query(), {"actor_id": actor_id})).all()
    if not rows:
        return None
    id_, name, kind, _ = rows[0]
    aliases = tuple(alias for *_, alias in rows if alias is not None)
    return NamedActor(id_, name, kind, aliases)


@cache
def _named_query() -> Select[Any]:
    """An actor's id, name and kind with each of its aliases in order (bound: actor_id)."""
    return (
        select(ActorRow.id, ActorRow.name, ActorRow.kind, ActorAliasRow.alias)
        .outerjoin(ActorAliasRow, ActorAliasRow.actor_id == ActorRow.id)
        .where(ActorRow.id == bindparam("actor_id", type_=Integer))
        .order_by(ActorAliasRow.id)
    )


async def get_actor(
    session: AsyncSession, actor_id: int, *, key_groups: KeyGroups, group_roles: GroupRoles
) -> ActorEntry | None:
    """One actor with its aliases, its first few articles and the roles the articles state, or None.

    `key_groups` and `group_roles` make the actor's distinct roles of those its articles state.
    """
    # Put in order here: ORDER BY over the compound made SQLite sort in a temporary b-tree.
    found = await session.execute(_card_parts(), {"actor_id": actor_id})
    parts = sorted(found.tuples(), key=_card_order)
    if not parts or parts[0][0] != _CARD_ROW:
        return None
    _, id_, name, kind, role, count = parts[0]
    aliases = [text for part, _, text, *_ in parts if part == _CARD_ALIAS]
    articles = [number for part, number, *_ in parts if part == _CARD_ARTICLE]
    roles = await roles_of(session, actor_id, key_groups=key_groups, group_roles=group_roles)
    return ActorEntry(id_, name, kind, role, tuple(aliases), tuple(articles), count, roles)


# The parts of an actor's card read in one statement: its row, its aliases, its first articles.
_CARD_ROW, _CARD_ALIAS, _CARD_ARTICLE = 0, 1, 2


@cache
def _card_parts() -> CompoundSelect[Any]:
    """One statement for an actor's row, aliases and first articles (bound: actor_id), as rows
    of (part, number, text, kind, role, count), the number an alias's id or an article's: a
    round trip, not three; built once."""
    actor_id = bindparam("actor_id", type_=Integer)
    no_text, no_number = null().cast(String), null().cast(Integer)
    row = select(
        literal(_CARD_ROW).label("part"),
        ActorRow.id.label("number"),
        ActorRow.name.label("text"),
        ActorRow.kind.label("kind"),
        ActorRow.role.label("role"),
        ActorRow.n_articles.label("count"),
    ).where(ActorRow.id == actor_id)
    aliases = select(
        literal(_CARD_ALIAS), ActorAliasRow.id, ActorAliasRow.alias, no_text, no_text, no_number
    ).where(ActorAliasRow.actor_id == actor_id)
    first = (
        select(ActorMentionRow.article_id)
        .where(ActorMentionRow.actor_id == actor_id)
        .order_by(ActorMentionRow.article_id)
        .limit(CITED_ARTICLES)
        .subquery()
    )
    articles = select(
        literal(_CARD_ARTICLE), first.c.article_id, no_text, no_text, no_text, no_number
    )
    return union_all(row, aliases, articles)


def _card_order(part: tuple[Any, ...]) -> tuple[int, int]:
    """A card part's place: the row, then the aliases by id, then the articles by id."""
    return part[0], part[1]
