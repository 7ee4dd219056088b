"""Tests for bot.core.commands: `respond` through a Runtime on an empty SQLite store, and /who on a store holding a made-up feature article."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy.exc import DBAPIError

from bot.core import commands
from bot.core.commands import CommandLine, parse_command, respond
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from briefings.replies.reply import Reply, text_reply


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


# -- /who on a store with a made-up feature article ----------------------------------


async def test_who_leaves_out_the_places_only_named_and_lists_them_apart(
    feature_runtime: Runtime,
) -> None:
    who = await respond(feature_runtime, "/who")
    places = await respond(feature_runtime, "/who places")

    # Ostrivka holds a position: it stays. Verkhnia Lozova is only named.
    assert "• Ostrivka [1]" in who and "Verkhnia Lozova" not in who
    assert "Who is who — 6 actors, most cited first" in who
    assert "Not listed: 1 place the articles only name" in who and "Send /who places." in who
    assert places.startswith("Places the articles only name — 1 place, most cited first")
    assert "• Verkhnia Lozova [1]" in places


async def test_who_pages_name_a_command_that_shows_the_next(
    feature_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(commands, "WHO_ACTORS", 4)

    first = await respond(feature_runtime, "/who")
    second = await respond(feature_runtime, "/who 2")

    assert "Who is who — the 4 most cited of 6 actors" in first
    assert "…and 2 more actors. Send /who 2 for the next." in first
    assert "Who is who — 5–6 of 6 actors, most cited first" in second
    assert "more actor" not in second
    assert (
        await respond(feature_runtime, "/who 3")
        == "Only 6 actors in the articles: send /who 2 for the last of them."
    )


@pytest.mark.parametrize(("argument", "page"), [("", 1), ("2", 2), ("places", 1), ("places 3", 3)])
def test_who_arguments_that_ask_for_a_page(argument: str, page: int) -> None:
    found = commands.actor_page(argument)
    assert found is not None and found.number == page
    assert found.places == argument.startswith("places")


@pytest.mark.parametrize("argument", ["zelensky", "0", "2 zelensky", "places of worship"])
def test_who_arguments_that_name_someone(argument: str) -> None:
    assert commands.actor_page(argument) is None


def _dropped() -> DBAPIError:
    """The error SQLAlchemy raises when a pooled connection turns out to be dead."""
    return DBAPIError("SELECT 1", None, ConnectionError("closed"), connection_invalidated=True)


async def test_an_answer_is_read_again_once_when_its_connection_had_died(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    async def dies_once(session: object, argument: str) -> Reply:
        calls.append(argument)
        if len(calls) == 1:
            raise _dropped()
        return text_reply("read")

    monkeypatch.setitem(commands.COMMANDS, "who", dies_once)

    assert await respond(runtime, "/who kellogg") == "read"
    assert calls == ["kellogg", "kellogg"]


@pytest.mark.parametrize(
    "error",
    [_dropped(), DBAPIError("SELECT 1", None, ValueError("bad"), connection_invalidated=False)],
)
async def test_an_answer_is_not_read_a_third_time_nor_again_for_other_errors(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, error: DBAPIError
) -> None:
    calls: list[str] = []

    async def fails(session: object, argument: str) -> Reply:
        calls.append(argument)
        raise error

    monkeypatch.setitem(commands.COMMANDS, "who", fails)

    with pytest.raises(DBAPIError):
        await respond(runtime, "/who")
    assert len(calls) == (2 if error.connection_invalidated else 1)
