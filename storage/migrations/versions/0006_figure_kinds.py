"""A figure's kind (total, rate, change, one event's), the period it covers, and its holder.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("kind", "period", "holder")


def upgrade() -> None:
    """Add the columns; figures stored before them have no kind (read as a total)."""
    op.add_column("figures", sa.Column("kind", sa.String(16), nullable=True))
    op.add_column("figures", sa.Column("period", sa.Text(), nullable=True))
    op.add_column("figures", sa.Column("holder", sa.Text(), nullable=True))


def downgrade() -> None:
    """Drop the columns in place (both backends can; SQLite since 3.35)."""
    for column in reversed(_COLUMNS):
        op.execute(f"ALTER TABLE figures DROP COLUMN {column}")
