"""Read the bytes of an article file safely: regular files only, never past the size limit.

A path can name anything: a device that never ends (/dev/zero, /dev/urandom), a named pipe
that blocks until someone writes, a socket, a folder, or a link to any of these. So the path
(links followed) is checked to be a regular file before it is opened, and checked again on
the opened descriptor, in case it was swapped in between; it is opened without blocking, so
that not even opening a named pipe can hang. Then at most max_bytes + 1 bytes are read,
whatever size the file reports (a file can grow while it is read, and /proc files report
none): one byte more than the limit is enough to refuse it. Every refusal is an InputError
with one sentence for the user.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from briefings.errors import InputError
from briefings.reading.sizes import check_size, over_the_limit

_CHUNK_BYTES = 64 * 1024
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
_KINDS = {
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFSOCK: "a socket",
}


def read_file_bytes(path: Path, *, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most max_bytes; raises InputError otherwise."""
    name = path.name or str(path)
    try:
        # Checked before opening too: opening a device can itself do something.
        _check_regular(path, os.stat(path).st_mode, name)
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _refusal(error, name) from error
    try:
        status = os.fstat(descriptor)
        _check_regular(path, status.st_mode, name)
        check_size(status.st_size, max_bytes, source=name)
        return _read_at_most(descriptor, max_bytes, name)
    except OSError as error:
        raise _refusal(error, name) from error
    finally:
        os.close(descriptor)


def _check_regular(path: Path, mode: int, name: str) -> None:
    """Raise InputError unless the mode is a regular file's."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise InputError(f"{name} is a folder, not a file.")
    kind = _KINDS.get(stat.S_IFMT(mode), "something other than a file")
    is_link = "a link to " if path.is_symlink() else ""
    raise InputError(f"{name} is {is_link}{kind}, not a regular file.")


def _read_at_most(descriptor: int, max_bytes: int, name: str) -> bytes:
    """Read to the end, or refuse once more than max_bytes have come."""
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = os.read(descriptor, min(_CHUNK_BYTES, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    raise over_the_limit(max_bytes, source=name)


def _refusal(error: OSError, name: str) -> InputError:
    """One sentence for a file that could not be opened or read."""
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return InputError(f"There is no file named {name}.")
    if isinstance(error, IsADirectoryError):
        return InputError(f"{name} is a folder, not a file.")
    if isinstance(error, PermissionError):
        return InputError(f"I am not allowed to read {name}.")
    if error.errno == errno.ELOOP:
        return InputError(f"{name} is a link that leads round in a circle.")
    reason = (error.strerror or "an error of the system").lower()
    return InputError(f"I could not read {name} ({reason}).")
