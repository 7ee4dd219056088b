"""How each database engine searches sentences: FTS5 on SQLite, a tsvector on PostgreSQL.

Migration 0002 builds the index. On SQLite it is the external-content FTS5 table
``sentence_search`` (porter stemming over unicode61), kept in step with ``sentences`` by
triggers; on PostgreSQL it is the generated column ``sentences.search_vector``
(``to_tsvector('english', text)``) with a GIN index, and (migration 0012) the table
``search_lexemes`` of how many sentences hold each lexeme, kept by triggers. The models declare
none of these, since none exists on both backends (see storage.search.include_in_autogenerate).

A term's words hold only letters and digits (storage.search makes them so); they are bound as
parameters (PostgreSQL) or quoted (FTS5), never read as query syntax.
"""

from __future__ import annotations

import operator
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import reduce
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    FromClause,
    Integer,
    Select,
    Text,
    case,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.ext.asyncio import AsyncSession

from storage.engine import on_postgres
from storage.search_terms import SEARCH_BUDGET, Term, parse_terms
from storage.tables import SentenceRow

SEARCH_TABLE = "sentence_search"
SEARCH_COLUMN = "search_vector"
# PostgreSQL: how many sentences hold each lexeme, kept by triggers (migration 0012).
LEXEME_TABLE = "search_lexemes"

_FTS = table(SEARCH_TABLE, column("rowid", Integer), column(SEARCH_TABLE))
_LEXEMES = table(LEXEME_TABLE, column("lexeme", Text), column("n_sentences", Integer))
_VECTOR = literal_column(f"sentences.{SEARCH_COLUMN}", TSVECTOR)
_ENGLISH: ColumnElement[str] = literal_column("'english'::regconfig")


@dataclass(frozen=True)
class Backend:
    """How one database engine matches, counts and ranks terms."""

    # A term's sentences counted up to a cap, as a scalar subquery.
    count: Callable[[Term, int], ColumnElement[int]]
    # The candidates holding any of the terms, only the newest `window` of them if given: the
    # FROM clause, the WHERE clause, the engine's relevance of each candidate, and how to test
    # whether one holds a term. An engine that reads the window first (reads_window_first) is
    # given the oldest sentence id of the window as `since` as well.
    candidates: Callable[[Sequence[Term], int | None, int | None], Candidates]
    # The ids of the newest `limit` sentences holding any of the terms.
    newest: Callable[[Sequence[Term], int], Select[Any]]
    # Whether a window's bound is best read by a statement of its own, before the candidates.
    reads_window_first: bool


@dataclass(frozen=True)
class Candidates:
    """The sentences a search ranks: where to find them, which they are, how relevant each is,
    and whether each holds a term (1 or 0; given the term's position among the searched)."""

    source: FromClause
    where: ColumnElement[bool]
    relevance: ColumnElement[float]
    holds: Callable[[int, Term], ColumnElement[int]]

    def matched(self, terms: Sequence[Term]) -> ColumnElement[int]:
        """How many of the terms each candidate holds."""
        return _count(self.holds(position, term) for position, term in enumerate(terms))


def _sqlite_count(term: Term, cap: int) -> ColumnElement[int]:
    """How many sentences hold the term, counted up to cap, from the FTS5 index."""
    own = _FTS.alias("counted")
    some = select(own.c.rowid).where(own.c[SEARCH_TABLE].match(_fts5(term))).limit(cap)
    return select(func.count()).select_from(some.subquery()).scalar_subquery()


def _sqlite_candidates(terms: Sequence[Term], _window: int | None, since: int | None) -> Candidates:
    """Sentences the FTS5 index finds for any term, ranked by BM25; from `since` on if given
    (the window's bound, read first: as a subquery, SQLite ran it again for every term tested)."""
    query = " OR ".join(_fts5(term) for term in terms)
    where: ColumnElement[bool] = _FTS.c[SEARCH_TABLE].match(query)
    if since is not None:
        where = where & (_FTS.c.rowid >= since)

    def holds(position: int, term: Term) -> ColumnElement[int]:
        """1 if the outer candidate holds the term: one list per term of the candidates that
        hold it, found by FTS5 within the candidates' own query and window, so a common term
        lists only the candidates, not every sentence it is in."""
        # An alias of its own, or the subquery would correlate to the outer FTS5 table.
        own = _FTS.alias(f"term_{position}")
        within = f"({_fts5(term)}) AND ({query})"
        hits = select(own.c.rowid).where(own.c[SEARCH_TABLE].match(within))
        if since is not None:
            hits = hits.where(own.c.rowid >= since)
        return case((SentenceRow.id.in_(hits), 1), else_=0)

    source = _FTS.join(SentenceRow, SentenceRow.id == _FTS.c.rowid)
    return Candidates(source, where, -func.bm25(_FTS.c[SEARCH_TABLE]), holds)


def _sqlite_newest(terms: Sequence[Term], limit: int) -> Select[Any]:
    """The newest sentences the FTS5 index finds for any term, read newest first."""
    query = " OR ".join(_fts5(term) for term in terms)
    found = _FTS.alias("holding")
    where = found.c[SEARCH_TABLE].match(query)
    return select(found.c.rowid).where(where).order_by(found.c.rowid.desc()).limit(limit)


