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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, reduce
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    FromClause,
    Integer,
    Select,
    Text,
    bindparam,
    case,
    column,
    func,
    literal_column,
    select,
    table,
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


# A search's statements are built once per shape and given its words as bound values: the
# shape is the number of phrases of each term (`shape_of`), a term is named by its position.
# Building and keying the statements anew took about 2 ms a search.
Shape = tuple[int, ...]


def shape_of(terms: Sequence[Term]) -> Shape:
    """The number of phrases of each term: all a search's statements depend on but its words."""
    return tuple(len(term) for term in terms)


@dataclass(frozen=True)
class Backend:
    """How one database engine matches, counts and ranks terms, in statements whose words are
    bound values (`values` gives them) and whose bounds are bound as `cap`, `window`, `since`."""

    # Term `position`'s sentences (of `phrases` phrases) counted up to `cap`, a scalar subquery.
    count: Callable[[int, int], ColumnElement[int]]
    # The candidates holding any of the terms at some positions (of a search of some shape),
    # only the newest `window` if windowed: the FROM clause, the WHERE clause, the engine's
    # relevance of each candidate, and how to test whether one holds a term. An engine that
    # reads the window first (reads_window_first) bounds it by the oldest id given as `since`.
    candidates: Callable[[Shape, Sequence[int], bool], Candidates]
    # The ids of the newest `window` sentences holding any of the terms at some positions.
    newest: Callable[[Shape, Sequence[int]], Select[Any]]
    # The bound values of a search's terms, the candidates being those at some positions.
    values: Callable[[Sequence[Term], Sequence[int]], dict[str, Any]]
    # Whether a window's bound is best read by a statement of its own, before the candidates.
    reads_window_first: bool


@dataclass(frozen=True)
class Candidates:
    """The sentences a search ranks: where to find them, which they are, how relevant each is,
    and whether each holds a term (1 or 0; given the term's position and phrases)."""

    source: FromClause
    where: ColumnElement[bool]
    relevance: ColumnElement[float]
    holds: Callable[[int, int], ColumnElement[int]]

    def matched(self, shape: Shape) -> ColumnElement[int]:
        """How many of a search's terms each candidate holds."""
        return _count(self.holds(position, phrases) for position, phrases in enumerate(shape))


_CAP = bindparam("cap", type_=Integer)
_WINDOW = bindparam("window", type_=Integer)
_SINCE = bindparam("since", type_=Integer)


def _sqlite_count(position: int, _phrases: int) -> ColumnElement[int]:
    """How many sentences hold the term, counted up to cap, from the FTS5 index."""
    own = _FTS.alias("counted")
    term = bindparam(f"term_{position}", type_=Text)
    some = select(own.c.rowid).where(own.c[SEARCH_TABLE].match(term)).limit(_CAP)
    return select(func.count()).select_from(some.subquery()).scalar_subquery()


def _sqlite_candidates(_shape: Shape, _positions: Sequence[int], windowed: bool) -> Candidates:
    """Sentences the FTS5 index finds for any of the terms (bound as `any_term`), ranked by
    BM25; from `since` on if windowed (the window's bound, read first: as a subquery, SQLite
    ran it again for every term tested).

    In a window every term is common, and BM25 would weigh each by reading every sentence that
    holds it, in the whole store (FTS5 counts them on each query: 1.2 ms of a 2.6 ms ranking
    for "leaders" or "meet" at 10,000 articles, 0.3 ms at 100). A window's candidates are
    instead ranked as BM25 ranks them when the terms weigh alike and each is held once, which
    is what sentences mostly hold: the shorter first. PostgreSQL's ts_rank_cd weighs no term by
    its rarity either."""
    where: ColumnElement[bool] = _FTS.c[SEARCH_TABLE].match(bindparam("any_term", type_=Text))
    if windowed:
        where = where & (_FTS.c.rowid >= _SINCE)

    def holds(position: int, _phrases: int) -> ColumnElement[int]:
        """1 if the outer candidate holds the term: one list per term of the candidates that
        hold it, so a common term lists only the candidates, not every sentence it is in.
        Found by FTS5 within the candidates' own query or, in a window (where every term
        brings in candidates), by the term alone from the window's bound: the same list,
        0.3-0.9 ms sooner for 500 candidates."""
        # An alias of its own, or the subquery would correlate to the outer FTS5 table.
        own = _FTS.alias(f"term_{position}")
        query = bindparam(f"term_{position}" if windowed else f"within_{position}", type_=Text)
        hits = select(own.c.rowid).where(own.c[SEARCH_TABLE].match(query))
        if windowed:
            hits = hits.where(own.c.rowid >= _SINCE)
        return case((SentenceRow.id.in_(hits), 1), else_=0)

    source = _FTS.join(SentenceRow, SentenceRow.id == _FTS.c.rowid)
    relevance = -func.length(SentenceRow.text) if windowed else -func.bm25(_FTS.c[SEARCH_TABLE])
    return Candidates(source, where, relevance, holds)


def _sqlite_newest(_shape: Shape, _positions: Sequence[int]) -> Select[Any]:
    """The newest sentences the FTS5 index finds for any of the terms, read newest first."""
    found = _FTS.alias("holding")
    where = found.c[SEARCH_TABLE].match(bindparam("any_term", type_=Text))
    return select(found.c.rowid).where(where).order_by(found.c.rowid.desc()).limit(_WINDOW)


