"""Tests of storage.group_settings: each group's settings, kept and replaced, migration 0019."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage import (
    GroupSettings,
    create_engine,
    downgrade,
    get_group_settings,
    make_session_factory,
    set_group_settings,
    upgrade,
)
from storage.group_tables import GroupSettingsRow

NOW = datetime(2025, 3, 21, 6, 0, tzinfo=UTC)
GROUP = -1001234567890


async def test_a_group_that_never_changed_them_has_the_defaults(session: AsyncSession) -> None:
    assert await get_group_settings(session, chat_id=GROUP) == GroupSettings(GROUP)
    assert not (await get_group_settings(session, chat_id=GROUP)).long_answers_private


async def test_settings_are_kept_and_replaced_per_group(session: AsyncSession) -> None:
    await set_group_settings(session, chat_id=GROUP, long_answers_private=True, now=NOW)
    await set_group_settings(session, chat_id=-42, long_answers_private=False, now=NOW)
    assert (await get_group_settings(session, chat_id=GROUP)).long_answers_private
    assert not (await get_group_settings(session, chat_id=-42)).long_answers_private
    later = NOW + timedelta(minutes=1)
    await set_group_settings(session, chat_id=GROUP, long_answers_private=False, now=later)
    assert not (await get_group_settings(session, chat_id=GROUP)).long_answers_private
    row = await session.get(GroupSettingsRow, GROUP)
    assert row is not None and row.updated_at.replace(tzinfo=UTC) == later


async def test_racing_changes_of_one_group_leave_one_row(engine: AsyncEngine) -> None:
    sessions = make_session_factory(engine)

    async def change(private: bool) -> None:
        async with sessions.begin() as session:
            await set_group_settings(session, chat_id=-9201, long_answers_private=private, now=NOW)

    try:
        await asyncio.gather(*(change(private) for private in [True, False] * 4))
        async with sessions() as session:
            assert await session.get(GroupSettingsRow, -9201) is not None
    finally:
        async with sessions.begin() as session:
            await session.execute(delete(GroupSettingsRow).where(GroupSettingsRow.chat_id == -9201))


async def test_migration_0019_creates_the_table_and_goes_down(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'groups.db'}")
    try:
        async with engine.begin() as connection:
            await upgrade(connection, revision="0019")
            await connection.exec_driver_sql(
                "INSERT INTO group_settings (chat_id, long_answers_private, updated_at)"
                " VALUES (-5, 1, '2025-03-21')"
            )
            await downgrade(connection, revision="0018")
            tables = await connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name = 'group_settings'"
            )
            assert tables.all() == []
    finally:
        await engine.dispose()
