"""The tables' base: one naming convention for indexes and constraints, and shared columns."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import ForeignKey, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ACTOR_KINDS = ("person", "organisation", "country")
DEMAND_KINDS = ("demand", "condition", "call", "proposal", "rejection")
PRECISIONS = ("day", "month", "year")


def one_of(column: str, values: tuple[str, ...]) -> str:
    """SQL check that a column holds one of the given literals."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def utc_now() -> datetime:
    """The current time, timezone-aware."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base whose metadata names every index and constraint."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def article_fk() -> Mapped[int]:
    """A non-null, indexed reference to an article, deleted with it."""
    return mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)


def sentence_fk() -> Mapped[int]:
    """A non-null, indexed reference to a sentence, deleted with it."""
    return mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"), index=True)


def optional_actor_fk() -> Mapped[int | None]:
    """A nullable, indexed link to an actor, cleared if the actor goes."""
    return mapped_column(ForeignKey("actors.id", ondelete="SET NULL"), index=True)
