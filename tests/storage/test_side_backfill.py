"""Tests of storage.side_backfill and demands_of_side: sides for rows stored before sides existed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from briefings.vocabulary.sides import actor_side
from storage import (
    create_engine,
    demands_of_side,
    downgrade,
    make_session_factory,
    upgrade_to_head,
)
from storage.side_backfill import fill_missing_sides, upgrade_filling_sides
from storage.tables import ActorRow, ArticleRow, DemandRow, SentenceRow


async def stored_without_sides(session: AsyncSession) -> None:
    """An article whose actors and demands have no side, as migration 0005 leaves them."""
    article = ArticleRow(title="t", source="s", content_hash="h" * 64, text="b")
    session.add(article)
    await session.flush()
    sentence = SentenceRow(article_id=article.id, index=0, start=0, end=1, text="b")
    putin = ActorRow(name="Vladimir Putin", kind="person", role=None)
    analyst = ActorRow(name="Jane Roe", kind="person", role="analyst")
    session.add_all([sentence, putin, analyst])
    await session.flush()
    where = {"article_id": article.id, "sentence_id": sentence.id, "start": 0, "end": 1}
    session.add_all(
        [
            DemandRow(**where, party="Putin", party_actor_id=putin.id, demand="a", kind="demand"),
            DemandRow(**where, party="Moscow", demand="b", kind="condition"),
            DemandRow(
                **where, party="Jane Roe", party_actor_id=analyst.id, demand="c", kind="call"
            ),
        ]
    )
    await session.flush()


async def test_missing_sides_are_filled_and_a_side_lists_its_parties(session: AsyncSession) -> None:
    await stored_without_sides(session)
    assert (await demands_of_side(session, side="Russia", limit=10)).rows == ()
    # Putin (known), his linked demand, and Moscow's; the analyst stays on no side.
    assert await fill_missing_sides(session, actor_side) == 3
    found = await demands_of_side(session, side="Russia", limit=10)
    assert [(d.party, d.demand, d.side) for d in found.rows] == [
        ("Vladimir Putin", "a", "Russia"),
        ("Moscow", "b", "Russia"),
    ]
    assert await fill_missing_sides(session, actor_side) == 0


async def test_an_older_store_gets_its_sides_in_the_upgrade_only(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'old.db'}")
    try:
        await upgrade_to_head(engine)
        async with make_session_factory(engine).begin() as session:
            await stored_without_sides(session)
        async with engine.begin() as connection:
            await downgrade(connection, revision="0004")
        calls: list[str] = []

        def counting_side(name: str, role: str | None) -> str | None:
            calls.append(name)
            return actor_side(name, role)

        await upgrade_filling_sides(engine, counting_side)
        async with make_session_factory(engine)() as session:
            found = await demands_of_side(session, side="Russia", limit=10)
        assert [d.party for d in found.rows] == ["Vladimir Putin", "Moscow"]
        filled = len(calls)
        await upgrade_filling_sides(engine, counting_side)
        assert filled > 0 and len(calls) == filled  # already at head: nothing to fill
    finally:
        await engine.dispose()
