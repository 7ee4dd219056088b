"""Tests of storage.search_backends: each engine's count, match and candidates, on its own index."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from store_builders import save_article

from storage import delete_article
from storage.search_backends import POSTGRES, Term, backend_of
from storage.tables import SentenceRow

TRUCE: Term = (("truce",),)
RIYADH_TALKS: Term = (("riyadh", "talks"),)
NUMBER: Term = (("400000",), ("400", "000"))


async def test_count_counts_a_terms_sentences_up_to_the_cap(session: AsyncSession) -> None:
    await save_article(session, *(f"A truce was proposed on day {n}." for n in range(4)))
    backend = backend_of(session)
    assert await session.scalar(select(backend.count(TRUCE, 10))) == 4
    assert await session.scalar(select(backend.count(TRUCE, 2))) == 2


async def test_a_phrase_matches_its_words_in_order(session: AsyncSession) -> None:
    await save_article(session, "The Riyadh talks ended.", "Talks in Riyadh ended.")
    candidates = backend_of(session).candidates([RIYADH_TALKS], None, None)
    query = select(SentenceRow.text).select_from(candidates.source).where(candidates.where)
    assert list(await session.scalars(query)) == ["The Riyadh talks ended."]


async def test_a_phrase_is_counted_exactly_by_fts5_and_by_its_rarest_word_on_postgresql(
    session: AsyncSession,
) -> None:
    await save_article(session, "The Riyadh talks ended.", "Talks in Riyadh ended.", "Talks.")
    count = await session.scalar(select(backend_of(session).count(RIYADH_TALKS, 10)))
    # PostgreSQL keeps counts per word: "riyadh", the rarer, is in two sentences.
    assert count == (2 if backend_of(session) is POSTGRES else 1)


async def test_counts_follow_saved_and_removed_sentences(session: AsyncSession) -> None:
    first = await save_article(session, "A truce held.", "The truce broke.")
    await save_article(session, "Another truce.")
    backend = backend_of(session)
    assert await session.scalar(select(backend.count(TRUCE, 10))) == 3
    await delete_article(session, article_id=first)
    assert await session.scalar(select(backend.count(TRUCE, 10))) == 1


async def test_a_number_matches_as_written_with_separators(session: AsyncSession) -> None:
    await save_article(session, "Officials said 400,000 troops were massed.")
    assert await session.scalar(select(backend_of(session).count(NUMBER, 10))) == 1


async def test_candidates_hold_any_term_and_matched_counts_the_terms(
    session: AsyncSession,
) -> None:
    await save_article(
        session, "A truce was agreed after the Riyadh talks.", "A truce held.", "Nothing."
    )
    candidates = backend_of(session).candidates([TRUCE, RIYADH_TALKS], None, None)
    matched = candidates.matched([TRUCE, RIYADH_TALKS])
    query = (
        select(SentenceRow.text, matched)
        .select_from(candidates.source)
        .where(candidates.where)
        .order_by(SentenceRow.index)
    )
    rows = (await session.execute(query)).tuples().all()
    assert rows == [("A truce was agreed after the Riyadh talks.", 2), ("A truce held.", 1)]


async def test_a_window_keeps_only_the_newest_candidates(session: AsyncSession) -> None:
    await save_article(session, *(f"A truce was proposed on day {n}." for n in range(5)))
    newest = backend_of(session).newest([TRUCE], 2).subquery()
    since = await session.scalar(select(func.min(newest.c[0])))
    candidates = backend_of(session).candidates([TRUCE], 2, since)
    query = select(SentenceRow.index).select_from(candidates.source).where(candidates.where)
    assert sorted(await session.scalars(query)) == [3, 4]