def _sqlite_values(terms: Sequence[Term], positions: Sequence[int]) -> dict[str, Any]:
    """Each term, the candidates' terms, and each term within them, in FTS5 query syntax."""
    each = {f"term_{n}": _fts5(term) for n, term in enumerate(terms)}
    any_term = " OR ".join(each[f"term_{n}"] for n in positions)
    within = {f"within_{n}": f"({each[f'term_{n}']}) AND ({any_term})" for n in range(len(terms))}
    return {**each, **within, "any_term": any_term}


def _fts5(term: Term) -> str:
    """A term in FTS5 query syntax: each phrase double-quoted, so no word is read as syntax."""
    # Words hold only letters and digits, so none contains a quote to escape.
    phrases = [f'"{" ".join(words)}"' for words in term]
    return phrases[0] if len(phrases) == 1 else f"({' OR '.join(phrases)})"


def _postgres_count(position: int, phrases: int) -> ColumnElement[int]:
    """How many sentences may hold the term, from the kept count of each lexeme, up to cap.

    Exact for a word; for a phrase, its rarest word's count; for words or phrases, their sum:
    never fewer than hold the term, so a term found rare is rare.
    """
    counts = [_phrase_count(_phrase(position, n)) for n in range(phrases)]
    return func.least(reduce(operator.add, counts), _CAP)


def _phrase_count(words: ColumnElement[str]) -> ColumnElement[int]:
    """How many sentences hold the rarest lexeme of some words (0 for none, or stop words only)."""
    vector = func.to_tsvector(_ENGLISH, words)
    lexeme = func.unnest(func.tsvector_to_array(vector)).table_valued("lexeme").render_derived()
    kept = func.coalesce(_LEXEMES.c.n_sentences, 0)
    rarest = select(func.min(kept)).select_from(
        lexeme.outerjoin(_LEXEMES, _LEXEMES.c.lexeme == lexeme.c.lexeme)
    )
    return func.coalesce(rarest.scalar_subquery(), 0)


def _postgres_candidates(shape: Shape, positions: Sequence[int], windowed: bool) -> Candidates:
    """Sentences whose tsvector holds any of the terms, ranked by cover density; the newest
    `window` of them if windowed, found by the same statement (one walk of the newest)."""
    query = _any_term(shape, positions)
    where = _VECTOR.bool_op("@@")(query)
    if windowed:
        where = SentenceRow.id.in_(_postgres_newest(shape, positions))
    relevance = func.ts_rank_cd(_VECTOR, query, type_=Float)
    return Candidates(SentenceRow.__table__, where, relevance, _postgres_holds)


def _postgres_holds(position: int, phrases: int) -> ColumnElement[int]:
    """1 if the outer sentence holds the term, tested on its own tsvector."""
    return case((_VECTOR.bool_op("@@")(_tsquery(position, phrases)), 1), else_=0)


def _postgres_newest(shape: Shape, positions: Sequence[int]) -> Select[Any]:
    """The newest sentences whose tsvector holds any of the terms."""
    where = _VECTOR.bool_op("@@")(_any_term(shape, positions))
    return select(SentenceRow.id).where(where).order_by(SentenceRow.id.desc()).limit(_WINDOW)


def _postgres_values(terms: Sequence[Term], _positions: Sequence[int]) -> dict[str, Any]:
    """Each phrase of each term as its words (phraseto_tsquery reads them)."""
    return {
        f"phrase_{n}_{k}": " ".join(words)
        for n, term in enumerate(terms)
        for k, words in enumerate(term)
    }


def _phrase(position: int, index: int) -> ColumnElement[str]:
    """The words of phrase `index` of the term at `position`, a bound value."""
    return bindparam(f"phrase_{position}_{index}", type_=Text)


def _any_term(shape: Shape, positions: Sequence[int]) -> ColumnElement[str]:
    """A tsquery matching any of the terms at some positions."""
    return reduce(_either, (_tsquery(n, shape[n]) for n in positions))


def _tsquery(position: int, phrases: int) -> ColumnElement[str]:
    """A term as a tsquery of its bound phrases, ORed."""
    return reduce(
        _either, (func.phraseto_tsquery(_ENGLISH, _phrase(position, n)) for n in range(phrases))
    )


def _either(left: ColumnElement[str], right: ColumnElement[str]) -> ColumnElement[str]:
    """The OR of two tsqueries."""
    return left.op("||", return_type=TSQUERY)(right)


SQLITE = Backend(
    _sqlite_count, _sqlite_candidates, _sqlite_newest, _sqlite_values, reads_window_first=True
)
POSTGRES = Backend(
    _postgres_count,
    _postgres_candidates,
    _postgres_newest,
    _postgres_values,
    reads_window_first=False,
)


def backend_of(session: AsyncSession) -> Backend:
    """The backend of the session's store."""
    return POSTGRES if on_postgres(session) else SQLITE


def _count(flags: Iterable[ColumnElement[int]]) -> ColumnElement[int]:
    """The sum of 0-or-1 expressions."""
    return reduce(operator.add, flags)


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
    backend = backend_of(session)
    everyone = tuple(range(len(parsed)))
    query = newest_query(backend, shape_of(parsed), everyone)
    values = {**backend.values(parsed, everyone), "window": budget}
    # Fetched at once: iterated, the result fetched its up to `budget` rows one call each.
    return list((await session.scalars(query, values)).all())


@lru_cache(maxsize=256)
def newest_query(backend: Backend, shape: Shape, positions: tuple[int, ...]) -> Select[Any]:
    """The newest `window` sentences holding any of the terms at some positions; built once
    per shape."""
    return backend.newest(shape, positions)
