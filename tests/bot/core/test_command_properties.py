"""Property tests (Hypothesis): any text after any command is answered, within Telegram's pages,
and changes nothing in the store; the time parser reads a time or refuses in one sentence.

The store (the seed articles, SQLite) is built once for the module and answered from through
one event loop (`asyncio.Runner`), each example a plain `runner.run(...)`. Each example checks
that nothing at all was committed to the store (SQLite's `PRAGMA data_version`, read on a
connection of the test's own, changes with every commit of another connection), and each test
compares the store's whole export before its first example and after its last. A /subscribe
that subscribes is a change: the subscription commands run for a fresh chat per example, and
a commit is allowed only when the reply says the chat subscribed, which it then must have. /remove runs for an admin whose command may change nothing (a page turned), so a
random "N yes" cannot delete a seed article, while the number is still read. /load runs for
an admin in a Telegram chat (never the console's local files), its fetches given a resolver
that knows no host and a transport that connects nowhere: a random address reaches no host.
Its texts are at most a Telegram message long (4,096 characters).
"""

from __future__ import annotations

import asyncio
import itertools
import operator
import re
import socket
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest
from app_builders import make_settings
from cli_runner import copy_store
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core import fetching, loading
from bot.core.admin_commands import ADMIN_HANDLERS, article_input
from bot.core.arguments import clean
from bot.core.article_inputs import WebAddress
from bot.core.callers import VISITOR, Caller
from bot.core.charts import CHART_HANDLERS
from bot.core.commands import COMMANDS, answer
from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import Runtime, open_runtime
from bot.core.subscription_commands import SUBSCRIPTION_HANDLERS
from bot.settings import Settings
from bot.telegram_adapter.rendering import (
    CAPTION_LIMIT,
    PAGE_LIMIT,
    render_caption,
    render_pages,
    telegram_length,
)
from briefings.errors import InputError
from briefings.replies.reply import Reply
from briefings.schedules.zones import parse_time
from storage import export_store, get_subscription

# Characters that have broken argument handling, or could: digits of other scripts, signs,
# brackets, bidirectional and invisible characters, controls, markup, quotes, the words
# commands take.
TRICKY = (
    "0123456789²³¹½٣३①Ⅻ〇０９-+−[](){}/@_*`~<>&\"'“”.:,;!?… \t\n\r\x00\x1b\x7f\x85\u00ad"
    "\u061c\u200b\u200c\u200d\u200e\u200f\u2028\u202a\u202e\u2066\u2069\ufeff\U000e0041"
    "yesplacespeopleKyivzelenskyampmUTC"
)
KNOWN = (
    *("", " ", "places", "places 2", "people", "russia", "us", "others", "killed", "aid"),
    *("zelensky", "Kremlin", "Kyiv", "7pm New York", "08:00 Factory", "localtime", "25:00"),
    *("[1]", "1", "2", "0", "-1", "²", "٣", "1" * 25, "1 yes", "http://127.0.0.1/", "/who"),
)
ARGUMENTS = st.one_of(
    st.text(),
    st.text(alphabet=TRICKY),
    st.integers().map(str),
    st.integers(min_value=2**31 - 2, max_value=2**70).map(lambda n: f"[{n}]"),
    st.sampled_from(KNOWN),
    # Very long arguments: up to 100,000 characters.
    st.builds(
        operator.mul,
        st.sampled_from(["x", "9", "²", "\u202e", " ", "Kyiv ", "a\x00"]),
        st.integers(4_000, 100_000),
    ),
)
TELEGRAM_MESSAGE = 4096
# Examples per command, fewer for the slow answers (a chart drawn, a digest composed, an article
# extracted), so that the module runs in about half a minute.
EXAMPLES = 100
FEWER = {"chart": 40, "digest": 40, "load": 50}


def examples(name: str = "") -> settings:
    """Hypothesis' settings for a command's property: bounded examples, no deadline."""
    count = FEWER.get(name, EXAMPLES)
    return settings(max_examples=count, deadline=None, suppress_health_check=[HealthCheck.too_slow])


BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ADMIN = Caller(is_admin=True, chat_id=77, user_id=77)
_chats = itertools.count(10_000)


@pytest.fixture(scope="module")
def runner() -> Iterator[asyncio.Runner]:
    """One event loop for the module's store and every example."""
    with asyncio.Runner() as loop:
        yield loop


