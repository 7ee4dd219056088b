"""Why the store failed, and the one sentence that says so to whoever runs briefbot.

`store_failure` sorts an exception raised while using the store into one of the kinds of
`StoreFailure`, looking through it and what lies under it: SQLAlchemy's wrapper, the driver's
own error (asyncpg's SQLSTATE, sqlite3's result code), the OS error beneath (refused, unknown
host, timed out), Alembic's. `describe_store_failure` turns any exception into one sentence
that names the store as `store_label` shows it: a PostgreSQL URL with its password masked, or
a SQLite file's path. Callers outside storage/ use these, never the drivers' names. The
sentence is in the language of the answer being built (briefings.i18n.use_language); the
exceptions' own messages, for the log, stay English.

The kinds, by what the one who runs briefbot can do about them:

- the server cannot be reached (down, refused, unknown host, silent, connection lost): wait
  or start it;
- the login or the database name is refused: a settings problem, DATABASE_URL;
- the file is missing where it must already be (`briefbot health` never creates it), or the
  file or its folder cannot be made, opened or written, or is not a database, or is
  damaged: a problem of the file system or of the file DATABASE_URL names;
- the schema was migrated by a newer briefbot: upgrade briefbot.
"""

from __future__ import annotations

import errno
import socket
import sqlite3
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

from briefings.i18n import N_, _

# What a sentence calls the store when it must not show where the store is (a reply in a chat).
# i18n: {store} of the sentences below; one form that fits all of them (they may open with it).
ARTICLE_STORE = N_("the article store")


class StoreFailure(StrEnum):
    """A kind of store failure; its value is the sentence (English, translated where said),
    with {store} to fill in."""

    # i18n: {store} is "the article store" or "the store at PATH-OR-URL", as written here.
    UNREACHABLE = N_("Can't reach {store}: nothing answers at its address.")
    UNKNOWN_HOST = N_("Can't reach {store}: its host name is unknown.")
    TIMED_OUT = N_("Can't reach {store}: it did not answer in time.")
    CONNECTION_LOST = N_("Can't reach {store}: the connection to it was lost.")
    LOGIN_REFUSED = N_(
        "Can't log in to {store}: the user name or password in DATABASE_URL is wrong."
    )
    NO_DATABASE = N_(
        "Can't open {store}: the server has no such database; create it or correct DATABASE_URL."
    )
    # i18n: {reason} is why, such as "permission denied" or "a file is in the way".
    NO_FOLDER = N_("Can't create the folder {folder} for {store}: {reason}.")
    NO_FILE = N_("Can't open {store}: there is no such file.")
    CANT_OPEN = N_("Can't open {store}: the file cannot be opened or created there.")
    NOT_A_DATABASE = N_("Can't open {store}: the file is not a SQLite database.")
    DAMAGED = N_("Can't read {store}: the database file is damaged.")
    READ_ONLY = N_("Can't write to {store}: it is read-only.")
    DISK_FULL = N_("Can't write to {store}: the disk is full.")
    LOCKED = N_("Can't write to {store}: another program kept it locked.")
    NEWER_SCHEMA = N_(
        "Can't use {store}: a newer version of briefbot has migrated it; upgrade briefbot."
    )


# Any other failure: what the driver said, in its first line.
# i18n: {detail} is what the database driver said, in its own words (English).
OTHER = N_("Can't use {store}: {detail}.")


class StoreFolderError(SQLAlchemyError):
    """The folder of a SQLite store's file could not be created."""

    def __init__(self, folder: Path, error: OSError) -> None:
        super().__init__(f"cannot create {folder}: {error.strerror or error}")
        self.folder = folder
        self.reason = _FOLDER_REASONS.get(error.errno or 0, (error.strerror or str(error)).lower())


class StoreMissingError(SQLAlchemyError):
    """A SQLite store's file does not exist where it was to be checked, not created."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"no such file: {path}")
        self.path = path


# Why a folder could not be made, said in NO_FOLDER's {reason} (translated there).
_FOLDER_REASONS = {
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EEXIST: N_("a file is in the way"),
    errno.ENOTDIR: N_("a file is in the way"),
    errno.EROFS: N_("the file system is read-only"),
    errno.ENOSPC: N_("the disk is full"),
}
# SQLSTATEs (asyncpg's `sqlstate`); a class of codes is named by its first two characters.
_SQLSTATES = {
    "28P01": StoreFailure.LOGIN_REFUSED,
    "28000": StoreFailure.LOGIN_REFUSED,
    "3D000": StoreFailure.NO_DATABASE,
    "25006": StoreFailure.READ_ONLY,
    "53100": StoreFailure.DISK_FULL,
    "57P01": StoreFailure.CONNECTION_LOST,
    "57P02": StoreFailure.CONNECTION_LOST,
    "57P03": StoreFailure.UNREACHABLE,
    "08": StoreFailure.CONNECTION_LOST,
}
# SQLite's primary result codes (sqlite3's `sqlite_errorcode`, low byte).
_SQLITE_CODES = {
    sqlite3.SQLITE_READONLY: StoreFailure.READ_ONLY,
    sqlite3.SQLITE_PERM: StoreFailure.READ_ONLY,
    sqlite3.SQLITE_NOTADB: StoreFailure.NOT_A_DATABASE,
    sqlite3.SQLITE_CORRUPT: StoreFailure.DAMAGED,
    sqlite3.SQLITE_CANTOPEN: StoreFailure.CANT_OPEN,
    sqlite3.SQLITE_FULL: StoreFailure.DISK_FULL,
    sqlite3.SQLITE_BUSY: StoreFailure.LOCKED,
}
# Socket errors that mean the server cannot be reached or went away.
_ERRNOS = {
    errno.ECONNREFUSED: StoreFailure.UNREACHABLE,
    errno.EHOSTUNREACH: StoreFailure.UNREACHABLE,
    errno.ENETUNREACH: StoreFailure.UNREACHABLE,
    errno.EADDRNOTAVAIL: StoreFailure.UNREACHABLE,
    errno.ETIMEDOUT: StoreFailure.TIMED_OUT,
    errno.ECONNRESET: StoreFailure.CONNECTION_LOST,
    errno.ECONNABORTED: StoreFailure.CONNECTION_LOST,
    errno.EPIPE: StoreFailure.CONNECTION_LOST,
}


def store_failure(error: BaseException) -> StoreFailure | None:
    """The kind of store failure an error is, or None when it is none of the known kinds."""
    for link in _chain(error):
        kind = _kind_of(link)
        if kind is not None:
            return kind
    return None


def is_store_failure(error: BaseException) -> bool:
    """True when an error is the store's: any SQLAlchemy error, or a failure of a known kind."""
    return isinstance(error, SQLAlchemyError) or store_failure(error) is not None


