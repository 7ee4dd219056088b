"""Full-text search over sentences: FTS5 kept by triggers on SQLite, a tsvector on PostgreSQL.

SQLite: the external-content FTS5 table sentence_search indexes sentences.text by
sentences.id; triggers keep it in step, and they fire for the rows that deleting an article
cascades to as well. SQLite drops a table's triggers with the table, so a later batch
migration that recreates sentences must create these triggers again.
PostgreSQL: the generated column sentences.search_vector with a GIN index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEX_ROW = "INSERT INTO sentence_search(rowid, text) VALUES (new.id, new.text);"
# External content: FTS5 forgets a row only when told the text it indexed for it.
_FORGET_ROW = (
    "INSERT INTO sentence_search(sentence_search, rowid, text) VALUES ('delete', old.id, old.text);"
)

_SQLITE_TRIGGERS = {
    "sentence_search_insert": f"AFTER INSERT ON sentences BEGIN {_INDEX_ROW} END",
    "sentence_search_delete": f"AFTER DELETE ON sentences BEGIN {_FORGET_ROW} END",
    "sentence_search_update": f"AFTER UPDATE ON sentences BEGIN {_FORGET_ROW} {_INDEX_ROW} END",
}


def _upgrade_sqlite() -> None:
    """Create the FTS5 table, its triggers, and index the sentences already stored."""
    # Dropping the sentences table leaves this index behind; it is derived, so start afresh.
    op.execute("DROP TABLE IF EXISTS sentence_search")
    op.execute(
        "CREATE VIRTUAL TABLE sentence_search USING fts5("
        "text, content='sentences', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    for name, body in _SQLITE_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("INSERT INTO sentence_search(sentence_search) VALUES ('rebuild')")


def _upgrade_postgresql() -> None:
    """Add the generated tsvector column, which fills itself, and its GIN index."""
    vector = sa.Computed("to_tsvector('english', text)", persisted=True)
    op.add_column("sentences", sa.Column("search_vector", TSVECTOR(), vector, nullable=False))
    op.create_index(
        "ix_sentences_search_vector", "sentences", ["search_vector"], postgresql_using="gin"
    )


def upgrade() -> None:
    """Build the search index the database's engine offers."""
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
    else:
        _upgrade_sqlite()


def downgrade() -> None:
    """Drop the search index, its triggers or its column."""
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_sentences_search_vector", table_name="sentences")
        op.drop_column("sentences", "search_vector")
        return
    for name in _SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS sentence_search")
