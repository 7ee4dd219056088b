"""ORM tables kept beside the facts so that answers read a few rows: an actor's roles per day
and the role titles its mentions state (storage.actor_summaries); the parties to demands and the
groups figures form, counted (storage.fact_summaries). Written on save and removal.

On the metadata of `storage.tables` (`table_base.Base`); importing `storage` imports both.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.table_base import Base


class ActorRoleDayRow(Base):
    """A role as an actor's articles of one day write it: how many do, and the newest of them."""

    __tablename__ = "actor_role_days"
    # Linking reads the newest day by a date, then its rows. An actor's card sums each role's
    # rows and reads its newest days along the second. Each holds every column its reader
    # reads: SQLite otherwise took the one that did, whatever it had to read (migration 0014).
    __table_args__ = (
        Index("ix_actor_role_days_actor_day", "actor_id", "published", "role", "last_article"),
        Index(
            "ix_actor_role_days_actor_role",
            "actor_id",
            "role",
            "published",
            "n_articles",
            "last_article",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    n_articles: Mapped[int] = mapped_column(Integer)
    last_article: Mapped[int] = mapped_column(Integer)


class ActorRoleTitleRow(Base):
    """A title one of an actor's stated roles has ("spokesman"): the actors a role phrase may
    name are those holding a title it fits. Kept after the article stating it is removed."""

    __tablename__ = "actor_role_titles"
    __table_args__ = (Index("ix_actor_role_titles_title", "title", "actor_id"),)

    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    )
    title: Mapped[str] = mapped_column(Text, primary_key=True)


class DemandPartyRow(Base):
    """One party to demands, kept counted: its linked actor, or its name as written when none."""

    __tablename__ = "demand_parties"
    __table_args__ = (
        # The parties with most positions, newest first, read by /demands without a sort.
        Index("ix_demand_parties_most", "n_demands", "newest_article"),
        Index("ix_demand_parties_key", "actor_id", "written"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign key: a removal rebuilds the table (storage.fact_summaries).
    actor_id: Mapped[int | None] = mapped_column(Integer)
    written: Mapped[str | None] = mapped_column(Text)  # the party as written, when unlinked
    n_demands: Mapped[int] = mapped_column(Integer)
    newest_article: Mapped[int] = mapped_column(Integer)
    side: Mapped[str | None] = mapped_column(Text)  # the side of its newest demand


class FigureGroupRow(Base):
    """One measure and side that figures measure, kept counted, for /figures' overview."""

    __tablename__ = "figure_groups"
    __table_args__ = (Index("ix_figure_groups_key", "measure", "measured_side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    measure: Mapped[str | None] = mapped_column(String(40))
    measured_side: Mapped[str | None] = mapped_column(Text)
    n_figures: Mapped[int] = mapped_column(Integer)
