"""Tests of bot.core.group_commands: a group's /settings, read by anyone, changed by admins."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.core.callers import Caller
from bot.core.commands import answer
from bot.core.group_commands import long_answers_choice, long_answers_private, needs_group_admin
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from briefings.replies.group_briefs import (
    LONG_HERE,
    LONG_PRIVATE,
    build_group_settings_changed,
    build_not_group_admin,
    build_unknown_group_setting,
)
from storage import get_subscription

GROUP = -100777


@pytest_asyncio.fixture
async def runtime(store_env: Path) -> AsyncIterator[Runtime]:
    """A runtime on a fresh, empty store."""
    runtime = await open_runtime(Settings(database_url=f"sqlite+aiosqlite:///{store_env}"))
    try:
        yield runtime
    finally:
        await runtime.close()


def member(*, admin: bool = False, may_change: bool = True) -> Caller:
    """A member of the group, one of its administrators or not."""
    return Caller(chat_id=GROUP, user_id=5, in_group=True, group_admin=admin, may_change=may_change)


@pytest.mark.parametrize(
    ("argument", "private"),
    [
        ("long private", True),
        ("LONG Privately", True),
        ("private", True),
        ("довгі приватно", True),
        ("long here", False),
        ("here", False),
        ("довгі тут", False),
        ("довгі у групі", False),
        ("", None),
        ("long", None),
        ("long private please", None),
        ("sideways", None),
    ],
)
def test_long_answers_choice_reads_both_languages(argument: str, private: bool | None) -> None:
    assert long_answers_choice(argument) is private


async def test_anyone_sees_the_groups_settings(runtime: Runtime) -> None:
    shown = await answer(runtime, "/settings", member())
    assert shown.plain.startswith("⚙️ This group's settings")
    assert "Long answers: in the group." in shown.plain
    assert "Daily digest: none" in shown.plain
    assert shown.actions == (LONG_PRIVATE,)


async def test_only_an_administrator_changes_them(runtime: Runtime) -> None:
    assert await answer(runtime, LONG_PRIVATE, member()) == build_not_group_admin()
    assert not await long_answers_private(runtime, GROUP)
    changed = await answer(runtime, LONG_PRIVATE, member(admin=True))
    assert changed == build_group_settings_changed(True)
    assert await long_answers_private(runtime, GROUP)
    assert (await answer(runtime, "/settings", member())).actions == (LONG_HERE,)
    await answer(runtime, LONG_HERE, member(admin=True))
    assert not await long_answers_private(runtime, GROUP)


async def test_a_page_turned_changes_nothing_and_nonsense_is_refused(runtime: Runtime) -> None:
    await answer(runtime, LONG_PRIVATE, member(admin=True, may_change=False))
    assert not await long_answers_private(runtime, GROUP)
    refused = await answer(runtime, "/settings louder", member(admin=True))
    assert refused == build_unknown_group_setting() and refused.failed


async def test_a_private_chat_keeps_its_own_settings(runtime: Runtime) -> None:
    private = Caller(chat_id=5, user_id=5)
    assert (await answer(runtime, "/settings", private)).plain.startswith("You have no daily")
    assert (await answer(runtime, LONG_PRIVATE, private)).plain.startswith("You have no daily")
    assert not await long_answers_private(runtime, 5)


async def test_only_an_administrator_starts_or_stops_the_groups_digest(runtime: Runtime) -> None:
    for line in ("/subscribe 08:00 Kyiv", "/subscribe", "/unsubscribe"):
        assert await answer(runtime, line, member()) == build_not_group_admin()
    async with runtime.sessions() as session:
        assert await get_subscription(session, chat_id=GROUP) is None
    subscribed = await answer(runtime, "/subscribe 08:00 Kyiv", member(admin=True))
    assert subscribed != build_not_group_admin()
    async with runtime.sessions() as session:
        found = await get_subscription(session, chat_id=GROUP)
    assert found is not None and found.active
    await answer(runtime, "/unsubscribe", member(admin=True))
    async with runtime.sessions() as session:
        found = await get_subscription(session, chat_id=GROUP)
    assert found is not None and not found.active


def test_the_commands_that_change_a_groups_settings_need_an_administrator() -> None:
    assert needs_group_admin("subscribe", "") and needs_group_admin("unsubscribe", "")
    assert needs_group_admin("settings", "long private")
    assert not needs_group_admin("settings", "") and not needs_group_admin("who", "putin")
