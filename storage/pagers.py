"""Keep the pages of long replies, so that paging buttons work later and after a restart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import PagerRow

# Pages older than this are dropped; their buttons then say the answer has expired.
PAGER_LIFETIME = timedelta(days=7)


@dataclass(frozen=True)
class Page:
    """One page of a stored reply, with its place among the reply's pages."""

    text: str
    number: int
    count: int


async def save_pages(session: AsyncSession, *, chat_id: int, pages: Sequence[str]) -> int:
    """Store the pages of one reply for a chat, dropping expired ones; return the pager's id."""
    now = datetime.now(UTC)
    await session.execute(delete(PagerRow).where(PagerRow.created_at < now - PAGER_LIFETIME))
    pager = PagerRow(chat_id=chat_id, pages=list(pages), created_at=now)
    session.add(pager)
    await session.flush()
    return pager.id


async def get_page(
    session: AsyncSession, *, pager_id: int, chat_id: int, number: int
) -> Page | None:
    """Page `number` (from 1) of a stored reply in that chat, or None if it is gone or out of range."""
    pager = await session.get(PagerRow, pager_id)
    if pager is None or pager.chat_id != chat_id or not 1 <= number <= len(pager.pages):
        return None
    return Page(pager.pages[number - 1], number, len(pager.pages))
