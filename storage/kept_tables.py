"""Tables of kept counts: facts counted as they are saved, so answers need not count them."""

from __future__ import annotations

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.table_base import Base


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
