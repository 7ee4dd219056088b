"""Tests of storage.values_in: one array parameter on PostgreSQL, a JSON array on SQLite."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from store_builders import save_article
from test_bounded_reads import counting

from storage.engine import on_postgres
from storage.tables import SentenceRow
from storage.values_in import bound_list, bound_list_in, values_in


async def sentence_ids(session: AsyncSession) -> list[int]:
    """The stored sentences' ids, in order."""
    return list(await session.scalars(select(SentenceRow.id).order_by(SentenceRow.id)))


async def test_values_in_keeps_the_rows_whose_value_is_listed(session: AsyncSession) -> None:
    await save_article(session, "One.", "Two.", "Three.")
    ids = await sentence_ids(session)
    query = select(SentenceRow.text).where(values_in(session, SentenceRow.id, ids[1:]))
    assert sorted(await session.scalars(query)) == ["Three.", "Two."]
    nothing = select(SentenceRow.text).where(values_in(session, SentenceRow.id, []))
    assert list(await session.scalars(nothing)) == []


async def test_the_statement_text_does_not_grow_with_the_values(session: AsyncSession) -> None:
    dialect = session.get_bind().dialect
    few = select(SentenceRow.id).where(values_in(session, SentenceRow.id, [1, 2]))
    many = select(SentenceRow.id).where(values_in(session, SentenceRow.id, range(500)))
    # The SQL as sent (an IN list is written out per value only when it runs).
    async with counting(session) as counter:
        await session.execute(few)
        await session.execute(many)
    sent = [statement for statement, _ in counter.statements]
    assert len(sent) == 2
    assert sent[0] == sent[1]
    assert ("ANY" if dialect.name == "postgresql" else "json_each") in sent[0]


async def test_names_are_matched_as_written(session: AsyncSession) -> None:
    await save_article(session, "Don't.", 'Say "no".')
    texts = ["Don't.", 'Say "no".', "Other."]
    query = select(SentenceRow.text).where(values_in(session, SentenceRow.text, texts))
    assert sorted(await session.scalars(query)) == ["Don't.", 'Say "no".']


async def test_a_list_bound_later_keeps_the_rows_whose_value_is_listed(
    session: AsyncSession,
) -> None:
    await save_article(session, "One.", "Two.", "Three.")
    ids = await sentence_ids(session)
    as_array = on_postgres(session)
    built_once = select(SentenceRow.text).where(
        bound_list_in(SentenceRow.id, "ids", as_array=as_array)
    )

    async with counting(session) as counter:
        some = await session.scalars(built_once, {"ids": bound_list(ids[1:], as_array=as_array)})
        assert sorted(some) == ["Three.", "Two."]
        none = await session.scalars(built_once, {"ids": bound_list([], as_array=as_array)})
        assert list(none) == []

    [first, second] = [statement for statement, _ in counter.statements]
    assert first == second