@pytest.fixture(scope="module")
def runtime(
    runner: asyncio.Runner,
    seeded_template: Path,
    tmp_path_factory: pytest.TempPathFactory,
    extraction_worker: ExtractionWorker,
) -> Iterator[Runtime]:
    """A runtime on the module's own copy of the seeded store."""
    store = tmp_path_factory.mktemp("properties") / "store.db"
    copy_store(seeded_template, store)
    # No network is allowed past the public ones, and /load's fetches reach none (below).
    test_settings = make_settings(store).model_copy(update={"fetch_allowed_networks": frozenset()})
    opened = runner.run(open_runtime(test_settings, extraction_worker))
    yield opened
    runner.run(opened.close())


class Store:
    """The module's store: its runtime, the loop it runs on, and a watch on its commits."""

    def __init__(self, runner: asyncio.Runner, runtime: Runtime, watch: sqlite3.Connection) -> None:
        self.runner = runner
        self.runtime = runtime
        self._watch = watch

    def answer(self, line: str, caller: Caller = VISITOR) -> Reply:
        """The reply to a line, as every front end gets it."""
        return self.runner.run(answer(self.runtime, line, caller))

    def version(self) -> int:
        """A number that changes whenever another connection commits to the store."""
        return int(self._watch.execute("PRAGMA data_version").fetchone()[0])

    def export(self) -> dict[str, Any]:
        """The whole store as `briefbot export` prints it."""
        return export(self.runner, self.runtime)

    def unchanged_by(self, check: Callable[[], None]) -> None:
        """Run a property's examples; the store's export must be the same after all of them."""
        before = self.export()
        check()
        assert self.export() == before


@pytest.fixture(scope="module")
def store(runner: asyncio.Runner, runtime: Runtime) -> Iterator[Store]:
    """The module's store, with a connection of its own that watches for commits."""
    url = runtime.settings.database_url.removeprefix("sqlite+aiosqlite:///")
    with closing(sqlite3.connect(f"file:{url}?mode=ro", uri=True)) as watch:
        yield Store(runner, runtime, watch)


def export(runner: asyncio.Runner, runtime: Runtime) -> dict[str, Any]:
    """The whole store as `briefbot export` prints it."""

    async def read() -> dict[str, Any]:
        async with runtime.sessions() as session:
            return dict(await export_store(session))

    return runner.run(read())


def check_pages(reply: Reply) -> None:
    """Every page Telegram would show is within its limit, and no bidi control is echoed."""
    if reply.photo is not None:
        assert telegram_length(render_caption(reply)) <= CAPTION_LIMIT
    assert all(telegram_length(page) <= PAGE_LIMIT for page in render_pages(reply))
    assert not BIDI.search(reply.plain)


def subscription(store: Store, chat_id: int) -> object:
    """The chat's subscription, or None."""

    async def read() -> object:
        async with store.runtime.sessions() as session:
            return await get_subscription(session, chat_id=chat_id)

    return store.runner.run(read())


USER_COMMANDS = sorted({*COMMANDS, *CHART_HANDLERS, *ADMIN_HANDLERS})


@pytest.mark.parametrize("name", USER_COMMANDS)
def test_every_command_answers_any_argument_and_changes_nothing(store: Store, name: str) -> None:
    @examples(name)
    @given(argument=ARGUMENTS)
    def check(argument: str) -> None:
        version = store.version()
        check_pages(store.answer(f"/{name} {argument}"))
        assert store.version() == version

    store.unchanged_by(check)


@pytest.mark.parametrize("name", sorted(SUBSCRIPTION_HANDLERS))
def test_subscription_commands_answer_any_argument(store: Store, name: str) -> None:
    @examples(name)
    @given(argument=ARGUMENTS)
    def check(argument: str) -> None:
        chat = next(_chats)
        version = store.version()
        reply = store.answer(f"/{name} {argument}", Caller(chat_id=chat))
        check_pages(reply)
        subscribed = reply.plain.startswith("✅ Subscribed")
        assert (store.version() != version) == subscribed
        assert (subscription(store, chat) is not None) == subscribed

    store.unchanged_by(check)


