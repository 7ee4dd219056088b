"""Tests of what loads and removals need from the store: lookups by source, the write lock, figures to compare."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from extracted_builders import make_actor, make_draft, make_extracted, make_figure
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from briefings.identity.rules import IDENTITY_RULES
from briefings.model import ExtractedArticle
from storage import (
    delete_article,
    figures_measuring,
    figures_of_article,
    find_article_by_source,
    make_session_factory,
    save_extracted,
)
from storage.tables import ActorRow, ArticleRow


def envoy_article(number: int, *, source: str | None = None) -> ExtractedArticle:
    """An article naming a new envoy and Zelensky, with one figure of its own."""
    draft = make_draft(
        f"Envoy Keith Kellogg met Volodymyr Zelensky in round {number}.",
        f"Zelensky said {number},000 soldiers were killed.",
    )
    figure = make_figure(
        draft, f"{number},000 soldiers", value=number * 1000, claimed_by="Volodymyr Zelensky"
    )
    extracted = make_extracted(
        draft,
        title=f"Round {number}",
        source=source or f"round-{number}.txt",
        actors=[make_actor(draft, "Keith Kellogg"), make_actor(draft, "Volodymyr Zelensky")],
        figures=[replace(figure, measure="military_killed", measured_side="Ukraine")],
    )
    return extracted


async def test_an_article_is_found_by_its_source(session: AsyncSession) -> None:
    url = "https://news.example/ceasefire?id=7"
    saved = await save_extracted(
        session, extracted=envoy_article(1, source=url), rules=IDENTITY_RULES
    )
    found = await find_article_by_source(session, source=url)
    assert found is not None and found.id == saved.article_id
    assert await find_article_by_source(session, source=url + "8") is None


async def test_figures_of_an_article_and_earlier_ones_of_some_measures(
    session: AsyncSession,
) -> None:
    first = await save_extracted(session, extracted=envoy_article(1), rules=IDENTITY_RULES)
    second = await save_extracted(session, extracted=envoy_article(2), rules=IDENTITY_RULES)
    [own] = await figures_of_article(session, second.article_id)
    assert (own.value, own.measure, own.claimant) == (2000, "military_killed", "Volodymyr Zelensky")
    earlier = await figures_measuring(
        session, {"military_killed"}, before_article=second.article_id, limit=10
    )
    assert [(f.article_id, f.value) for f in earlier] == [(first.article_id, 1000)]
    everything = second.article_id + 1
    assert (
        await figures_measuring(session, {"civilians_killed"}, before_article=everything, limit=10)
        == []
    )


async def test_removal_returns_what_was_removed(session: AsyncSession) -> None:
    saved = await save_extracted(session, extracted=envoy_article(3), rules=IDENTITY_RULES)
    removed = await delete_article(session, article_id=saved.article_id)
    assert removed is not None
    assert (removed.title, removed.n_figures) == ("Round 3", 1)


async def test_concurrent_saves_of_articles_with_the_same_new_actors_add_each_actor_once(
    engine: AsyncEngine,
) -> None:
    sessions = make_session_factory(engine)
    saved: list[int] = []

    async def save(number: int) -> None:
        async with sessions.begin() as session:
            saved.append(
                (
                    await save_extracted(
                        session, extracted=envoy_article(number), rules=IDENTITY_RULES
                    )
                ).article_id
            )

    try:
        await asyncio.gather(*(save(n) for n in range(10, 16)))
        async with sessions() as session:
            names = list(await session.scalars(select(ActorRow.name).order_by(ActorRow.name)))
            articles = await session.scalar(select(func.count()).select_from(ArticleRow))
        assert names == ["Keith Kellogg", "Volodymyr Zelensky"]
        assert (len(saved), articles) == (6, 6)
    finally:
        # These saves committed; take them out so that other tests see an empty store.
        async with sessions.begin() as session:
            for article_id in saved:
                await delete_article(session, article_id=article_id)
