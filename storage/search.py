"""Full-text search over stored sentences: FTS5 on SQLite, a tsvector column on PostgreSQL.

Migration 0002 builds the index. On SQLite it is the external-content FTS5 table
``sentence_search`` (porter stemming over unicode61), kept in step with ``sentences`` by
triggers; on PostgreSQL it is the generated column ``sentences.search_vector``
(``to_tsvector('english', text)``) with a GIN index. The models declare neither, since
neither exists on both backends; ``include_in_autogenerate`` keeps Alembic's comparison of
models and database from proposing to drop them.

Terms are sanitised here as well, so any string is safe: each term becomes a phrase of its
letter and digit runs, bound as a parameter (PostgreSQL) or quoted (FTS5), never as syntax.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce

from sqlalchemy import (
    ColumnElement,
    Float,
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
    session: AsyncSession, terms: Sequence[str], *, limit: int = 20
) -> list[SentenceHit]:
    """Sentences containing any of the terms, best first; nothing, without a query, if no term."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    parsed = _parse_terms(terms)
    if not parsed:
        return []
    if session.get_bind().dialect.name == "postgresql":
        query = _postgres_query(parsed)
    else:
        query = _sqlite_query(parsed)
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


def _sqlite_query(terms: Sequence[_Term]) -> Select[_HitRow]:
    """The FTS5 query: any term matches, ranked by terms matched, then by BM25."""
    relevance = -func.bm25(_FTS.c[SEARCH_TABLE])
    matched = _count(_sqlite_contains(position, term) for position, term in enumerate(terms))
    where = _FTS.c[SEARCH_TABLE].match(" OR ".join(_fts5(term) for term in terms))
    return _ranked(matched, relevance, where, SentenceRow.id == _FTS.c.rowid)


def _sqlite_contains(position: int, term: _Term) -> ColumnElement[int]:
    """1 if the outer sentence contains the term, else 0; one index lookup per term."""
    # An alias of its own, or the subquery would correlate to the outer FTS5 table.
    own = _FTS.alias(f"term_{position}")
    hits = select(own.c.rowid).where(own.c[SEARCH_TABLE].match(_fts5(term)))
    return case((SentenceRow.id.in_(hits), 1), else_=0)


def _fts5(term: _Term) -> str:
    """A term in FTS5 query syntax: each phrase double-quoted, so no word is read as syntax."""
    # Words hold only letters and digits, so none contains a quote to escape.
    phrases = [f'"{" ".join(words)}"' for words in term]
    return phrases[0] if len(phrases) == 1 else f"({' OR '.join(phrases)})"


def _postgres_query(terms: Sequence[_Term]) -> Select[_HitRow]:
    """The tsvector query: any term matches, ranked by terms matched, then by ts_rank_cd."""
    query = reduce(_either, (_tsquery(term) for term in terms))
    relevance = func.ts_rank_cd(_VECTOR, query, type_=Float)
    matched = _count(case((_VECTOR.bool_op("@@")(_tsquery(t)), 1), else_=0) for t in terms)
    return _ranked(matched, relevance, _VECTOR.bool_op("@@")(query), None)


def _tsquery(term: _Term) -> ColumnElement[str]:
    """A term as a tsquery built from bound parameters: its phrases, ORed."""
    return reduce(_either, (func.phraseto_tsquery(_ENGLISH, " ".join(p)) for p in term))


def _either(left: ColumnElement[str], right: ColumnElement[str]) -> ColumnElement[str]:
    """The OR of two tsqueries."""
    return left.op("||", return_type=TSQUERY)(right)


def _count(flags: Iterable[ColumnElement[int]]) -> ColumnElement[int]:
    """The sum of 0-or-1 expressions."""
    return reduce(operator.add, flags)


def _ranked(
    matched: ColumnElement[int],
    relevance: ColumnElement[float],
    where: ColumnElement[bool],
    join_on: ColumnElement[bool] | None,
) -> Select[_HitRow]:
    """Matching sentences, best first; ties go to the newest article, then sentence order.

    join_on joins sentences to the FTS5 table on SQLite; PostgreSQL searches sentences itself.
    """
    # Labelled, so that ORDER BY names them instead of evaluating them again.
    matched_label = matched.label("matched_terms")
    relevance_label = relevance.label("relevance")
    query = select(
        SentenceRow.id,
        SentenceRow.article_id,
        SentenceRow.index,
        SentenceRow.text,
        matched_label,
        relevance_label,
    )
    if join_on is not None:
        query = query.select_from(_FTS).join(SentenceRow, join_on)
    return (
        query.join(ArticleRow, ArticleRow.id == SentenceRow.article_id)
        .where(where)
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