def is_unreachable(error: BaseException) -> bool:
    """True when the store itself cannot serve (down, refused, unopenable, unwritable: a
    failure of a known kind), so a chat user is told to try again later, not that it broke."""
    return store_failure(error) is not None


def describe_store_failure(error: BaseException, store: str | None = None) -> str:
    """The one sentence for any error the store raised, in the current language; store is how
    to call it there (a `store_label`; ARTICLE_STORE when None)."""
    store = _(ARTICLE_STORE) if store is None else store
    kind = store_failure(error)
    if kind is None:
        return _sentence(_(OTHER).format(store=store, detail=_detail(error)))
    folder = next((e for e in _chain(error) if isinstance(e, StoreFolderError)), None)
    if kind is StoreFailure.NO_FOLDER and folder is not None:
        known = folder.reason in _FOLDER_REASONS.values()
        reason = _(folder.reason) if known else folder.reason  # else the system's own words
        return _sentence(_(kind.value).format(folder=folder.folder, store=store, reason=reason))
    return _sentence(_(kind.value).format(store=store))


def store_label(url: str) -> str:
    """The store as a sentence names it, in the current language: its URL with the password
    masked, or its file."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return _("the store")
    if parsed.get_backend_name() == "sqlite":
        # i18n: a SQLite store kept in memory, not in a file ("the store at memory").
        where = parsed.database or _("memory")
    else:
        where = parsed.render_as_string(hide_password=True)
    # i18n: {where} is a file's path or a database URL.
    return _("the store at {where}").format(where=where)


def _sentence(text: str) -> str:
    """The text with a capital first letter (a language may start it with the store's name)."""
    return text[:1].upper() + text[1:]


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error, then what lies under it (the driver's error, causes, contexts), each once."""
    pending, seen = [error], set[int]()
    while pending and len(seen) < 20:
        link = pending.pop(0)
        if id(link) in seen:
            continue
        seen.add(id(link))
        yield link
        orig = link.orig if isinstance(link, DBAPIError) else None
        pending += [e for e in (orig, link.__cause__, link.__context__) if e is not None]


def _kind_of(error: BaseException) -> StoreFailure | None:
    """The kind one error is by itself, without looking under it."""
    if isinstance(error, StoreFolderError):
        return StoreFailure.NO_FOLDER
    if isinstance(error, StoreMissingError):
        return StoreFailure.NO_FILE
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return StoreFailure.CONNECTION_LOST
    sqlstate = getattr(error, "sqlstate", None)
    if isinstance(sqlstate, str):
        return _SQLSTATES.get(sqlstate) or _SQLSTATES.get(sqlstate[:2])
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        return _SQLITE_CODES.get(code & 0xFF)
    if _is_unknown_revision(error):
        return StoreFailure.NEWER_SCHEMA
    return _network_kind(error) if isinstance(error, OSError) else None


def _network_kind(error: OSError) -> StoreFailure | None:
    """The kind of a socket error met while connecting or talking to a server."""
    if isinstance(error, socket.gaierror):
        return StoreFailure.UNKNOWN_HOST
    if isinstance(error, TimeoutError):
        return StoreFailure.TIMED_OUT
    if error.errno in _ERRNOS:
        return _ERRNOS[error.errno]
    if isinstance(error, ConnectionError):
        return StoreFailure.CONNECTION_LOST
    # asyncio's create_connection, having tried each address of a host, raises this.
    if str(error).startswith("Multiple exceptions:"):
        return StoreFailure.UNREACHABLE
    return None


def _is_unknown_revision(error: BaseException) -> bool:
    """True for Alembic's refusal of a revision it has no file for (a newer briefbot's)."""
    return type(error).__module__.startswith("alembic") and "Can't locate revision" in str(error)


def _detail(error: BaseException) -> str:
    """What the innermost error said, on one line, without a closing full stop."""
    innermost = list(_chain(error))[-1]
    lines = str(innermost).strip().splitlines() or [type(innermost).__name__]
    return lines[0][:200].rstrip(". ")
