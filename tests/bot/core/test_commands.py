"""Tests for bot.core.commands: `respond` through a Runtime on an empty SQLite store, and /who on a store holding a made-up feature article."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from sqlalchemy.exc import DBAPIError

from bot.core import commands
from bot.core.callers import Caller
from bot.core.commands import CommandLine, answer, parse_command, respond
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from briefings.i18n import UKRAINIAN, use_language
from briefings.replies.reply import Reply, text_reply
from storage import get_subscription


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


@pytest.mark.parametrize("argument", ["zelensky", "2 zelensky", "places of worship", "٣ people"])
def test_who_arguments_that_name_someone(argument: str) -> None:
    assert commands.actor_page(argument) is None


@pytest.mark.parametrize("argument", ["0", "-1", "²", "٣", "10001", "places 0", "9" * 30])
async def test_who_page_numbers_out_of_range_get_one_sentence(
    feature_runtime: Runtime, argument: str
) -> None:
    assert await respond(feature_runtime, f"/who {argument}") == (
        "Pages of /who are whole numbers from 1 to 10,000, such as /who 2."
    )


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


# -- arguments that are no article number ---------------------------------------------

ARTICLE_NUMBER = (
    "Article numbers are whole numbers such as 3, cited as [3] in answers; /sources lists them."
)


@pytest.mark.parametrize("argument", ["²", "1234567890123456789012345", "-1", "0"])
async def test_sources_answers_what_is_no_article_number_in_one_sentence(
    feature_runtime: Runtime, argument: str
) -> None:
    assert await respond(feature_runtime, f"/sources {argument}") == ARTICLE_NUMBER


# -- arguments echoed back, and arguments far too long ----------------------------------

RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"
HIDDEN = (RLO, PDF, LRI, PDI, "\u200f", "\u200b", "\x00", "\x1b")


@pytest.mark.parametrize(
    ("line", "reply"),
    [
        (
            f"/who {RLO}nobody{PDF}",
            "No actor called “nobody” in the articles. /who lists them all.",
        ),
        (
            f"/figures {LRI}penguins{PDI}\x1b[2J",
            "No figures about “penguins[2J” in the articles. /figures lists them all.",
        ),
        (
            "/demands \u200fno\u200bbody",
            "No demands by “nobody” in the articles. /demands lists every party's.",
        ),
        (
            f"/quotes nobody\x00{RLO}",
            "No quotes by “nobody” in the articles. /quotes lists the newest.",
        ),
        (f"/weather{RLO}kyiv", "I don't know /weatherkyiv. /help lists the commands."),
        (f"/{RLO}", "I don't know that command. /help lists the commands."),
    ],
)
async def test_arguments_are_echoed_without_control_or_bidi_characters(
    feature_runtime: Runtime, line: str, reply: str
) -> None:
    answered = await respond(feature_runtime, line)
    assert answered == reply
    assert not any(hidden in answered for hidden in HIDDEN)


LONG = "x" * 100_000
TELEGRAM_USER = Caller(chat_id=8080, user_id=8080)


@pytest.mark.timing
@pytest.mark.parametrize(
    ("line", "reply"),
    [
        (f"/who {LONG}", "A name is at most 100 characters; /who lists the actors."),
        (f"/demands {LONG}", "A name is at most 100 characters; /demands lists the parties."),
        (f"/quotes {LONG}", "A name is at most 100 characters; /quotes shows the newest."),
        (f"/figures {LONG}", "A topic is at most 100 characters, such as /figures killed."),
        (f"/chart {LONG}", "A topic is at most 100 characters, such as /chart killed."),
        (f"/ask {LONG}", "A question is at most 4,096 characters; please ask a shorter one."),
        (LONG, "A question is at most 4,096 characters; please ask a shorter one."),
        (f"/sources {'9' * 100_000}", ARTICLE_NUMBER),
        (
            f"/who {'9' * 100_000}",
            "Pages of /who are whole numbers from 1 to 10,000, such as /who 2.",
        ),
        (f"/{LONG}", f"I don't know /{'x' * 31}…. /help lists the commands."),
        (
            f"/subscribe 08:00 {LONG}",
            "A time and a place take at most 64 characters. Send /subscribe HH:MM and a city or "
            "time zone, e.g. /subscribe 07:30 Kyiv, /subscribe 7pm New York or "
            "/subscribe 08:00 Europe/Berlin.",
        ),
    ],
)
async def test_a_100000_character_argument_is_answered_at_once_in_one_sentence(
    feature_runtime: Runtime, line: str, reply: str
) -> None:
    started = time.perf_counter()
    assert (await answer(feature_runtime, line, TELEGRAM_USER)).plain == reply
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("zone", ["Factory", "localtime", "posixrules", "Etc/GMT+3", "EST5EDT"])
async def test_subscribe_refuses_zones_of_no_place(feature_runtime: Runtime, zone: str) -> None:
    reply = (await answer(feature_runtime, f"/subscribe 08:00 {zone}", TELEGRAM_USER)).plain
    assert reply.startswith(f"I don't know the time zone “{zone}”.")
    async with feature_runtime.sessions() as session:
        assert await get_subscription(session, chat_id=8080) is None


@pytest.mark.parametrize("argument", ["1234567890123456789012345", "2147483648", "0 yes", "٣ yes"])
async def test_remove_refuses_what_is_no_article_number(
    feature_runtime: Runtime, argument: str
) -> None:
    admin = Caller(is_admin=True, chat_id=1, user_id=1)
    assert (await answer(feature_runtime, f"/remove {argument}", admin)).plain == ARTICLE_NUMBER
    assert await respond(feature_runtime, "/sources 1") != ARTICLE_NUMBER


async def test_the_core_answers_in_the_language_of_the_answer(feature_runtime: Runtime) -> None:
    with use_language(UKRAINIAN):
        unknown = await respond(feature_runtime, "/weather")
        long_name = await respond(feature_runtime, "/quotes " + "x" * 101)
    assert unknown == "Я не знаю команди /weather. /help показує перелік команд."
    assert long_name.endswith("; /quotes показує найновіші цитати.")
    assert await respond(feature_runtime, "/weather") == (
        "I don't know /weather. /help lists the commands."
    )
