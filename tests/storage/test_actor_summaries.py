"""Tests that actors' kept summaries (storage.actor_summaries) equal what their mentions and facts
count, after saves, saves that merge into a stored actor, and removals."""

from __future__ import annotations

from datetime import date
from typing import Any

from extracted_builders import make_actor, make_draft, make_extracted, make_figure
from sqlalchemy import exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.identity.rules import IDENTITY_RULES
from storage import delete_article, save_extracted
from storage.summary_tables import ActorRoleDayRow, ActorRoleTitleRow
from storage.tables import ActorMentionRow, ActorRow, ArticleRow, DemandRow, FigureRow, QuoteRow

SPOKESMAN = "Kremlin spokesman"
DAY = date(2025, 3, 1)


async def save_person(
    session: AsyncSession,
    tag: str,
    name: str,
    *,
    role: str | None = None,
    day: date | None = DAY,
    claims: bool = False,
) -> int:
    """An article naming one person (in a role, claiming a figure, if asked); its id."""
    # A role counts only where its article's text states it.
    draft = make_draft(f"{name} ({role or 'no role'}) said 12 drones fell ({tag}).")
    actor = make_actor(draft, name, role=role)
    figures = [make_figure(draft, "12 drones", value=12, claimed_by=name)] if claims else []
    extracted = make_extracted(draft, source=tag, published=day, actors=[actor], figures=figures)
    return (await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)).article_id


async def kept(session: AsyncSession) -> tuple[dict[int, Any], dict[Any, Any]]:
    """The actors' kept counts and their kept role days."""
    actors = await session.execute(
        select(
            ActorRow.id,
            ActorRow.n_articles,
            ActorRow.first_article,
            ActorRow.last_article,
            ActorRow.holds_fact,
        )
    )
    row = ActorRoleDayRow
    days = await session.execute(
        select(row.actor_id, row.role, row.published, row.n_articles, row.last_article)
    )
    return (
        {id_: tuple(rest) for id_, *rest in actors.tuples()},
        {tuple(found[:3]): tuple(found[3:]) for found in days.tuples()},
    )


async def counted(session: AsyncSession) -> tuple[dict[int, Any], dict[Any, Any]]:
    """The same, counted from every mention and fact."""
    mention = ActorMentionRow
    of_actor = mention.actor_id == ActorRow.id
    holds = or_(
        exists().where(FigureRow.claimant_actor_id == ActorRow.id),
        exists().where(DemandRow.party_actor_id == ActorRow.id),
        exists().where(QuoteRow.speaker_actor_id == ActorRow.id),
    )
    actors = await session.execute(
        select(
            ActorRow.id,
            select(func.count()).where(of_actor).scalar_subquery(),
            select(func.min(mention.article_id)).where(of_actor).scalar_subquery(),
            select(func.max(mention.article_id)).where(of_actor).scalar_subquery(),
            holds,
        )
    )
    days = await session.execute(
        select(
            mention.actor_id,
            mention.role,
            ArticleRow.published,
            func.count(),
            func.max(mention.article_id),
        )
        .join(ArticleRow, ArticleRow.id == mention.article_id)
        .where(mention.role.is_not(None))
        .group_by(mention.actor_id, mention.role, ArticleRow.published)
    )
    return (
        {id_: (n, first, last, bool(fact)) for id_, n, first, last, fact in actors.tuples()},
        {tuple(found[:3]): tuple(found[3:]) for found in days.tuples()},
    )


async def assert_kept_right(session: AsyncSession) -> None:
    """The kept summaries are what the mentions and facts count."""
    actors, days = await kept(session)
    assert (actors, days) == await counted(session)


async def actor_named(session: AsyncSession, name: str) -> ActorRow:
    """The stored actor of a name."""
    return (await session.scalars(select(ActorRow).where(ActorRow.name == name))).one()


async def test_a_save_counts_its_actors_and_their_roles(session: AsyncSession) -> None:
    first = await save_person(session, "a", "Dmitry Peskov", role=SPOKESMAN)
    await save_person(session, "b", "Sergei Lavrov", role="Foreign Minister")
    last = await save_person(session, "c", "Dmitry Peskov", role=SPOKESMAN)
    await save_person(session, "d", "Dmitry Peskov", role=SPOKESMAN, day=None)
    await assert_kept_right(session)
    peskov = await actor_named(session, "Dmitry Peskov")
    assert (peskov.n_articles, peskov.first_article) == (3, first)
    _, days = await kept(session)
    assert days[(peskov.id, SPOKESMAN, DAY)] == (2, last)


async def test_a_save_merged_into_a_stored_actor_counts_on_it(session: AsyncSession) -> None:
    await save_person(session, "a", "Olena Vasylenko", role="President of Freedonia")
    await save_person(session, "b", "Vasylenko")
    await assert_kept_right(session)
    olena = await actor_named(session, "Olena Vasylenko")
    assert olena.n_articles == 2
    assert (await session.scalars(select(func.count()).select_from(ActorRow))).one() == 1


async def test_a_save_marks_the_actors_its_facts_are_linked_to(session: AsyncSession) -> None:
    await save_person(session, "a", "Oleksandr Syrskyi")
    assert not (await actor_named(session, "Oleksandr Syrskyi")).holds_fact
    claim = await save_person(session, "b", "Oleksandr Syrskyi", claims=True)
    await assert_kept_right(session)
    await delete_article(session, article_id=claim)
    session.expire_all()
    syrskyi = await actor_named(session, "Oleksandr Syrskyi")
    assert (syrskyi.n_articles, syrskyi.holds_fact) == (1, False)
    await assert_kept_right(session)


async def test_a_removal_keeps_every_count_right(session: AsyncSession) -> None:
    ids = [await save_person(session, tag, "Dmitry Peskov", role=SPOKESMAN) for tag in "abc"]
    lone = await save_person(session, "d", "Sergei Lavrov", role="Foreign Minister")
    undated = await save_person(session, "e", "Dmitry Peskov", role=SPOKESMAN, day=None)
    for article_id in (ids[2], ids[0], lone, undated):
        await delete_article(session, article_id=article_id)
        session.expire_all()
        await assert_kept_right(session)
    peskov = await actor_named(session, "Dmitry Peskov")
    assert (peskov.n_articles, peskov.first_article, peskov.last_article) == (1, ids[1], ids[1])
    assert [a.name for a in await session.scalars(select(ActorRow))] == ["Dmitry Peskov"]


async def test_the_titles_of_stated_roles_are_kept_per_actor(session: AsyncSession) -> None:
    await save_person(session, "a", "Dmitry Peskov", role=f"{SPOKESMAN}; presidential adviser")
    await save_person(session, "b", "Dmitry Peskov", role=SPOKESMAN)
    await save_person(session, "c", "Sergei Lavrov")
    peskov = await actor_named(session, "Dmitry Peskov")
    titles = await session.scalars(
        select(ActorRoleTitleRow.title)
        .where(ActorRoleTitleRow.actor_id == peskov.id)
        .order_by(ActorRoleTitleRow.title)
    )
    assert list(titles) == ["adviser", "spokesman"]
    assert (await session.scalars(select(func.count()).select_from(ActorRoleTitleRow))).one() == 2
