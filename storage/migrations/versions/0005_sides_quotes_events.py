"""Sides of actors and demands; quotes with their speakers; dated events for the timeline.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _span_columns(table: str) -> list[sa.Column[int] | sa.ForeignKeyConstraint]:
    """Article, sentence and character span of a fact, deleted with its article."""
    return [
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("sentence_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=f"fk_{table}_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sentence_id"],
            ["sentences.id"],
            name=f"fk_{table}_sentence_id_sentences",
            ondelete="CASCADE",
        ),
    ]


def upgrade() -> None:
    """Add the side columns and create the quotes and events tables."""
    op.add_column("actors", sa.Column("side", sa.Text(), nullable=True))
    op.add_column("demands", sa.Column("side", sa.Text(), nullable=True))
    op.create_index("ix_demands_side_recent", "demands", ["side", "article_id"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), nullable=False),
        *_span_columns("quotes"),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("speaker", sa.Text(), nullable=True),
        sa.Column("speaker_actor_id", sa.Integer(), nullable=True),
        sa.Column("side", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["speaker_actor_id"],
            ["actors.id"],
            name="fk_quotes_speaker_actor_id_actors",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_quotes"),
    )
    for column in ("article_id", "sentence_id", "speaker_actor_id"):
        op.create_index(f"ix_quotes_{column}", "quotes", [column])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        *_span_columns("events"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("precision", sa.String(8), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.CheckConstraint("precision IN ('day', 'month', 'year')", name="ck_events_precision"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    for column in ("article_id", "sentence_id", "day"):
        op.create_index(f"ix_events_{column}", "events", [column])


def downgrade() -> None:
    """Drop the events and quotes tables and the side columns."""
    for column in ("article_id", "sentence_id", "day"):
        op.drop_index(f"ix_events_{column}", table_name="events")
    op.drop_table("events")
    for column in ("article_id", "sentence_id", "speaker_actor_id"):
        op.drop_index(f"ix_quotes_{column}", table_name="quotes")
    op.drop_table("quotes")
    op.drop_index("ix_demands_side_recent", table_name="demands")
    # Not batch mode: on SQLite it copies and drops the table, and dropping actors would set
    # every demand's and figure's actor link to NULL (and delete the aliases) on the way.
    # Both backends drop a plain column in place (SQLite since 3.35).
    op.execute("ALTER TABLE demands DROP COLUMN side")
    op.execute("ALTER TABLE actors DROP COLUMN side")
