"""Tests of storage.failures: real failures of each kind, sorted and said in one sentence.

Each failure is made for real where this machine allows (a closed port, a file of random
bytes, a read-only opening, a file in the folder's way; PostgreSQL's refusals when
TEST_POSTGRES_URL is set); a failure that needs the outside world (DNS) is the error its
driver raises, built by hand. Every known kind is `is_unreachable`, which the bot's error
handler reads to tell a chat user the store can't be reached.
"""

from __future__ import annotations

import errno
import random
import socket
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import URL, make_url, text
from sqlalchemy.exc import IntegrityError

from briefings.i18n import UKRAINIAN, use_language
from storage import (
    StoreError,
    StoreFailure,
    create_engine,
    describe_store_failure,
    is_store_failure,
    is_unreachable,
    store_failure,
    store_label,
)
from tests.support.postgres import postgres_url


async def failure_of(url: str | URL, statement: str = "SELECT 1") -> BaseException:
    """The error a statement on a fresh engine for the URL raises (it must raise)."""
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(statement))
    except Exception as error:
        return error
    finally:
        await engine.dispose()
    raise AssertionError(f"{statement} on {url} did not fail")


def closed_port() -> int:
    """A port of 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def assert_one_sentence(sentence: str) -> None:
    """One line, one sentence, every blank filled."""
    assert "\n" not in sentence and "{" not in sentence
    assert sentence.startswith("Can't ") and sentence.endswith(".")


async def test_a_closed_port_is_unreachable() -> None:
    error = await failure_of(f"postgresql+asyncpg://u:pw@127.0.0.1:{closed_port()}/db")
    assert store_failure(error) is StoreFailure.UNREACHABLE
    assert is_unreachable(error)  # a chat user is told the store can't be reached
    assert describe_store_failure(error) == (
        "Can't reach the article store: nothing answers at its address."
    )


async def test_a_file_of_random_bytes_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    path.write_bytes(b"no header" + random.Random(1).randbytes(4096))
    error = await failure_of(f"sqlite+aiosqlite:///{path}")
    assert store_failure(error) is StoreFailure.NOT_A_DATABASE
    assert is_unreachable(error)  # a chat user is told the store can't be reached
    assert describe_store_failure(error, store_label(f"sqlite+aiosqlite:///{path}")) == (
        f"Can't open the store at {path}: the file is not a SQLite database."
    )


async def test_a_write_to_a_store_opened_read_only_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    sqlite3.connect(path).close()
    error = await failure_of(
        f"sqlite+aiosqlite:///file:{path}?mode=ro&uri=true", "CREATE TABLE t (v INTEGER)"
    )
    assert store_failure(error) is StoreFailure.READ_ONLY
    assert is_unreachable(error)  # a chat user is told the store can't be reached
    assert describe_store_failure(error) == "Can't write to the article store: it is read-only."


async def test_a_folder_that_cannot_be_made_is_named_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("a file")
    url = f"sqlite+aiosqlite:///{tmp_path / 'notes' / 'store.db'}"
    with pytest.raises(StoreError) as raised:
        create_engine(url)
    assert store_failure(raised.value) is StoreFailure.NO_FOLDER
    assert is_unreachable(raised.value)  # a chat user is told the store can't be reached
    assert describe_store_failure(raised.value, store_label(url)) == (
        f"Can't create the folder {tmp_path / 'notes'} for the store at "
        f"{tmp_path / 'notes' / 'store.db'}: a file is in the way."
    )


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), "UNKNOWN_HOST"),
        (TimeoutError(), "TIMED_OUT"),
        (ConnectionRefusedError(errno.ECONNREFUSED, "Connect call failed"), "UNREACHABLE"),
        (ConnectionResetError(errno.ECONNRESET, "reset by peer"), "CONNECTION_LOST"),
        (OSError("Multiple exceptions: [Errno 111] Connect call failed"), "UNREACHABLE"),
        (OSError(errno.EHOSTUNREACH, "No route to host"), "UNREACHABLE"),
    ],
    ids=lambda value: value if isinstance(value, str) else type(value).__name__,
)
def test_socket_errors_of_a_driver_are_sorted(error: OSError, kind: str) -> None:
    wrapped = RuntimeError("while connecting")
    wrapped.__cause__ = error
    assert store_failure(error) is StoreFailure[kind]
    assert store_failure(wrapped) is StoreFailure[kind]
    assert is_unreachable(wrapped)


def test_errors_that_are_not_the_stores_are_left_alone() -> None:
    # spaCy says a missing model with an OSError; a file the loader cannot read is another.
    for error in (OSError("[E050] Can't find model 'x'"), FileNotFoundError(2, "gone"), KeyError()):
        assert store_failure(error) is None
        assert not is_store_failure(error)
        assert not is_unreachable(error)


def test_any_other_store_error_is_one_sentence_with_what_the_driver_said() -> None:
    driver = sqlite3.IntegrityError("UNIQUE constraint failed: articles.content_hash")
    error = IntegrityError("INSERT INTO articles ...", {}, driver)
    assert store_failure(error) is None
    assert is_store_failure(error)
    assert describe_store_failure(error, "the store at x.db") == (
        "Can't use the store at x.db: UNIQUE constraint failed: articles.content_hash."
    )


@pytest.mark.parametrize("kind", list(StoreFailure), ids=lambda kind: kind.name)
def test_every_kind_is_one_sentence(kind: StoreFailure) -> None:
    assert_one_sentence(kind.format(store="the article store", folder="/x", reason="why"))


@pytest.mark.parametrize(
    ("url", "label"),
    [
        (
            "postgresql+asyncpg://bot:s3cret@db:5432/brief",
            "postgresql+asyncpg://bot:***@db:5432/brief",
        ),
        ("postgresql+asyncpg://bot@db/brief", "postgresql+asyncpg://bot@db/brief"),
        ("sqlite+aiosqlite:///./data/briefbot.db", "./data/briefbot.db"),
        ("sqlite+aiosqlite://", "memory"),
    ],
)
def test_a_store_is_named_without_its_password(url: str, label: str) -> None:
    assert store_label(url) == f"the store at {label}"


@pytest.mark.postgres
async def test_postgres_refusals_are_settings_problems() -> None:
    url = make_url(postgres_url())
    wrong_password = await failure_of(url.set(password="not-the-password"))
    no_database = await failure_of(url.set(database="briefbot_no_such_test"))
    assert store_failure(wrong_password) is StoreFailure.LOGIN_REFUSED
    assert store_failure(no_database) is StoreFailure.NO_DATABASE
    label = store_label(url.set(password="not-the-password").render_as_string(False))
    sentence = describe_store_failure(wrong_password, label)
    assert "not-the-password" not in sentence
    assert sentence.endswith(": the user name or password in DATABASE_URL is wrong.")


@pytest.mark.postgres
async def test_a_postgres_connection_ended_by_the_server_is_lost() -> None:
    url = postgres_url()
    engine, other = create_engine(url), create_engine(url)
    try:
        with pytest.raises(StoreError) as raised:
            async with engine.begin() as connection:
                pid = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
                async with other.connect() as killer:
                    await killer.execute(
                        text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid}
                    )
                await connection.execute(text("SELECT 1"))
        assert store_failure(raised.value) is StoreFailure.CONNECTION_LOST
        assert describe_store_failure(raised.value) == (
            "Can't reach the article store: the connection to it was lost."
        )
    finally:
        await engine.dispose()
        await other.dispose()


async def test_the_sentence_is_in_the_language_of_the_answer(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("a file")
    url = f"sqlite+aiosqlite:///{tmp_path / 'notes' / 'store.db'}"
    with pytest.raises(StoreError) as raised:
        create_engine(url)
    refused = ConnectionRefusedError(errno.ECONNREFUSED, "Connect call failed")
    postgres = "postgresql+asyncpg://bot:s3cret@db/brief"
    with use_language(UKRAINIAN):
        said = [
            describe_store_failure(refused),
            describe_store_failure(TimeoutError(), store_label(postgres)),
            describe_store_failure(raised.value, store_label(url)),
            describe_store_failure(KeyError("x"), store_label("sqlite+aiosqlite://")),
        ]
    assert said == [
        # The store's name opens the sentence, with a capital letter.
        "Сховище статей недоступне: за його адресою ніхто не відповідає.",
        "Сховище postgresql+asyncpg://bot:***@db/brief недоступне: воно не відповіло вчасно.",
        f"Не вдається створити теку {tmp_path / 'notes'}, де має бути сховище "
        f"{tmp_path / 'notes' / 'store.db'}: на її місці вже є файл.",
        "Не вдається використати сховище у пам'яті: 'x'.",
    ]
    assert describe_store_failure(refused) == (
        "Can't reach the article store: nothing answers at its address."
    )
