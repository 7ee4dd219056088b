"""Keep actors' summaries as articles are saved and removed, so answers read a few rows.

Each actor keeps how many articles mention it, the first and last of them, and whether a
figure, demand or quote is linked to it (`ActorRow`); each role an actor's articles state is
kept per day with how many and the newest (`ActorRoleDayRow`); each title of a stated role is
kept once per actor (`ActorRoleTitleRow`, the candidates a role phrase may name; a title
outlives the articles stating it, which costs a read, never an answer).

Every function runs under the store's write lock (`repository.lock_for_writing`), so reading
a count and writing it back cannot interleave with another save. Article ids only grow, so a
saved article is its actors' last.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import (
    ColumnElement,
    Update,
    and_,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from storage.summary_tables import ActorRoleDayRow, ActorRoleTitleRow
from storage.tables import (
    ActorMentionRow,
    ActorRow,
    ArticleRow,
    DemandRow,
    FigureRow,
    QuoteRow,
)

# The titles of a stated role, as the identity rules read it.
TitlesOf = Callable[[str], Collection[str]]


@dataclass(frozen=True)
class RoleMention:
    """An actor an article mentions, with the role it states (if any)."""

    actor_id: int
    role: str | None


def count_article(rows: Iterable[ActorRow], article_id: int) -> None:
    """Count a new article on the rows of the actors it mentions (written at the next flush)."""
    for row in rows:
        row.n_articles = (row.n_articles or 0) + 1
        row.first_article = row.first_article or article_id
        row.last_article = article_id


async def add_roles(
    session: AsyncSession,
    *,
    article_id: int,
    day: date | None,
    mentions: Sequence[RoleMention],
    titles_of: TitlesOf,
) -> None:
    """Count a new article's stated roles on their actors' days, and keep their titles."""
    stated = [(m.actor_id, m.role) for m in mentions if m.role]
    if not stated:
        return
    await _add_role_days(session, article_id, day, stated)
    await _add_titles(session, {(actor, t) for actor, role in stated for t in titles_of(role)})


async def mark_fact_holders(session: AsyncSession, actor_ids: Collection[int]) -> None:
    """Mark the actors a new article's figures, demands or quotes are linked to."""
    if actor_ids:
        marked = _update(ActorRow).where(ActorRow.id.in_(list(actor_ids)), ~ActorRow.holds_fact)
        await session.execute(marked.values(holds_fact=True))


async def article_actors(
    session: AsyncSession, article_id: int
) -> tuple[list[RoleMention], set[int]]:
    """The actors an article mentions (with their roles) and those its facts are linked to,
    read before it is removed."""
    rows = await session.execute(
        select(ActorMentionRow.actor_id, ActorMentionRow.role).where(
            ActorMentionRow.article_id == article_id
        )
    )
    mentions = [RoleMention(actor_id, role) for actor_id, role in rows.tuples()]
    linked: set[int] = set()
    for column, article in (
        (FigureRow.claimant_actor_id, FigureRow.article_id),
        (DemandRow.party_actor_id, DemandRow.article_id),
        (QuoteRow.speaker_actor_id, QuoteRow.article_id),
    ):
        found = await session.scalars(select(column).where(article == article_id))
        linked.update(actor for actor in found if actor is not None)
    return mentions, linked


async def uncount_article(
    session: AsyncSession,
    *,
    article_id: int,
    day: date | None,
    mentions: Sequence[RoleMention],
    linked: Collection[int],
) -> None:
    """After an article is removed: its actors' counts, first and last articles, role days and
    fact marks again, each through index seeks on those actors alone; then the actors no
    article mentions any more removed."""
    mentioned = [m.actor_id for m in mentions]
    if mentioned:
        await session.execute(_uncounted(mentioned))
    stated = [(m.actor_id, m.role) for m in mentions if m.role]
    if stated:
        await _remove_role_days(session, article_id, day, stated)
    if linked:
        await session.execute(_fact_marks(list(linked)))
    if mentioned:
        unmentioned = ~exists().where(ActorMentionRow.actor_id == ActorRow.id)
        await session.execute(delete(ActorRow).where(ActorRow.id.in_(mentioned), unmentioned))


def _on_day(day: date | None) -> ColumnElement[bool]:
    """Rows of one day (undated ones when it is None)."""
    column = ActorRoleDayRow.published
    return column.is_(None) if day is None else column == day


