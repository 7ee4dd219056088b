"""Answers: each figure's measure and side measured, and the pages of long replies.

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
    """Add the figure columns and the pagers table."""
    with op.batch_alter_table("figures") as batch:
        batch.add_column(sa.Column("measure", sa.String(40), nullable=True))
        batch.add_column(sa.Column("measured_side", sa.Text(), nullable=True))
    op.create_table(
        "pagers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("pages", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pagers"),
    )
    op.create_index("ix_pagers_created_at", "pagers", ["created_at"])


def downgrade() -> None:
    """Drop the pagers table and the figure columns."""
    op.drop_index("ix_pagers_created_at", table_name="pagers")
    op.drop_table("pagers")
    with op.batch_alter_table("figures") as batch:
        batch.drop_column("measured_side")
        batch.drop_column("measure")
