"""Each user's interface language: read once per update by primary key, written by /lang."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CursorResult, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.delivery_tables import SubscriptionRow
from storage.engine import on_postgres
from storage.language_tables import UserLanguageRow
from storage.subscriptions import UNSYNCED, as_utc


async def get_language(session: AsyncSession, *, user_id: int) -> str | None:
    """The language a user chose, or None if they never chose one (one primary-key read)."""
    query = select(UserLanguageRow.language).where(UserLanguageRow.user_id == user_id)
    found: str | None = (await session.execute(query)).scalar_one_or_none()
    return found


async def set_language(
    session: AsyncSession, *, user_id: int, language: str, now: datetime
) -> None:
    """Remember a user's language, replacing an earlier choice; safe when two requests race
    (one upsert statement)."""
    insert = postgresql_insert if on_postgres(session) else sqlite_insert
    values = {"user_id": user_id, "language": language, "updated_at": as_utc(now)}
    statement = insert(UserLanguageRow).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=[UserLanguageRow.user_id],
        set_={"language": language, "updated_at": as_utc(now)},
    )
    await session.execute(statement)


async def set_subscriptions_language(session: AsyncSession, *, user_id: int, language: str) -> int:
    """Send the digests of every chat a user subscribed in that language; how many there are."""
    statement = (
        update(SubscriptionRow).where(SubscriptionRow.user_id == user_id).values(language=language)
    )
    result = await session.execute(statement, execution_options=UNSYNCED)
    return result.rowcount if isinstance(result, CursorResult) else 0
