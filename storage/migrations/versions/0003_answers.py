"""Answers: each figure's measure and side measured, indexes for overviews, and paged commands.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add the figure columns, the overview indexes and the pagers table."""
    with op.batch_alter_table("figures") as batch:
        batch.add_column(sa.Column("measure", sa.String(40), nullable=True))
        batch.add_column(sa.Column("measured_side", sa.Text(), nullable=True))
    op.create_table(
        "pagers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("command", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pagers"),
    )
    op.create_index("ix_pagers_created_at", "pagers", ["created_at"])
    op.create_index(
        "ix_figures_measure_recent", "figures", ["measure", "measured_side", "article_id"]
    )
    op.create_index("ix_demands_party_recent", "demands", ["party_actor_id", "party", "article_id"])


def downgrade() -> None:
    """Drop the indexes, the pagers table and the figure columns."""
    op.drop_index("ix_demands_party_recent", table_name="demands")
    op.drop_index("ix_figures_measure_recent", table_name="figures")
    op.drop_index("ix_pagers_created_at", table_name="pagers")
    op.drop_table("pagers")
    with op.batch_alter_table("figures") as batch:
        batch.drop_column("measured_side")
        batch.drop_column("measure")