async def _day_rows(
    session: AsyncSession, day: date | None, stated: list[tuple[int, str]]
) -> dict[tuple[int, str], int]:
    """The ids of the (actor, role, day) rows of some actors' roles on one day (a seek per
    actor along ix_actor_role_days_actor_day; one statement shape, compiled once)."""
    row = ActorRoleDayRow
    actors = sorted({actor for actor, _ in stated})
    found = await session.execute(
        select(row.id, row.actor_id, row.role).where(row.actor_id.in_(actors), _on_day(day))
    )
    wanted = set(stated)
    return {(a, r): id_ for id_, a, r in found.tuples() if (a, r) in wanted}


async def _add_role_days(
    session: AsyncSession, article_id: int, day: date | None, stated: list[tuple[int, str]]
) -> None:
    """One more article on each (actor, role, day) row, new rows for the first."""
    ids = await _day_rows(session, day, stated)
    if ids:
        counted = _update(ActorRoleDayRow).where(ActorRoleDayRow.id.in_(list(ids.values())))
        more = ActorRoleDayRow.n_articles + 1
        await session.execute(counted.values(n_articles=more, last_article=article_id))
    new = [
        dict(actor_id=a, role=r, published=day, n_articles=1, last_article=article_id)
        for a, r in stated
        if (a, r) not in ids
    ]
    if new:
        await session.execute(insert(ActorRoleDayRow), new)


async def _add_titles(session: AsyncSession, pairs: set[tuple[int, str]]) -> None:
    """Keep the titles not yet kept for their actors."""
    if not pairs:
        return
    actors = list({actor for actor, _ in pairs})
    kept = await session.execute(
        select(ActorRoleTitleRow.actor_id, ActorRoleTitleRow.title).where(
            ActorRoleTitleRow.actor_id.in_(actors)
        )
    )
    new = sorted(pairs - set(kept.tuples()))
    if new:
        rows = [{"actor_id": actor, "title": title} for actor, title in new]
        await session.execute(insert(ActorRoleTitleRow), rows)


def _uncounted(actor_ids: list[int]) -> Update:
    """One article fewer on each of some actors; their first and last read again (one seek each
    along the (actor_id, article_id) unique index)."""
    of_actor = ActorMentionRow.actor_id == ActorRow.id
    first = select(func.min(ActorMentionRow.article_id)).where(of_actor).scalar_subquery()
    last = select(func.max(ActorMentionRow.article_id)).where(of_actor).scalar_subquery()
    return (
        _update(ActorRow)
        .where(ActorRow.id.in_(actor_ids))
        .values(n_articles=ActorRow.n_articles - 1, first_article=first, last_article=last)
    )


async def _remove_role_days(
    session: AsyncSession, article_id: int, day: date | None, stated: list[tuple[int, str]]
) -> None:
    """One article fewer on each of its (actor, role, day) rows: gone at none, and the newest
    read again where it was the removed article."""
    row = ActorRoleDayRow
    rows = row.id.in_(list((await _day_rows(session, day, stated)).values()))
    await session.execute(_update(row).where(rows).values(n_articles=row.n_articles - 1))
    gone = delete(row).where(rows, row.n_articles <= 0)
    await session.execute(gone.execution_options(synchronize_session=False))
    newest = (
        select(func.max(ActorMentionRow.article_id))
        .join(ArticleRow, ArticleRow.id == ActorMentionRow.article_id)
        .where(
            ActorMentionRow.actor_id == row.actor_id,
            ActorMentionRow.role == row.role,
            ArticleRow.published.is_not_distinct_from(row.published),
        )
        .scalar_subquery()
    )
    stale = and_(rows, row.last_article == article_id)
    await session.execute(_update(row).where(stale).values(last_article=newest))


def _fact_marks(actor_ids: list[int]) -> Update:
    """Whether each of some actors still has a figure, demand or quote linked (index seeks)."""
    holds = or_(
        exists().where(FigureRow.claimant_actor_id == ActorRow.id),
        exists().where(DemandRow.party_actor_id == ActorRow.id),
        exists().where(QuoteRow.speaker_actor_id == ActorRow.id),
    )
    return _update(ActorRow).where(ActorRow.id.in_(actor_ids)).values(holds_fact=holds)


def _update(table: type[ActorRow] | type[ActorRoleDayRow]) -> Update:
    """An UPDATE of rows this session may hold, left as they are: a save or removal reads
    back none of the columns these statements write."""
    return update(table).execution_options(synchronize_session=False)
