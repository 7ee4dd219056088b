"""ORM table of each user's interface language, chosen with /lang.

On the metadata of `storage.tables` (`table_base.Base`); importing `storage` imports it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.table_base import Base, utc_now


class UserLanguageRow(Base):
    """The language a Telegram user chose for answers and digests (a code such as "uk")."""

    __tablename__ = "user_languages"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