def _fts5(term: Term) -> str:
    """A term in FTS5 query syntax: each phrase double-quoted, so no word is read as syntax."""
    # Words hold only letters and digits, so none contains a quote to escape.
    phrases = [f'"{" ".join(words)}"' for words in term]
    return phrases[0] if len(phrases) == 1 else f"({' OR '.join(phrases)})"


def _postgres_count(term: Term, cap: int) -> ColumnElement[int]:
    """How many sentences may hold the term, from the kept count of each lexeme, up to cap.

    Exact for a word; for a phrase, its rarest word's count; for words or phrases, their sum:
    never fewer than hold the term, so a term found rare is rare.
    """
    phrases = [_phrase_count(" ".join(words)) for words in term]
    return func.least(reduce(operator.add, phrases), cap)


def _phrase_count(words: str) -> ColumnElement[int]:
    """How many sentences hold the rarest lexeme of some words (0 for none, or stop words only)."""
    vector = func.to_tsvector(_ENGLISH, words)
    lexeme = func.unnest(func.tsvector_to_array(vector)).table_valued("lexeme").render_derived()
    kept = func.coalesce(_LEXEMES.c.n_sentences, 0)
    rarest = select(func.min(kept)).select_from(
        lexeme.outerjoin(_LEXEMES, _LEXEMES.c.lexeme == lexeme.c.lexeme)
    )
    return func.coalesce(rarest.scalar_subquery(), 0)


def _postgres_candidates(
    terms: Sequence[Term], window: int | None, _since: int | None
) -> Candidates:
    """Sentences whose tsvector holds any term, ranked by cover density; the newest `window` of
    them if given, found by the same statement (one walk of the newest sentences)."""
    query = _any_term(terms)
    where: ColumnElement[bool] = _VECTOR.bool_op("@@")(query)
    if window is not None:
        where = SentenceRow.id.in_(_postgres_newest(terms, window))
    relevance = func.ts_rank_cd(_VECTOR, query, type_=Float)
    return Candidates(SentenceRow.__table__, where, relevance, _postgres_holds)


def _postgres_holds(_position: int, term: Term) -> ColumnElement[int]:
    """1 if the outer sentence holds the term, tested on its own tsvector."""
    return case((_VECTOR.bool_op("@@")(_tsquery(term)), 1), else_=0)


def _postgres_newest(terms: Sequence[Term], limit: int) -> Select[Any]:
    """The newest sentences whose tsvector holds any term."""
    where = _VECTOR.bool_op("@@")(_any_term(terms))
    return select(SentenceRow.id).where(where).order_by(SentenceRow.id.desc()).limit(limit)


def _any_term(terms: Sequence[Term]) -> ColumnElement[str]:
    """A tsquery matching any of the terms."""
    return reduce(_either, (_tsquery(term) for term in terms))


def _tsquery(term: Term) -> ColumnElement[str]:
    """A term as a tsquery built from bound parameters: its phrases, ORed."""
    return reduce(_either, (func.phraseto_tsquery(_ENGLISH, " ".join(p)) for p in term))


def _either(left: ColumnElement[str], right: ColumnElement[str]) -> ColumnElement[str]:
    """The OR of two tsqueries."""
    return left.op("||", return_type=TSQUERY)(right)


SQLITE = Backend(_sqlite_count, _sqlite_candidates, _sqlite_newest, reads_window_first=True)
POSTGRES = Backend(
    _postgres_count, _postgres_candidates, _postgres_newest, reads_window_first=False
)


def backend_of(session: AsyncSession) -> Backend:
    """The backend of the session's store."""
    return POSTGRES if on_postgres(session) else SQLITE


def _count(flags: Iterable[ColumnElement[int]]) -> ColumnElement[int]:
    """The sum of 0-or-1 expressions."""
    return reduce(operator.add, flags)


@asynccontextmanager
async def planned_for_the_words(session: AsyncSession) -> AsyncIterator[None]:
    """On PostgreSQL, plan the statements run meanwhile for their own values.

    Statements are prepared once and run with new values (asyncpg's statement cache); after
    five runs PostgreSQL may keep one plan for any values. For the ranking of a search's newest
    candidates that plan took 25-45 ms against 8-11 ms planned for the words
    (bench/search_plans.py at 10,000 articles). The setting ends with the block (and with the
    transaction, should the block fail).
    """
    if not on_postgres(session):
        yield
        return
    await session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    yield
    await session.execute(text("SET LOCAL plan_cache_mode TO DEFAULT"))


async def sentences_holding(
    session: AsyncSession, words: Sequence[str], *, budget: int = SEARCH_BUDGET
) -> list[int] | None:
    """The ids of the newest `budget` sentences that hold any of some words (one index walk,
    newest first); None when no word has letters or digits.

    Read first and bound as values, so that a query over facts seeks their sentences by id:
    given the search as a subquery, PostgreSQL chose to scan every fact row instead.
    """
    parsed = parse_terms(words)
    if not parsed:
        return None
    return list(await session.scalars(backend_of(session).newest(parsed, budget)))
