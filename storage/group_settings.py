"""Each group's settings: read by primary key when a group gets a long answer or sends
/settings, written by its administrators (one upsert, safe when two of them race)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.engine import on_postgres
from storage.group_tables import GroupSettingsRow
from storage.subscriptions import as_utc


@dataclass(frozen=True)
class GroupSettings:
    """A group's settings; a group that never changed them has the defaults."""

    chat_id: int
    # Long answers (more than one message) go to the asker's private chat, not the group.
    long_answers_private: bool = False


async def get_group_settings(session: AsyncSession, *, chat_id: int) -> GroupSettings:
    """A group's settings, the defaults if it never changed them (one primary-key read)."""
    query = select(GroupSettingsRow.long_answers_private).where(GroupSettingsRow.chat_id == chat_id)
    found: bool | None = (await session.execute(query)).scalar_one_or_none()
    return GroupSettings(chat_id, long_answers_private=bool(found))


async def set_group_settings(
    session: AsyncSession, *, chat_id: int, long_answers_private: bool, now: datetime
) -> None:
    """Keep a group's settings, replacing earlier ones; safe when two requests race (one
    upsert statement)."""
    insert = postgresql_insert if on_postgres(session) else sqlite_insert
    changed = {"long_answers_private": long_answers_private, "updated_at": as_utc(now)}
    statement = insert(GroupSettingsRow).values(chat_id=chat_id, **changed)
    statement = statement.on_conflict_do_update(
        index_elements=[GroupSettingsRow.chat_id], set_=changed
    )
    await session.execute(statement)
