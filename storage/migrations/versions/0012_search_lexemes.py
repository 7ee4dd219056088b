"""PostgreSQL: how many sentences hold each search lexeme, kept by triggers on sentences.

A search first asks how many sentences hold each of its terms (storage.search). FTS5 answers
from its index on SQLite; on PostgreSQL counting read up to 501 rows per term (6-8 ms for a
question of three common words at 10,000 articles). The table `search_lexemes` keeps the count
per lexeme of sentences.search_vector instead: statement triggers add a saved batch of sentences
and take away a removed one, and this migration counts the sentences already stored.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The lexemes of some rows of sentences (a transition table), each with its sentences.
_COUNTED = (
    "SELECT lexeme, count(*) AS n FROM {rows}, "
    "unnest(tsvector_to_array({rows}.search_vector)) AS lexeme GROUP BY lexeme"
)
_ADD = (
    "INSERT INTO search_lexemes (lexeme, n_sentences) "
    + _COUNTED.format(rows="added")
    + " ON CONFLICT (lexeme) DO UPDATE"
    " SET n_sentences = search_lexemes.n_sentences + EXCLUDED.n_sentences;"
)
_TAKE_AWAY = (
    "UPDATE search_lexemes SET n_sentences = search_lexemes.n_sentences - gone.n FROM ("
    + _COUNTED.format(rows="removed")
    + ") AS gone WHERE search_lexemes.lexeme = gone.lexeme;"
)
_FUNCTION = f"""
CREATE FUNCTION count_search_lexemes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        {_TAKE_AWAY}
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        {_ADD}
    END IF;
    RETURN NULL;
END
$$
"""
_TRIGGERS = {
    "search_lexemes_insert": "AFTER INSERT ON sentences REFERENCING NEW TABLE AS added",
    "search_lexemes_delete": "AFTER DELETE ON sentences REFERENCING OLD TABLE AS removed",
    "search_lexemes_update": (
        "AFTER UPDATE ON sentences REFERENCING OLD TABLE AS removed NEW TABLE AS added"
    ),
}
_BACKFILL = "INSERT INTO search_lexemes (lexeme, n_sentences) " + _COUNTED.format(rows="sentences")


def upgrade() -> None:
    """Create the counts, their triggers, and count the stored sentences (PostgreSQL only)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    # Dropping the sentences table (as a reset does) leaves these behind; they are derived from
    # the sentences, so start afresh.
    op.execute("DROP TABLE IF EXISTS search_lexemes")
    op.execute("DROP FUNCTION IF EXISTS count_search_lexemes() CASCADE")
    op.execute(
        "CREATE TABLE search_lexemes (lexeme TEXT PRIMARY KEY, n_sentences INTEGER NOT NULL)"
    )
    op.execute(_FUNCTION)
    for name, when in _TRIGGERS.items():
        each = "FOR EACH STATEMENT EXECUTE FUNCTION count_search_lexemes()"
        op.execute(f"CREATE TRIGGER {name} {when} {each}")
    op.execute(_BACKFILL)


def downgrade() -> None:
    """Drop the triggers, their function and the counts."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON sentences")
    op.execute("DROP FUNCTION IF EXISTS count_search_lexemes()")
    op.execute("DROP TABLE IF EXISTS search_lexemes")
