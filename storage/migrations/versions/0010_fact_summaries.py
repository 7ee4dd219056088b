"""Kept counts of the parties to demands and of the groups figures form, filled from the facts.

/demands and /figures read these instead of counting every demand and figure
(storage.fact_summaries keeps them as articles are saved and removed).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PARTIES = """
INSERT INTO demand_parties (actor_id, written, n_demands, newest_article, side)
SELECT counted.actor_id, counted.written, counted.n, counted.newest,
       (SELECT d.side FROM demands AS d
        WHERE d.party_actor_id IS NULL AND d.party = counted.written
        ORDER BY d.article_id DESC, d.id DESC LIMIT 1)
FROM (SELECT party_actor_id AS actor_id,
             CASE WHEN party_actor_id IS NULL THEN party END AS written,
             count(*) AS n, max(article_id) AS newest
      FROM demands
      GROUP BY party_actor_id, CASE WHEN party_actor_id IS NULL THEN party END) AS counted
"""
_GROUPS = """
INSERT INTO figure_groups (measure, measured_side, n_figures)
SELECT measure, measured_side, count(*) FROM figures GROUP BY measure, measured_side
"""


def upgrade() -> None:
    """Create both tables and their indexes, and count the stored facts into them."""
    op.create_table(
        "demand_parties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("written", sa.Text(), nullable=True),
        sa.Column("n_demands", sa.Integer(), nullable=False),
        sa.Column("newest_article", sa.Integer(), nullable=False),
        sa.Column("side", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_demand_parties"),
    )
    op.create_index("ix_demand_parties_most", "demand_parties", ["n_demands", "newest_article"])
    op.create_index("ix_demand_parties_key", "demand_parties", ["actor_id", "written"])
    op.create_table(
        "figure_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=40), nullable=True),
        sa.Column("measured_side", sa.Text(), nullable=True),
        sa.Column("n_figures", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_figure_groups"),
    )
    op.create_index("ix_figure_groups_key", "figure_groups", ["measure", "measured_side"])
    op.execute(_PARTIES)
    op.execute(_GROUPS)


def downgrade() -> None:
    """Drop both tables."""
    op.drop_table("figure_groups")
    op.drop_table("demand_parties")
