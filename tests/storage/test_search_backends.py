"""Tests of storage.search_backends: each engine's count, match and candidates, on its own index,
the words given as bound values to statements built once per shape."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from store_builders import save_article

from storage import delete_article
from storage.search_backends import POSTGRES, Term, backend_of, shape_of
from storage.tables import SentenceRow

TRUCE: Term = (("truce",),)
RIYADH_TALKS: Term = (("riyadh", "talks"),)
NUMBER: Term = (("400000",), ("400", "000"))


async def count(session: AsyncSession, term: Term, cap: int) -> int | None:
    """How many sentences the backend counts for one term, up to cap."""
    backend = backend_of(session)
    values = {**backend.values([term], (0,)), "cap": cap}
    return await session.scalar(select(backend.count(0, len(term))), values)


def bound(session: AsyncSession, terms: Sequence[Term], **more: Any) -> dict[str, Any]:
    """The bound values of a search of some terms, all of them candidates."""
    return {**backend_of(session).values(terms, tuple(range(len(terms)))), **more}


async def test_count_counts_a_terms_sentences_up_to_the_cap(session: AsyncSession) -> None:
    await save_article(session, *(f"A truce was proposed on day {n}." for n in range(4)))
    assert await count(session, TRUCE, 10) == 4
    assert await count(session, TRUCE, 2) == 2


async def test_a_phrase_matches_its_words_in_order(session: AsyncSession) -> None:
    await save_article(session, "The Riyadh talks ended.", "Talks in Riyadh ended.")
    candidates = backend_of(session).candidates(shape_of([RIYADH_TALKS]), (0,), False)
    query = select(SentenceRow.text).select_from(candidates.source).where(candidates.where)
    texts = await session.scalars(query, bound(session, [RIYADH_TALKS]))
    assert list(texts) == ["The Riyadh talks ended."]


async def test_a_phrase_is_counted_exactly_by_fts5_and_by_its_rarest_word_on_postgresql(
    session: AsyncSession,
) -> None:
    await save_article(session, "The Riyadh talks ended.", "Talks in Riyadh ended.", "Talks.")
    # PostgreSQL keeps counts per word: "riyadh", the rarer, is in two sentences.
    expected = 2 if backend_of(session) is POSTGRES else 1
    assert await count(session, RIYADH_TALKS, 10) == expected


async def test_counts_follow_saved_and_removed_sentences(session: AsyncSession) -> None:
    first = await save_article(session, "A truce held.", "The truce broke.")
    await save_article(session, "Another truce.")
    assert await count(session, TRUCE, 10) == 3
    await delete_article(session, article_id=first)
    assert await count(session, TRUCE, 10) == 1


async def test_a_number_matches_as_written_with_separators(session: AsyncSession) -> None:
    await save_article(session, "Officials said 400,000 troops were massed.")
    assert await count(session, NUMBER, 10) == 1


async def test_candidates_hold_any_term_and_matched_counts_the_terms(
    session: AsyncSession,
) -> None:
    await save_article(
        session, "A truce was agreed after the Riyadh talks.", "A truce held.", "Nothing."
    )
    shape = shape_of([TRUCE, RIYADH_TALKS])
    candidates = backend_of(session).candidates(shape, (0, 1), False)
    query = (
        select(SentenceRow.text, candidates.matched(shape))
        .select_from(candidates.source)
        .where(candidates.where)
        .order_by(SentenceRow.index)
    )
    found = await session.execute(query, bound(session, [TRUCE, RIYADH_TALKS]))
    rows = found.tuples().all()
    assert rows == [("A truce was agreed after the Riyadh talks.", 2), ("A truce held.", 1)]


async def test_only_the_terms_at_the_candidate_positions_bring_in_sentences(
    session: AsyncSession,
) -> None:
    await save_article(session, "A truce held.", "The Riyadh talks ended.")
    backend = backend_of(session)
    shape = shape_of([TRUCE, RIYADH_TALKS])
    candidates = backend.candidates(shape, (1,), False)
    query = select(SentenceRow.text).select_from(candidates.source).where(candidates.where)
    values = backend.values([TRUCE, RIYADH_TALKS], (1,))
    assert list(await session.scalars(query, values)) == ["The Riyadh talks ended."]


async def test_a_window_keeps_only_the_newest_candidates(session: AsyncSession) -> None:
    await save_article(session, *(f"A truce was proposed on day {n}." for n in range(5)))
    backend = backend_of(session)
    newest = backend.newest(shape_of([TRUCE]), (0,)).subquery()
    values = bound(session, [TRUCE], window=2)
    since = await session.scalar(select(func.min(newest.c[0])), values)
    candidates = backend.candidates(shape_of([TRUCE]), (0,), True)
    query = select(SentenceRow.index).select_from(candidates.source).where(candidates.where)
    assert sorted(await session.scalars(query, {**values, "since": since})) == [3, 4]
