"""Initial schema: articles, sentences, actors with aliases and mentions, figures, demands.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.sql.schema import SchemaItem

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Indexed foreign-key columns, per table; created after the tables, dropped before them.
_INDEXED = {
    "actor_aliases": ("actor_id",),
    "sentences": ("article_id",),
    "actor_mentions": ("actor_id", "article_id", "sentence_id"),
    "figures": ("article_id", "claimant_actor_id", "sentence_id"),
    "demands": ("article_id", "party_actor_id", "sentence_id"),
}


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    """The named primary key of a table."""
    return sa.PrimaryKeyConstraint("id", name=f"pk_{table}")


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    """A named foreign key from table.column to target.id."""
    name = f"fk_{table}_{column}_{target}"
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=name, ondelete=ondelete)


def _span(table: str) -> list[SchemaItem]:
    """Provenance: article, sentence and character span of a fact."""
    return [
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("sentence_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        _fk(table, "article_id", "articles", "CASCADE"),
        _fk(table, "sentence_id", "sentences", "CASCADE"),
    ]


def _create_articles() -> None:
    """Articles, unique by the hash of their normalised text."""
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("byline", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        _pk("articles"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )


def _create_sentences() -> None:
    """Sentences of an article, with their character spans."""
    op.create_table(
        "sentences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        _pk("sentences"),
        _fk("sentences", "article_id", "articles", "CASCADE"),
        sa.UniqueConstraint("article_id", "index", name="uq_sentences_article_id_index"),
    )


def _create_actors() -> None:
    """Actors, their aliases, and their mentions in articles."""
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        _pk("actors"),
        sa.CheckConstraint("kind IN ('person', 'organisation', 'country')", name="ck_actors_kind"),
    )
    op.create_table(
        "actor_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        _pk("actor_aliases"),
        _fk("actor_aliases", "actor_id", "actors", "CASCADE"),
        sa.UniqueConstraint("actor_id", "alias", name="uq_actor_aliases_actor_id_alias"),
    )
    op.create_table(
        "actor_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        *_span("actor_mentions"),
        _pk("actor_mentions"),
        _fk("actor_mentions", "actor_id", "actors", "CASCADE"),
        sa.UniqueConstraint("actor_id", "article_id", name="uq_actor_mentions_actor_id_article_id"),
    )


def _create_facts() -> None:
    """Figures and demands, each with provenance and an optional link to an actor."""
    op.create_table(
        "figures",
        sa.Column("id", sa.Integer(), nullable=False),
        *_span("figures"),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("what", sa.Text(), nullable=True),
        sa.Column("qualifier", sa.Text(), nullable=True),
        sa.Column("claimed_by", sa.Text(), nullable=True),
        sa.Column("claimant_actor_id", sa.Integer(), nullable=True),
        _pk("figures"),
        _fk("figures", "claimant_actor_id", "actors", "SET NULL"),
    )
    op.create_table(
        "demands",
        sa.Column("id", sa.Integer(), nullable=False),
        *_span("demands"),
        sa.Column("party", sa.Text(), nullable=False),
        sa.Column("party_actor_id", sa.Integer(), nullable=True),
        sa.Column("demand", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        _pk("demands"),
        _fk("demands", "party_actor_id", "actors", "SET NULL"),
        sa.CheckConstraint(
            "kind IN ('demand', 'condition', 'call', 'proposal', 'rejection')",
            name="ck_demands_kind",
        ),
    )


def upgrade() -> None:
    """Create every table, then index the foreign-key columns."""
    _create_articles()
    _create_sentences()
    _create_actors()
    _create_facts()
    for table, columns in _INDEXED.items():
        for column in columns:
            op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    """Drop every table, dependants first."""
    for table, columns in _INDEXED.items():
        for column in columns:
            op.drop_index(f"ix_{table}_{column}", table_name=table)
    for table in ("demands", "figures", "actor_mentions", "actor_aliases", "sentences"):
        op.drop_table(table)
    op.drop_table("actors")
    op.drop_table("articles")
