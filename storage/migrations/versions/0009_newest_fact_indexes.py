"""Indexes that read each list answer's newest facts by one seek, newest first.

An actor's figures, positions and quotes, a measure's figures and a side's quotes are read
newest first with a limit (storage.totals); these indexes give that order without a sort.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each index: its table and its columns, the last one the article, newest last.
INDEXES = {
    "ix_figures_measure_newest": ("figures", ["measure", "article_id"]),
    "ix_figures_claimant_newest": ("figures", ["claimant_actor_id", "article_id"]),
    "ix_figures_claimant_measure": ("figures", ["claimant_actor_id", "measure", "article_id"]),
    "ix_demands_actor_newest": ("demands", ["party_actor_id", "article_id"]),
    "ix_quotes_speaker_newest": ("quotes", ["speaker_actor_id", "article_id"]),
    "ix_quotes_side_newest": ("quotes", ["side", "article_id"]),
}


def upgrade() -> None:
    """Create the indexes."""
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    """Drop the indexes."""
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
