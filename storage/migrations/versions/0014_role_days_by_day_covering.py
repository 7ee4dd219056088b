"""The role days' by-day index holds every column linking reads, as the by-role one does.

Linking reads each actor's roles of its newest day (storage.actors.dated_roles). Since 0011
added a by-role index holding every column, SQLite preferred it over the by-day one, which
lacked `last_article`, and read every role day of each actor (3,169 rows for the holders of
"president" at 10,000 articles) rather than seeking the day's: EXPLAIN QUERY PLAN showed
`actor_id=?` where it now shows `actor_id=? AND published=?`.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_actor_role_days_actor_day"
TABLE = "actor_role_days"
COLUMNS = ["actor_id", "published", "role"]


def upgrade() -> None:
    """Rebuild the by-day index with the newest article last."""
    op.drop_index(INDEX, table_name=TABLE)
    op.create_index(INDEX, TABLE, [*COLUMNS, "last_article"])


def downgrade() -> None:
    """Rebuild the by-day index without it."""
    op.drop_index(INDEX, table_name=TABLE)
    op.create_index(INDEX, TABLE, COLUMNS)
