"""Keep the command behind a paged reply when it is too long to ride in its buttons' data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import PagerRow

# Pagers older than this are dropped; their buttons then say the answer has expired.
PAGER_LIFETIME = timedelta(days=30)


async def save_pager(session: AsyncSession, *, chat_id: int, command: str) -> int:
    """Keep a paged command for a chat, dropping expired ones; return the pager's id."""
    now = datetime.now(UTC)
    await session.execute(delete(PagerRow).where(PagerRow.created_at < now - PAGER_LIFETIME))
    pager = PagerRow(chat_id=chat_id, command=command, created_at=now)
    session.add(pager)
    await session.flush()
    return pager.id


async def get_pager(session: AsyncSession, *, pager_id: int, chat_id: int) -> str | None:
    """The command a pager keeps for that chat, or None if it is gone or belongs elsewhere."""
    pager = await session.get(PagerRow, pager_id)
    return pager.command if pager is not None and pager.chat_id == chat_id else None
