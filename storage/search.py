"""Full-text search over stored sentences: terms sanitised, candidates bounded, hits ranked.

The index is FTS5 on SQLite and a tsvector column on PostgreSQL (see storage.search_backends);
``include_in_autogenerate`` keeps Alembic's comparison of models and database from proposing
to drop it. Terms are sanitised here, so any string is safe: each term becomes a phrase of its
letter and digit runs.

The work of one search is bounded, whatever the size of the store. A first query counts the
sentences each term is in (counting stops past ``budget``; FTS5 counts from its index, and
PostgreSQL reads the count kept for each word, using a phrase's rarest word, so a phrase may
count more than it holds but never fewer). The candidates are then the
sentences holding the rarest terms, taken rarest first while their sentences add up to at
most ``budget``; commoner terms still count towards the rank of those candidates but bring in
no sentences of their own, as a word in a quarter of the store says little about a sentence.
When even the rarest term is in more than ``budget`` sentences, the candidates are the newest
``budget`` sentences that hold any term. Under the budget, the search is exhaustive.
"""

from __future__ import annotations

import operator
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, bindparam, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.engine import on_postgres
from storage.labelled import record_from
from storage.search_backends import (
    LEXEME_TABLE,
    SEARCH_COLUMN,
    SEARCH_TABLE,
    Backend,
    Candidates,
    Shape,
    backend_of,
    newest_query,
    shape_of,
)
from storage.search_terms import SEARCH_BUDGET, parse_terms
from storage.tables import ArticleRow, SentenceRow

SEARCH_INDEX = "ix_sentences_search_vector"

# FTS5 keeps shadow tables beside the virtual table; external content means no _content.
_SEARCH_TABLES = frozenset(
    {*(SEARCH_TABLE + s for s in ("", "_data", "_idx", "_docsize", "_config")), LEXEME_TABLE}
)

_HitRow = tuple[int, int, int, str, int, float]


@dataclass(frozen=True)
class SentenceHit:
    """A sentence that matched a search: where it is, its text, its rank and terms matched.

    ``rank`` is higher for better hits and comparable within one result list: it is the
    number of terms matched plus the engine's relevance (BM25 on SQLite, cover density on
    PostgreSQL) squeezed into [0, 1). ``matched_terms`` counts the distinct sanitised terms
    the engine finds in the sentence, with its stemming (so "killed" matches "killing").
    """

    sentence_id: int
    article_id: int
    sentence_index: int
    text: str
    rank: float
    matched_terms: int


async def search_sentences(
    session: AsyncSession, terms: Sequence[str], *, limit: int = 20, budget: int = SEARCH_BUDGET
) -> list[SentenceHit]:
    """Sentences containing any of the terms, best first; nothing, without a query, if no term.

    At most ``budget`` sentences are ranked: those holding the rarest terms, or, when every
    term is common, the newest that hold any (see the module docstring).
    """
    if limit < 1 or budget < 1:
        raise ValueError(f"limit and budget must be at least 1, not {limit} and {budget}")
    parsed = parse_terms(terms)
    if not parsed:
        return []
    backend, shape = backend_of(session), shape_of(parsed)
    everyone = tuple(range(len(parsed)))
    words = backend.values(parsed, everyone)
    counts = (
        await session.execute(_counts_query(backend, shape), {**words, "cap": budget + 1})
    ).one()
    selective = _selective_terms(counts, budget)
    positions = selective or everyone
    if positions != everyone:  # the candidates' words differ (FTS5's query of them)
        words = backend.values(parsed, positions)
    values = {**words, "window": budget, "since": None}
    windowed = not selective
    if windowed and backend.reads_window_first:
        newest = newest_query(backend, shape, positions).subquery()
        values["since"] = await session.scalar(select(func.min(newest.c[0])), values)
    query = _ranking(backend, shape, positions, windowed)
    async with planned_for_the_words(session):
        rows = (await session.execute(query, {**values, "limit": limit})).all()
    return [record_from(_hit, row) for row in rows]


