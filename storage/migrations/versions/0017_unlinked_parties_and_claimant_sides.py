"""Two indexes that let the newest demands of a party as written, and the newest figures of a
claimant on a measure and side, be read by one seek each.

- `ix_demands_unlinked_newest` (partial, `party_actor_id IS NULL`): PostgreSQL derives no order
  from `IS NULL` along ix_demands_party_recent, so /demands read every demand of a party as
  written and sorted them, 1,764 rows for "European leaders" at 10,000 articles (EXPLAIN
  ANALYZE), to keep five.
- `ix_figures_claimant_side`: a claimant's figures of a measure on some sides were found by
  intersecting two bitmaps, about 3,500 rows and 4.6 ms for "What figure did Trump give for
  Ukraine's losses?" at 10,000 articles.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNLINKED = sa.text("party_actor_id IS NULL")


def upgrade() -> None:
    """Add both indexes."""
    op.create_index(
        "ix_demands_unlinked_newest",
        "demands",
        ["party", "article_id", "id"],
        postgresql_where=UNLINKED,
        sqlite_where=UNLINKED,
    )
    op.create_index(
        "ix_figures_claimant_side",
        "figures",
        ["claimant_actor_id", "measure", "measured_side", "article_id", "id"],
    )


def downgrade() -> None:
    """Drop them."""
    op.drop_index("ix_figures_claimant_side", table_name="figures")
    op.drop_index("ix_demands_unlinked_newest", table_name="demands")
