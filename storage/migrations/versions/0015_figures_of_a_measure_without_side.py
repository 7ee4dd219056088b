"""A partial index of the figures of a measure with no side, newest first.

`/figures` reads the newest figures of each measure and side; for a measure with no side the
condition is `measured_side IS NULL`, from which PostgreSQL derives no order along
ix_figures_measure_recent. It walked figures by article instead and filtered, 11,000 rows for
14 such groups at 10,000 articles (EXPLAIN ANALYZE: 5.8 ms for the overview; 2.5 ms with this
index).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_figures_measure_sideless"
SIDELESS = sa.text("measured_side IS NULL")


def upgrade() -> None:
    """Add the partial index."""
    op.create_index(
        INDEX,
        "figures",
        ["measure", "article_id", "id"],
        postgresql_where=SIDELESS,
        sqlite_where=SIDELESS,
    )


def downgrade() -> None:
    """Drop it."""
    op.drop_index(INDEX, table_name="figures")