@pytest.mark.parametrize("name", ["articles", "remove"])
def test_admin_commands_answer_any_argument(store: Store, name: str) -> None:
    # may_change=False: a random "N yes" is read, and refused instead of deleting article N.
    caller = Caller(is_admin=True, chat_id=77, user_id=77, may_change=False)

    @examples(name)
    @given(argument=ARGUMENTS)
    def check(argument: str) -> None:
        version = store.version()
        check_pages(store.answer(f"/{name} {argument}", caller))
        assert store.version() == version

    store.unchanged_by(check)


def test_any_line_is_answered(store: Store) -> None:
    @examples()
    @given(line=st.one_of(ARGUMENTS, st.text().map(lambda text: f"/{text}")))
    def check(line: str) -> None:
        version = store.version()
        check_pages(store.answer(line))
        assert store.version() == version

    store.unchanged_by(check)


async def _no_host(host: str) -> list[fetching.Address]:
    """A resolver that knows no host: nothing is looked up."""
    raise socket.gaierror(socket.EAI_NONAME, f"{host}: no host in the tests")


def _no_connection(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("no connection in the tests", request=request)


URLS = st.builds(
    "{}://{}{}".format,
    st.sampled_from(["http", "https", "HTTP", "ftp"]),
    st.one_of(
        st.ip_addresses().map(lambda ip: f"[{ip}]" if ip.version == 6 else str(ip)),
        st.from_regex(r"[a-z0-9.-]{1,30}(:[0-9]{1,5})?", fullmatch=True),
        st.text(alphabet=TRICKY, max_size=30),
    ),
    st.text(max_size=40).map(lambda path: "/" + path.replace(" ", "")),
)
# Pasted articles: a title line, then a body of random text or of words and numbers.
PASTED = st.builds(
    "{}\n{}".format,
    st.text(max_size=80),
    st.one_of(
        st.text(min_size=1, max_size=2000),
        st.lists(
            st.one_of(
                st.sampled_from((*KNOWN, "said", "killed", "demands", ".", "\n\n")),
                st.text(TRICKY, max_size=12),
            ),
            min_size=5,
            max_size=300,
        ).map(" ".join),
    ),
)
LOADED = re.compile(r"✅ Loaded as article \[(\d+)\]")


def test_load_answers_any_argument_and_reaches_no_host(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    fetched: list[str] = []

    async def fetch_nowhere(url: str, settings: Settings) -> fetching.FetchedPage:
        fetched.append(url)
        transport = httpx.MockTransport(_no_connection)
        return await fetching.fetch_page(url, settings, transport=transport, resolve=_no_host)

    monkeypatch.setattr(loading, "fetch_page", fetch_nowhere)

    @examples("load")
    @given(argument=st.one_of(ARGUMENTS, URLS, PASTED).filter(lambda a: len(a) <= TELEGRAM_MESSAGE))
    def check(argument: str) -> None:
        before, version = store.export(), store.version()
        reply = store.answer(f"/load {argument}", ADMIN)
        check_pages(reply)
        after = store.export()
        loaded = LOADED.match(reply.plain)
        if loaded is None:
            assert after == before and store.version() == version
        else:
            new = [a for a in after["articles"] if a not in before["articles"]]
            assert [a["id"] for a in new] == [int(loaded.group(1))]
        if isinstance(article_input(argument, ADMIN), WebAddress) and "already" not in reply.plain:
            assert fetched and fetched[-1] == clean(argument)

    check()


TIME_REFUSAL = re.compile(
    r"“[^\n]{0,40}” is not a time( of day)?; "
    r"(write it as HH:MM, e\.g\. 08:30|with am or pm the hour is 1 to 12)\."
)


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        ARGUMENTS, st.from_regex(r"\s*[0-9²٣]{1,3}([:.h][0-9٣]{1,3})?\s*([aApP][mM])?\s*")
    )
)
def test_the_time_parser_reads_a_time_or_refuses_in_one_sentence(text: str) -> None:
    try:
        parsed = parse_time(text)
    except InputError as refused:
        assert TIME_REFUSAL.fullmatch(str(refused)), str(refused)
    else:
        assert re.fullmatch(r"\s*[0-9]{1,2}([:.h][0-9]{2})?\s*([aApP][mM])?\s*", text)
        assert 0 <= parsed.hour <= 23 and 0 <= parsed.minute <= 59
