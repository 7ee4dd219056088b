"""The interface's languages: each user's choice (/lang), and the language of each digest.

`user_languages` holds a row per Telegram user who chose a language, read by primary key on
every update. `subscriptions.language` is the language a chat's digest is built in; existing
subscriptions get English, the only language before this revision.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create user_languages and give every subscription a language."""
    op.create_table(
        "user_languages",
        sa.Column("user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_user_languages"),
    )
    op.add_column(
        "subscriptions",
        sa.Column("language", sa.String(8), server_default="en", nullable=False),
    )


def downgrade() -> None:
    """Drop them (the column dropped in place: SQLite since 3.35)."""
    op.execute("ALTER TABLE subscriptions DROP COLUMN language")
    op.drop_table("user_languages")
