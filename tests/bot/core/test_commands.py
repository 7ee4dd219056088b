"""Tests for bot.core.commands: `respond` through a Runtime on an empty SQLite store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.core.commands import CommandLine, parse_command, respond
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings


@pytest_asyncio.fixture
async def runtime(store_env: Path) -> AsyncIterator[Runtime]:
    """A runtime on a fresh, migrated store in tmp_path, closed after the test."""
    runtime = await open_runtime(Settings(database_url=f"sqlite+aiosqlite:///{store_env}"))
    try:
        yield runtime
    finally:
        await runtime.close()


async def test_an_unknown_command_gets_a_hint(runtime: Runtime) -> None:
    assert await respond(runtime, "/nonsense now") == (
        "I don't know /nonsense. /help lists the commands."
    )


async def test_text_that_is_not_a_command_is_a_question(runtime: Runtime) -> None:
    reply = await respond(runtime, "who is Zelenskyy?")
    assert reply.startswith("Nothing in the articles says that")


@pytest.mark.parametrize("line", ["/help", "/start", "  /HELP  ", "/help@ceasefire_brief_bot"])
async def test_help_lists_the_commands(runtime: Runtime, line: str) -> None:
    reply = await respond(runtime, line)
    for command in [
        "/who [name]",
        "/figures [topic]",
        "/demands [party]",
        "/sources",
        "/ask <question>",
        "/help",
    ]:
        assert f"\n{command} — " in reply


@pytest.mark.parametrize(
    ("line", "reply"),
    [
        ("/who", "No actors yet: load an article first."),
        ("/figures", "No figures yet: load an article first."),
        ("/demands", "No demands yet: load an article first."),
        ("/sources", "No articles loaded yet."),
    ],
)
async def test_an_empty_store_says_to_load_an_article(
    runtime: Runtime, line: str, reply: str
) -> None:
    assert await respond(runtime, line) == reply


async def test_who_with_a_name_on_an_empty_store_finds_no_one(runtime: Runtime) -> None:
    reply = await respond(runtime, "/who zelensky")
    assert reply.startswith("No actor called “zelensky”")


@pytest.mark.parametrize(
    ("text", "name", "argument", "raw"),
    [
        ("/who", "who", "", ""),
        (
            "  /WHO@ceasefire_bot   Volodymyr   Zelensky ",
            "who",
            "Volodymyr Zelensky",
            "Volodymyr   Zelensky",
        ),
        ("/figures\tkilled", "figures", "killed", "killed"),
        (
            "/load\nTitle\n\nFirst  paragraph.",
            "load",
            "Title First paragraph.",
            "Title\n\nFirst  paragraph.",
        ),
    ],
)
def test_a_command_line_is_split_into_name_and_argument(
    text: str, name: str, argument: str, raw: str
) -> None:
    assert parse_command(text) == CommandLine(name, argument, raw)


@pytest.mark.parametrize("text", ["", "   ", "/", "who", "hello /who"])
def test_text_without_a_leading_command_is_not_a_command(text: str) -> None:
    assert parse_command(text) is None
