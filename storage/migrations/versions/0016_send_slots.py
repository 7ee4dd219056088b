"""The shared send budget: the next instant each key may send, one row per key.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the send_slots table (UNLOGGED on PostgreSQL)."""
    op.create_table(
        "send_slots",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("next_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
        # Pacing state is worthless after a crash: on PostgreSQL its writes skip the WAL.
        prefixes=["UNLOGGED"] if op.get_bind().dialect.name == "postgresql" else [],
    )


def downgrade() -> None:
    """Drop it."""
    op.drop_table("send_slots")
