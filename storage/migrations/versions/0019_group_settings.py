"""Group settings: a row per group chat whose administrators changed its settings.

`group_settings.long_answers_private` sends answers longer than one message to the asker's
private chat instead of the group. Groups without a row keep answers in the group.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-10
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create group_settings."""
    op.create_table(
        "group_settings",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("long_answers_private", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", name="pk_group_settings"),
    )


def downgrade() -> None:
    """Drop group_settings."""
    op.drop_table("group_settings")
