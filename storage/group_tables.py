"""ORM table of each group's own settings, changed by its administrators with /settings.

On the metadata of `storage.tables` (`table_base.Base`); importing `storage` imports it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime
from sqlalchemy.orm import Mapped, mapped_column

from storage.table_base import Base, utc_now


class GroupSettingsRow(Base):
    """A group chat's settings: whether long answers go to the asker privately."""

    __tablename__ = "group_settings"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    long_answers_private: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
