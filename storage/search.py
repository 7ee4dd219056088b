"""Full-text search over stored sentences: FTS5 on SQLite, a tsvector column on PostgreSQL.

Migration 0002 builds the index. On SQLite it is the external-content FTS5 table
``sentence_search`` (porter stemming over unicode61), kept in step with ``sentences`` by
triggers; on PostgreSQL it is the generated column ``sentences.search_vector``
(``to_tsvector('english', text)``) with a GIN index. The models declare neither, since
neither exists on both backends; ``include_in_autogenerate`` keeps Alembic's comparison of
models and database from proposing to drop them.

Terms are sanitised here as well, so any string is safe: each term becomes a phrase of its
letter and digit runs, bound as a parameter (PostgreSQL) or quoted (FTS5), never as syntax.

The work of one search is bounded, whatever the size of the store. A first query counts the
sentences each term is in (counting stops past ``budget``). The candidates are then the
sentences holding the rarest terms, taken rarest first while their sentences add up to at
most ``budget``; commoner terms still count towards the rank of those candidates but bring in
no sentences of their own, as a word in a quarter of the store says little about a sentence.
When even the rarest term is in more than ``budget`` sentences, the candidates are the newest
``budget`` sentences that hold any term. Under the budget, the search is exhaustive.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Float,
    FromClause,
    Integer,
    Select,
    case,
    column,
    func,
    literal_column,
    select,
    table,
)
from sqlalchemy.dialects.postgresql import TSQUERY, TSVECTOR
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import ArticleRow, SentenceRow

SEARCH_TABLE = "sentence_search"
SEARCH_COLUMN = "search_vector"
SEARCH_INDEX = "ix_sentences_search_vector"
# Beyond this, more terms only slow the query down; query_terms gives at most 12.
MAX_TERMS = 32
# The most sentences one search ranks (see the module docstring).
SEARCH_BUDGET = 1000

# FTS5 keeps shadow tables beside the virtual table; external content means no _content.
_SEARCH_TABLES = frozenset(SEARCH_TABLE + s for s in ("", "_data", "_idx", "_docsize", "_config"))
_WORD = re.compile(r"[^\W_]+")
# PostgreSQL refuses to index words over 2047 bytes; no real word comes near this.
_MAX_WORD_CHARS = 100

_FTS = table(SEARCH_TABLE, column("rowid", Integer), column(SEARCH_TABLE))
_VECTOR = literal_column(f"sentences.{SEARCH_COLUMN}", TSVECTOR)
_ENGLISH: ColumnElement[str] = literal_column("'english'::regconfig")

# A term as the phrases that may stand for it, each phrase a sequence of words.
_Term = tuple[tuple[str, ...], ...]
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
    parsed = _parse_terms(terms)
    if not parsed:
        return []
    backend = _POSTGRES if session.get_bind().dialect.name == "postgresql" else _SQLITE
    counts = (await session.execute(_counts_query(backend, parsed, budget))).one()
    selective = _selective_terms(parsed, counts, budget)
    query = _ranked(
        backend.matched(parsed),
        backend.candidates(selective or parsed, None if selective else budget),
    )
    rows = await session.execute(query.limit(limit))
    return [_hit(*row) for row in rows.tuples()]


def include_in_autogenerate(
    name: str | None, type_: str, parent_names: Mapping[str, str | None]
) -> bool:
    """Alembic include_name hook: compare everything but the search index the models omit."""
    if type_ == "table":
        return name not in _SEARCH_TABLES
    if type_ == "column":
        return not (name == SEARCH_COLUMN and parent_names.get("table_name") == "sentences")
    return not (type_ == "index" and name == SEARCH_INDEX)


def _parse_terms(terms: Sequence[str]) -> list[_Term]:
    """The distinct terms that have any letters or digits, at most MAX_TERMS of them."""
    parsed: list[_Term] = []
    for term in terms:
        phrases = _phrases(term)
        if phrases and phrases not in parsed:
            parsed.append(phrases)
            if len(parsed) == MAX_TERMS:
                break
    return parsed


def _phrases(term: str) -> _Term:
    """The phrases a term stands for: its words, and a long number also in groups of three."""
    words = tuple(w for w in _WORD.findall(term.lower()) if len(w) <= _MAX_WORD_CHARS)
    if not words:
        return ()
    number = words[0]
    if len(words) == 1 and number.isdecimal() and len(number) > 3:
        # Articles write 400000 as 400,000, which both engines split into 400 and 000.
        head = len(number) % 3 or 3
        groups = (number[:head], *(number[i : i + 3] for i in range(head, len(number), 3)))
        return (words, groups)
    return (words,)


def _selective_terms(terms: Sequence[_Term], counts: Sequence[int], budget: int) -> list[_Term]:
    """The rarest terms whose sentences add up to at most budget; empty if even one is over."""
    chosen: list[_Term] = []
    total = 0
    for count, term in sorted(zip(counts, terms, strict=True), key=operator.itemgetter(0)):
        total += count
        if total > budget:
            break
        chosen.append(term)
    return chosen


def _counts_query(backend: _Backend, terms: Sequence[_Term], budget: int) -> Select[Any]:
    """One row: for each term, the sentences it is in, counted up to budget + 1."""
    return select(*(backend.count(term, budget + 1) for term in terms))


@dataclass(frozen=True)
class _Backend:
    """How one database engine matches, counts and ranks terms."""

    # A term's sentences counted up to a cap, as a scalar subquery.
    count: Callable[[_Term, int], ColumnElement[int]]
    # The number of terms each candidate holds.
    matched: Callable[[Sequence[_Term]], ColumnElement[int]]
    # The candidates holding any of the terms, only the newest `window` if given: the FROM
    # clause, the WHERE clause and the engine's relevance of each candidate.
    candidates: Callable[[Sequence[_Term], int | None], _Candidates]


@dataclass(frozen=True)
class _Candidates:
    """The sentences a search ranks: where to find them, which they are, how relevant each is."""

    source: FromClause
    where: ColumnElement[bool]
    relevance: ColumnElement[float]


def _sqlite_count(term: _Term, cap: int) -> ColumnElement[int]:
    """How many sentences hold the term, counted up to cap, from the FTS5 index."""
    own = _FTS.alias("counted")
    some = select(own.c.rowid).where(own.c[SEARCH_TABLE].match(_fts5(term))).limit(cap)
    return select(func.count()).select_from(some.subquery()).scalar_subquery()


def _sqlite_matched(terms: Sequence[_Term]) -> ColumnElement[int]:
    """How many of the terms the outer sentence holds; one index lookup per term."""
    return _count(_sqlite_contains(position, term) for position, term in enumerate(terms))


def _sqlite_contains(position: int, term: _Term) -> ColumnElement[int]:
    """1 if the outer sentence contains the term, else 0."""
    # An alias of its own, or the subquery would correlate to the outer FTS5 table.
    own = _FTS.alias(f"term_{position}")
    hits = select(own.c.rowid).where(own.c[SEARCH_TABLE].match(_fts5(term)))
    return case((SentenceRow.id.in_(hits), 1), else_=0)


def _sqlite_candidates(terms: Sequence[_Term], window: int | None) -> _Candidates:
    """Sentences the FTS5 index finds for any term, ranked by BM25."""
    query = " OR ".join(_fts5(term) for term in terms)
    where: ColumnElement[bool] = _FTS.c[SEARCH_TABLE].match(query)
    if window is not None:
        newest = _FTS.alias("newest")
        recent = (
            select(newest.c.rowid)
            .where(newest.c[SEARCH_TABLE].match(query))
            .order_by(newest.c.rowid.desc())
            .limit(window)
        )
        oldest = select(func.min(recent.subquery().c.rowid)).scalar_subquery()
        where = where & (_FTS.c.rowid >= oldest)
    source = _FTS.join(SentenceRow, SentenceRow.id == _FTS.c.rowid)
    return _Candidates(source, where, -func.bm25(_FTS.c[SEARCH_TABLE]))


def _fts5(term: _Term) -> str:
    """A term in FTS5 query syntax: each phrase double-quoted, so no word is read as syntax."""
    # Words hold only letters and digits, so none contains a quote to escape.
    phrases = [f'"{" ".join(words)}"' for words in term]
    return phrases[0] if len(phrases) == 1 else f"({' OR '.join(phrases)})"


def _postgres_count(term: _Term, cap: int) -> ColumnElement[int]:
    """How many sentences hold the term, counted up to cap, from the GIN index."""
    some = select(SentenceRow.id).where(_VECTOR.bool_op("@@")(_tsquery(term))).limit(cap)
    return select(func.count()).select_from(some.subquery()).scalar_subquery()


def _postgres_matched(terms: Sequence[_Term]) -> ColumnElement[int]:
    """How many of the terms the outer sentence holds, tested on its own tsvector."""
    return _count(case((_VECTOR.bool_op("@@")(_tsquery(t)), 1), else_=0) for t in terms)


def _postgres_candidates(terms: Sequence[_Term], window: int | None) -> _Candidates:
    """Sentences whose tsvector holds any term, ranked by cover density."""
    query = reduce(_either, (_tsquery(term) for term in terms))
    where: ColumnElement[bool] = _VECTOR.bool_op("@@")(query)
    if window is not None:
        recent = select(SentenceRow.id).where(where).order_by(SentenceRow.id.desc()).limit(window)
        oldest = select(func.min(recent.subquery().c.id)).scalar_subquery()
        where = where & (SentenceRow.id >= oldest)
    relevance = func.ts_rank_cd(_VECTOR, query, type_=Float)
    return _Candidates(SentenceRow.__table__, where, relevance)


def _tsquery(term: _Term) -> ColumnElement[str]:
    """A term as a tsquery built from bound parameters: its phrases, ORed."""
    return reduce(_either, (func.phraseto_tsquery(_ENGLISH, " ".join(p)) for p in term))


def _either(left: ColumnElement[str], right: ColumnElement[str]) -> ColumnElement[str]:
    """The OR of two tsqueries."""
    return left.op("||", return_type=TSQUERY)(right)


_SQLITE = _Backend(_sqlite_count, _sqlite_matched, _sqlite_candidates)
_POSTGRES = _Backend(_postgres_count, _postgres_matched, _postgres_candidates)


def _count(flags: Iterable[ColumnElement[int]]) -> ColumnElement[int]:
    """The sum of 0-or-1 expressions."""
    return reduce(operator.add, flags)


def _ranked(matched: ColumnElement[int], candidates: _Candidates) -> Select[_HitRow]:
    """The candidates, best first; ties go to the newest article, then sentence order."""
    # Labelled, so that ORDER BY names them instead of evaluating them again.
    matched_label = matched.label("matched_terms")
    relevance_label = candidates.relevance.label("relevance")
    return (
        select(
            SentenceRow.id,
            SentenceRow.article_id,
            SentenceRow.index,
            SentenceRow.text,
            matched_label,
            relevance_label,
        )
        .select_from(candidates.source)
        .join(ArticleRow, ArticleRow.id == SentenceRow.article_id)
        .where(candidates.where)
        .order_by(
            matched_label.desc(),
            relevance_label.desc(),
            ArticleRow.published.desc().nulls_last(),
            ArticleRow.id.desc(),
            SentenceRow.index,
        )
    )


def _hit(
    sentence_id: int, article_id: int, index: int, text: str, matched: int, relevance: float
) -> SentenceHit:
    """A result row as a plain record; relevance is squeezed into [0, 1) and added to the count."""
    relevance = max(float(relevance), 0.0)
    rank = matched + relevance / (1.0 + relevance)
    return SentenceHit(sentence_id, article_id, index, text, rank, matched)
