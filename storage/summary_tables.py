"""ORM tables kept beside actors' mentions so that answers read a few rows: an actor's roles per
day, and the role titles its mentions state (written on save and removal, storage.actor_summaries).

On the metadata of `storage.tables` (`table_base.Base`); importing `storage` imports both.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.table_base import Base


class ActorRoleDayRow(Base):
    """A role as an actor's articles of one day write it: how many do, and the newest of them."""

    __tablename__ = "actor_role_days"
    # An actor's card reads its rows; linking reads the newest day by a date, then its rows.
    __table_args__ = (Index("ix_actor_role_days_actor_day", "actor_id", "published", "role"),)

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
