"""Tests of storage.languages: each user's language, the digests' languages, migration 0018."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage import (
    create_engine,
    downgrade,
    get_language,
    get_subscription,
    make_session_factory,
    set_language,
    set_subscriptions_language,
    subscribe,
    upgrade,
)
from storage.language_tables import UserLanguageRow

NOW = datetime(2025, 3, 21, 6, 0, tzinfo=UTC)


async def subscribe_chat(
    session: AsyncSession, chat_id: int, user_id: int | None, language: str = "en"
) -> None:
    """A Kyiv subscription of a chat, made by a user, in a language."""
    await subscribe(
        session,
        chat_id=chat_id,
        user_id=user_id,
        local_time=time(8),
        zone="Europe/Kyiv",
        next_due_at=NOW,
        now=NOW,
        language=language,
    )


async def language_of_chat(session: AsyncSession, chat_id: int) -> str:
    """The language of a chat's subscription, which must exist."""
    found = await get_subscription(session, chat_id=chat_id)
    assert found is not None
    return found.language


async def test_a_user_without_a_choice_has_none(session: AsyncSession) -> None:
    assert await get_language(session, user_id=5) is None


async def test_a_choice_is_kept_and_replaced(session: AsyncSession) -> None:
    await set_language(session, user_id=5, language="uk", now=NOW)
    await set_language(session, user_id=6, language="en", now=NOW)
    assert await get_language(session, user_id=5) == "uk"
    await set_language(session, user_id=5, language="en", now=NOW + timedelta(minutes=1))
    assert await get_language(session, user_id=5) == "en"
    assert await get_language(session, user_id=6) == "en"


async def test_telegram_user_ids_past_32_bits_are_kept(session: AsyncSession) -> None:
    await set_language(session, user_id=2**40 + 3, language="uk", now=NOW)
    assert await get_language(session, user_id=2**40 + 3) == "uk"


async def test_a_subscription_keeps_its_language_and_defaults_to_english(
    session: AsyncSession,
) -> None:
    await subscribe_chat(session, 1, 1, "uk")
    await subscribe(
        session,
        chat_id=2,
        user_id=2,
        local_time=time(8),
        zone="UTC",
        next_due_at=NOW,
        now=NOW,
    )
    assert (await language_of_chat(session, 1), await language_of_chat(session, 2)) == ("uk", "en")
    await subscribe_chat(session, 1, 1, "en")
    assert await language_of_chat(session, 1) == "en"


async def test_a_users_chats_follow_their_language_and_no_one_elses(session: AsyncSession) -> None:
    await subscribe_chat(session, 10, 10)
    await subscribe_chat(session, -100500, 10)  # a group the user subscribed
    await subscribe_chat(session, 11, 11)
    await subscribe_chat(session, 12, None)
    assert await set_subscriptions_language(session, user_id=10, language="uk") == 2
    languages = [await language_of_chat(session, chat) for chat in (10, -100500, 11, 12)]
    assert languages == ["uk", "uk", "en", "en"]
    assert await set_subscriptions_language(session, user_id=99, language="uk") == 0


async def test_racing_choices_of_one_user_leave_one_row(engine: AsyncEngine) -> None:
    sessions = make_session_factory(engine)

    async def choose(language: str) -> None:
        async with sessions.begin() as session:
            await set_language(session, user_id=9201, language=language, now=NOW)

    try:
        await asyncio.gather(*(choose(language) for language in ["uk", "en"] * 4))
        async with sessions() as session:
            assert await get_language(session, user_id=9201) in {"uk", "en"}
    finally:
        async with sessions.begin() as session:
            await session.execute(delete(UserLanguageRow).where(UserLanguageRow.user_id == 9201))


async def test_migration_0018_gives_existing_subscriptions_english_and_goes_down(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'languages.db'}")
    try:
        async with engine.begin() as connection:
            await upgrade(connection, revision="0017")
            await connection.exec_driver_sql(
                "INSERT INTO subscriptions (id, chat_id, user_id, local_time, zone, next_due_at,"
                " active, seen_article_id, failures, created_at, updated_at) VALUES (1, 42, 42,"
                " '08:00:00', 'UTC', '2025-03-21', 1, 0, 0, '2025-03-20', '2025-03-20')"
            )
            await upgrade(connection, revision="0018")
            rows = await connection.exec_driver_sql("SELECT chat_id, language FROM subscriptions")
            assert rows.all() == [(42, "en")]
            await downgrade(connection, revision="0017")
            tables = await connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE name = 'user_languages'"
            )
            assert tables.all() == []
            columns = await connection.exec_driver_sql("PRAGMA table_info(subscriptions)")
            assert "language" not in {column[1] for column in columns}
    finally:
        await engine.dispose()
