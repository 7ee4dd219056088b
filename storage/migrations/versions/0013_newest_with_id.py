"""Newest-first indexes of figures and demands end with the row id, as their lists sort.

Lists of figures and demands read the newest rows by article, then by id, each descending
(storage.totals). SQLite's indexes end with the rowid, so they already gave that order; on
PostgreSQL each seek sorted its article's rows again, and for some measures the planner chose
to walk every figure by article instead (EXPLAIN ANALYZE of /figures killed at 10,000 articles).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each index: its table and its columns before this migration; it gains "id" at the end.
INDEXES = {
    "ix_figures_measure_recent": ("figures", ["measure", "measured_side", "article_id"]),
    "ix_figures_measure_newest": ("figures", ["measure", "article_id"]),
    "ix_figures_claimant_newest": ("figures", ["claimant_actor_id", "article_id"]),
    "ix_figures_claimant_measure": ("figures", ["claimant_actor_id", "measure", "article_id"]),
    "ix_demands_party_recent": ("demands", ["party_actor_id", "party", "article_id"]),
    "ix_demands_side_recent": ("demands", ["side", "article_id"]),
    "ix_demands_actor_newest": ("demands", ["party_actor_id", "article_id"]),
}


def upgrade() -> None:
    """Rebuild each index with the id last."""
    for name, (table, columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, [*columns, "id"])


def downgrade() -> None:
    """Rebuild each index without the id."""
    for name, (table, columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns)
