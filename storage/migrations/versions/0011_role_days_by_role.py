"""An index that reads an actor's roles as written, each summed and its newest days, by seeks.

An actor's card sums each role's day rows and reads each role's newest days (storage.actor_queries);
this index orders the rows by actor and role and holds every column those reads need.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_actor_role_days_actor_role"
COLUMNS = ["actor_id", "role", "published", "n_articles", "last_article"]


def upgrade() -> None:
    """Create the index."""
    op.create_index(INDEX, "actor_role_days", COLUMNS)


def downgrade() -> None:
    """Drop the index."""
    op.drop_index(INDEX, table_name="actor_role_days")
