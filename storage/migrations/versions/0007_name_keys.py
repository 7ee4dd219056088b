"""Name keys on actors and aliases (folded name, surname key), and an index for actors' roles.

Lookups and merges seek actors by these keys instead of reading every name. Existing rows
are backfilled with the domain's keys (`briefings.identity.names.name_keys`).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from briefings.identity.names import name_keys

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each keyed table with the column its name is in.
_NAMED = {"actors": "name", "actor_aliases": "alias"}
_KEYS = ("folded", "surname")


def upgrade() -> None:
    """Add and index the keys, fill them in for every stored name, and index actors' roles."""
    for table, column in _NAMED.items():
        for key in _KEYS:
            op.add_column(table, sa.Column(key, sa.Text(), nullable=True))
            op.create_index(f"ix_{table}_{key}", table, [key])
        _backfill(table, column)
    op.create_index(
        "ix_actor_mentions_actor_role", "actor_mentions", ["actor_id", "role", "article_id"]
    )


def downgrade() -> None:
    """Drop the index and the keys (columns dropped in place: SQLite since 3.35)."""
    op.drop_index("ix_actor_mentions_actor_role", table_name="actor_mentions")
    for table in reversed(_NAMED):
        for key in reversed(_KEYS):
            op.drop_index(f"ix_{table}_{key}", table_name=table)
            op.execute(f"ALTER TABLE {table} DROP COLUMN {key}")


def _backfill(table: str, column: str) -> None:
    """Write the keys of every stored name of a table."""
    connection = op.get_bind()
    rows = connection.execute(sa.text(f"SELECT id, {column} FROM {table}")).all()
    update = sa.text(f"UPDATE {table} SET folded = :folded, surname = :surname WHERE id = :id")
    values = [{"id": id_, **vars(name_keys(name))} for id_, name in rows]
    if values:
        connection.execute(update, values)
