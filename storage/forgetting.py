"""Forget a user (/forget): delete every row the store keeps about them, in the caller's transaction.

What a user leaves in the store, and what forgetting does with it:
- user_languages: their row (their /lang choice), deleted;
- subscriptions of their private chat (a private chat's id is its user's id) and those
  subscriptions' deliveries, deleted;
- subscriptions they started in a group: the group's, so its digest goes on, but the link to
  them (user_id) is cleared;
- pagers of their private chat (the commands behind long answers), deleted;
- send_slots: their chat's pacing key, deleted (the caller names it: its form is the send
  budget's).
A group's pagers and deliveries are the group's and stay. The caller's one transaction holds
all of it, so a failure leaves everything as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Executable, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.delivery_tables import DeliveryRow, SendSlotRow, SubscriptionRow
from storage.language_tables import UserLanguageRow
from storage.retention import rowcount
from storage.subscriptions import UNSYNCED
from storage.tables import PagerRow


@dataclass(frozen=True)
class Forgotten:
    """What forgetting a user did, by kind of row."""

    languages: int = 0
    subscriptions: int = 0
    deliveries: int = 0
    pagers: int = 0
    pacing: int = 0
    # Group subscriptions kept for the group, no longer linked to the user.
    unlinked: int = 0

    @property
    def records(self) -> int:
        """Rows deleted or unlinked, but the pacing key (which any send to the chat takes
        afresh, /forget's own reply included): 0 when the store kept no record of the user."""
        return self.total - self.pacing

    @property
    def total(self) -> int:
        """Rows deleted or unlinked in all: 0 when the store kept nothing about the user."""
        return (
            self.languages
            + self.subscriptions
            + self.deliveries
            + self.pagers
            + self.pacing
            + self.unlinked
        )


async def forget_user(
    session: AsyncSession, *, user_id: int, pacing_key: str | None = None
) -> Forgotten:
    """Delete every row about a user and unlink them from group digests (module docstring);
    what was done. Never commits: the caller's transaction makes it all or nothing."""
    private = select(SubscriptionRow.id).where(SubscriptionRow.chat_id == user_id)
    deliveries = await _rows(
        session, delete(DeliveryRow).where(DeliveryRow.subscription_id.in_(private))
    )
    subscriptions = await _rows(
        session, delete(SubscriptionRow).where(SubscriptionRow.chat_id == user_id)
    )
    unlinked = await _rows(
        session,
        update(SubscriptionRow).where(SubscriptionRow.user_id == user_id).values(user_id=None),
    )
    pagers = await _rows(session, delete(PagerRow).where(PagerRow.chat_id == user_id))
    languages = await _rows(
        session, delete(UserLanguageRow).where(UserLanguageRow.user_id == user_id)
    )
    pacing = 0
    if pacing_key is not None:
        pacing = await _rows(session, delete(SendSlotRow).where(SendSlotRow.key == pacing_key))
    return Forgotten(languages, subscriptions, deliveries, pagers, pacing, unlinked)


async def _rows(session: AsyncSession, statement: Executable) -> int:
    """Run an UPDATE or DELETE, leaving the session's loaded rows alone; how many rows it hit."""
    return rowcount(await session.execute(statement, execution_options=UNSYNCED))
