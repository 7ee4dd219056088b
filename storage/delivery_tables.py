"""ORM tables of the daily digest: each chat's subscription, and each day's delivery to it.

On the metadata of `storage.tables` (`table_base.Base`); importing `storage` imports both.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.table_base import Base, one_of, utc_now

DELIVERY_STATUSES = ("claimed", "retry", "sent", "failed", "skipped")


class SubscriptionRow(Base):
    """A chat's daily digest: its local time, zone and language, and when it is next due (UTC)."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        # The due query of every tick: active subscriptions, oldest due first.
        Index("ix_subscriptions_due", "active", "next_due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    user_id: Mapped[int | None] = mapped_column(BigInteger)
    local_time: Mapped[time] = mapped_column(Time)
    zone: Mapped[str] = mapped_column(Text)
    next_due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    seen_article_id: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    deactivated_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # The digest's language (a code such as "uk"): the subscriber's at /subscribe or /lang.
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")


class DeliveryRow(Base):
    """One day's digest for one subscription: claimed before it is sent, marked after."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("subscription_id", "local_date"),
        CheckConstraint(one_of("status", DELIVERY_STATUSES), name="status"),
        # Deliveries to retry, and claims whose process died, oldest first.
        Index("ix_deliveries_status_claimed", "status", "claimed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscriptions.id", ondelete="CASCADE"))
    local_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(8))
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    # The worker (process) that claimed the delivery; its column keeps the older name.
    worker: Mapped[str | None] = mapped_column("claimant", Text)
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(Text)


class SendSlotRow(Base):
    """The next instant one key (all the bot's sends, or one chat's) may send, shared by workers.

    Migrated UNLOGGED on PostgreSQL (0016): pacing state is worthless after a crash, so its
    writes skip the write-ahead log.
    """

    __tablename__ = "send_slots"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    next_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