@asynccontextmanager
async def planned_for_the_words(session: AsyncSession) -> AsyncIterator[None]:
    """On PostgreSQL, plan the statements run meanwhile for their own values.

    Statements are prepared once and run with new values (asyncpg's statement cache); after
    five runs PostgreSQL may keep one plan for any values. For a search's ranking that plan
    took 17-44 ms (median) against 8.5-9.0 ms planned for the words, for three sets of words
    (bench/search_plans.py at 10,000 articles). The setting is the session's, reset after the
    block: answers read in autocommit, with no transaction to end a SET LOCAL.
    """
    if not on_postgres(session):
        yield
        return
    await session.execute(text("SET plan_cache_mode = force_custom_plan"))
    try:
        yield
    finally:
        # After a failure inside a transaction, RESET fails too, and the rollback undoes the SET.
        with suppress(SQLAlchemyError):
            await session.execute(text("RESET plan_cache_mode"))


def include_in_autogenerate(
    name: str | None, type_: str, parent_names: Mapping[str, str | None]
) -> bool:
    """Alembic include_name hook: compare everything but the search index the models omit."""
    if type_ == "table":
        return name not in _SEARCH_TABLES
    if type_ == "column":
        return not (name == SEARCH_COLUMN and parent_names.get("table_name") == "sentences")
    return not (type_ == "index" and name == SEARCH_INDEX)


def _selective_terms(counts: Sequence[int], budget: int) -> tuple[int, ...]:
    """The positions of the rarest terms whose sentences add up to at most budget; empty if
    even one is over."""
    chosen: list[int] = []
    total = 0
    for position, count in sorted(enumerate(counts), key=operator.itemgetter(1)):
        total += count
        if total > budget:
            break
        chosen.append(position)
    return tuple(sorted(chosen))


@lru_cache(maxsize=256)
def _counts_query(backend: Backend, shape: Shape) -> Select[Any]:
    """One row: for each term, the sentences it is in, counted up to `cap`; built once per shape."""
    return select(*(backend.count(position, phrases) for position, phrases in enumerate(shape)))


@lru_cache(maxsize=256)
def _ranking(
    backend: Backend, shape: Shape, positions: tuple[int, ...], windowed: bool
) -> Select[_HitRow]:
    """The best `limit` candidates of the terms at some positions, by how many of all the
    terms they hold; built once per shape, candidates and window."""
    candidates = backend.candidates(shape, positions, windowed)
    return _ranked(candidates.matched(shape), candidates).limit(bindparam("limit", type_=Integer))


# Each candidate's article date, by a primary-key seek: joined, PostgreSQL hashed every article
# (its estimate of the candidates was thousands, so a seek each looked dearer than a scan).
_PUBLISHED = (
    select(ArticleRow.published)
    .where(ArticleRow.id == SentenceRow.article_id)
    .correlate(SentenceRow)
    .scalar_subquery()
)


def _ranked(matched: ColumnElement[int], candidates: Candidates) -> Select[_HitRow]:
    """The candidates, best first, labelled as _hit's arguments; ties go to the newest article,
    then sentence order."""
    # Labelled also so that ORDER BY names them instead of evaluating them again.
    matched_label = matched.label("matched_terms")
    relevance_label = candidates.relevance.label("relevance")
    return (
        select(
            SentenceRow.id.label("sentence_id"),
            SentenceRow.article_id,
            SentenceRow.index.label("sentence_index"),
            SentenceRow.text,
            matched_label,
            relevance_label,
        )
        .select_from(candidates.source)
        .where(candidates.where)
        .order_by(
            matched_label.desc(),
            relevance_label.desc(),
            _PUBLISHED.desc().nulls_last(),
            SentenceRow.article_id.desc(),
            SentenceRow.index,
        )
    )


def _hit(
    *,
    sentence_id: int,
    article_id: int,
    sentence_index: int,
    text: str,
    matched_terms: int,
    relevance: float,
) -> SentenceHit:
    """A result row as a plain record; relevance is squeezed into [0, 1) and added to the count."""
    relevance = max(float(relevance), 0.0)
    rank = matched_terms + relevance / (1.0 + relevance)
    return SentenceHit(sentence_id, article_id, sentence_index, text, rank, matched_terms)
