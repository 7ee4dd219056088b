"""Actors' summaries: article counts on actors, roles per day, and the titles of stated roles.

/who pages actors by a kept count instead of counting every mention; a card reads an actor's
roles per day instead of grouping its mentions; a role phrase reads the newest roles of the
actors holding a title it fits instead of every actor's. Existing stores are backfilled: the
counts and days in SQL, the titles with the domain's reading of roles
(`briefings.identity.role_phrases.role_titles`), in batches.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from briefings.identity.role_phrases import role_titles

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 5000
_ACTOR_COLUMNS = ("n_articles", "first_article", "last_article", "holds_fact")

_COUNT_ACTORS = """
UPDATE actors SET
  n_articles = (SELECT count(*) FROM actor_mentions m WHERE m.actor_id = actors.id),
  first_article = (SELECT min(m.article_id) FROM actor_mentions m WHERE m.actor_id = actors.id),
  last_article = (SELECT max(m.article_id) FROM actor_mentions m WHERE m.actor_id = actors.id),
  holds_fact = (
    EXISTS (SELECT 1 FROM figures f WHERE f.claimant_actor_id = actors.id)
    OR EXISTS (SELECT 1 FROM demands d WHERE d.party_actor_id = actors.id)
    OR EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_actor_id = actors.id)
  )
"""

_FILL_ROLE_DAYS = """
INSERT INTO actor_role_days (actor_id, role, published, n_articles, last_article)
SELECT m.actor_id, m.role, a.published, count(*), max(m.article_id)
FROM actor_mentions m JOIN articles a ON a.id = m.article_id
WHERE m.role IS NOT NULL
GROUP BY m.actor_id, m.role, a.published
"""


def upgrade() -> None:
    """Add the actors' counts and the two summary tables, and fill them in."""
    counted = sa.Column[int]("n_articles", sa.Integer(), server_default="0", nullable=False)
    op.add_column("actors", counted)
    op.add_column("actors", sa.Column("first_article", sa.Integer(), nullable=True))
    op.add_column("actors", sa.Column("last_article", sa.Integer(), nullable=True))
    holds = sa.Column[bool]("holds_fact", sa.Boolean(), server_default=sa.false(), nullable=False)
    op.add_column("actors", holds)
    op.execute(_COUNT_ACTORS)
    op.create_index("ix_actors_cited", "actors", [sa.column("n_articles").desc(), "name"])
    _create_role_days()
    op.execute(_FILL_ROLE_DAYS)
    _create_role_titles()
    _fill_role_titles()


def downgrade() -> None:
    """Drop the summary tables, the index and the counts (columns dropped in place)."""
    op.drop_index("ix_actor_role_titles_title", table_name="actor_role_titles")
    op.drop_table("actor_role_titles")
    op.drop_index("ix_actor_role_days_actor_day", table_name="actor_role_days")
    op.drop_table("actor_role_days")
    op.drop_index("ix_actors_cited", table_name="actors")
    for column in reversed(_ACTOR_COLUMNS):
        op.execute(f"ALTER TABLE actors DROP COLUMN {column}")


def _create_role_days() -> None:
    """An actor's roles as written per day, with how many articles and the newest."""
    op.create_table(
        "actor_role_days",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "actor_id", sa.Integer(), sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("last_article", sa.Integer(), nullable=False),
    )
    op.create_index(
        "ix_actor_role_days_actor_day", "actor_role_days", ["actor_id", "published", "role"]
    )


def _create_role_titles() -> None:
    """The titles of the roles each actor's mentions state."""
    op.create_table(
        "actor_role_titles",
        sa.Column(
            "actor_id",
            sa.Integer(),
            sa.ForeignKey("actors.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("title", sa.Text(), primary_key=True),
    )
    op.create_index("ix_actor_role_titles_title", "actor_role_titles", ["title", "actor_id"])


def _fill_role_titles() -> None:
    """Write the titles of every role stated of each actor, a batch at a time."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT DISTINCT actor_id, role FROM actor_mentions WHERE role IS NOT NULL")
    ).all()
    pairs = sorted({(actor_id, title) for actor_id, role in rows for title in role_titles(role)})
    insert = sa.text("INSERT INTO actor_role_titles (actor_id, title) VALUES (:actor_id, :title)")
    for start in range(0, len(pairs), _BATCH):
        batch = pairs[start : start + _BATCH]
        connection.execute(insert, [{"actor_id": a, "title": t} for a, t in batch])
