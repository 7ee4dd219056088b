"""What the store holds about a user, found generically: every table of the metadata searched.

`rows_about` counts, in every table, the rows whose columns named like `*chat_id` or
`*user_id` hold the user's id (a private chat's id is its user's), and the user's pacing key
in send_slots; `orphans` counts rows whose foreign key points at a row that is gone (a
delivery of a deleted subscription). A table added later is searched without changing this.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.send_budget import chat_pace
from storage.delivery_tables import SendSlotRow
from storage.tables import Base

ID_SUFFIXES = ("chat_id", "user_id")


async def rows_about(session: AsyncSession, user_id: int) -> dict[str, int]:
    """Rows naming the user, by "table.column" (only those with any)."""
    found: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if column.name.endswith(ID_SUFFIXES):
                query = select(func.count()).select_from(table).where(column == user_id)
                count = (await session.execute(query)).scalar_one()
                if count:
                    found[f"{table.name}.{column.name}"] = count
    key, _pace = chat_pace(user_id)
    slots = select(func.count()).select_from(SendSlotRow).where(SendSlotRow.key == key)
    if pacing := (await session.execute(slots)).scalar_one():
        found["send_slots.key"] = pacing
    return found


async def orphans(session: AsyncSession) -> dict[str, int]:
    """Rows whose foreign key names a row that does not exist, by "table.column"."""
    found: dict[str, int] = {}
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_keys:
            # An alias, so that a table's key to itself is looked up in another copy of it.
            target = key.column.table.alias().c[key.column.name]
            missing = ~select(target).where(target == key.parent).exists()
            query = select(func.count()).select_from(table).where(key.parent.is_not(None), missing)
            count = (await session.execute(query)).scalar_one()
            if count:
                found[f"{table.name}.{key.parent.name}"] = count
    return found
