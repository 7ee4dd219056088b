"""Tests of bot.core.language_commands: the language of a user, /lang, and the digests' language."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
import pytest_asyncio
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.callers import CONSOLE, Caller
from bot.core.commands import answer
from bot.core.language_commands import language_named, user_language
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from briefings.i18n import ENGLISH, UKRAINIAN, use_language
from briefings.replies.language_briefs import build_language_changed
from storage import get_language, get_subscription

USER = 7


@pytest_asyncio.fixture
async def runtime(store_env: Path) -> AsyncIterator[Runtime]:
    """A runtime on a fresh, empty store."""
    runtime = await open_runtime(Settings(database_url=f"sqlite+aiosqlite:///{store_env}"))
    try:
        yield runtime
    finally:
        await runtime.close()


def user(language: str = ENGLISH, user_id: int = USER) -> Caller:
    """A Telegram user in their private chat, answered in `language`."""
    return Caller(chat_id=user_id, user_id=user_id, language=language)


async def stored(runtime: Runtime, user_id: int = USER) -> str | None:
    """The language the store keeps for a user."""
    async with runtime.sessions() as session:
        return await get_language(session, user_id=user_id)


async def digest_language(runtime: Runtime, chat_id: int) -> str:
    """The language of a chat's subscription, which must exist."""
    async with runtime.sessions() as session:
        found = await get_subscription(session, chat_id=chat_id)
    assert found is not None
    return found.language


@pytest.mark.parametrize(
    ("argument", "language"),
    [
        ("uk", UKRAINIAN),
        ("UA", UKRAINIAN),
        ("uk-UA", UKRAINIAN),
        ("Українська", UKRAINIAN),
        (" ukrainian ", UKRAINIAN),
        ("en", ENGLISH),
        ("en_GB", ENGLISH),
        ("English", ENGLISH),
        ("fr", None),
        ("ru", None),
        ("", None),
        ("uk" * 100, None),
    ],
)
def test_lang_takes_codes_and_names(argument: str, language: str | None) -> None:
    assert language_named(argument) == language


async def test_without_a_choice_a_user_is_answered_in_their_apps_language(
    runtime: Runtime,
) -> None:
    assert await user_language(runtime, USER, "uk-UA") == UKRAINIAN
    assert await user_language(runtime, USER, "de") == ENGLISH
    assert await user_language(runtime, USER, None) == ENGLISH
    assert await user_language(runtime, None, "uk") == UKRAINIAN


async def test_lang_is_remembered_over_the_apps_language(runtime: Runtime) -> None:
    reply = await answer(runtime, "/lang en", user(UKRAINIAN))
    assert reply.plain == build_language_changed(ENGLISH).plain
    assert await stored(runtime) == ENGLISH
    assert await user_language(runtime, USER, "uk") == ENGLISH
    await answer(runtime, "/lang українська", user(ENGLISH))
    assert await user_language(runtime, USER, "en") == UKRAINIAN


async def test_the_change_is_said_in_the_new_language(runtime: Runtime) -> None:
    with use_language(ENGLISH):
        reply = await answer(runtime, "/lang uk", user(ENGLISH))
    with use_language(UKRAINIAN):
        assert reply.plain == build_language_changed(UKRAINIAN).plain
    assert reply.plain.startswith("✅ Відтепер")


async def test_a_subscription_takes_the_callers_language_and_follows_lang(
    runtime: Runtime,
) -> None:
    await answer(runtime, "/subscribe 08:00 Kyiv", user(UKRAINIAN))
    await answer(runtime, "/subscribe 09:00 Kyiv", user(ENGLISH, user_id=8))
    assert await digest_language(runtime, USER) == UKRAINIAN
    assert await digest_language(runtime, 8) == ENGLISH
    await answer(runtime, "/lang en", user(UKRAINIAN))
    assert await digest_language(runtime, USER) == ENGLISH
    assert await digest_language(runtime, 8) == ENGLISH


async def test_lang_alone_shows_the_callers_language_and_changes_nothing(
    runtime: Runtime,
) -> None:
    with use_language(UKRAINIAN):
        reply = await answer(runtime, "/lang", user(UKRAINIAN))
    assert reply.plain.startswith("🌐 Мова інтерфейсу: українська")
    assert reply.actions == ("/lang en", "/lang uk")
    assert await stored(runtime) is None


async def test_an_unknown_language_changes_nothing(runtime: Runtime) -> None:
    reply = await answer(runtime, "/lang klingon", user(UKRAINIAN))
    assert reply.failed
    assert await stored(runtime) is None


async def test_a_page_turn_or_the_console_stores_nothing(runtime: Runtime) -> None:
    await answer(runtime, "/lang uk", replace(user(), may_change=False))
    reply = await answer(runtime, "/lang uk", CONSOLE)
    assert reply.plain == build_language_changed(UKRAINIAN).plain
    assert await stored(runtime) is None


@settings(max_examples=300, deadline=None)
@given(argument=st.text(max_size=300))
def test_any_argument_names_a_language_or_none(argument: str) -> None:
    named = language_named(argument)
    assert named in {None, ENGLISH, UKRAINIAN}
    assert named is None or len(argument.strip()) <= 32
