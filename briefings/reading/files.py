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
from briefings.i18n import N_, _
from briefings.reading.sizes import check_size, over_the_limit

_CHUNK_BYTES = 64 * 1024
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0)
# What a path is instead of a regular file ("{name} is a named pipe"), translated where said.
_KINDS = {
    stat.S_IFCHR: N_("a device"),
    stat.S_IFBLK: N_("a device"),
    stat.S_IFIFO: N_("a named pipe"),
    stat.S_IFSOCK: N_("a socket"),
}
_OTHER_KIND = N_("something other than a file")


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
        raise InputError(_("{name} is a folder, not a file.").format(name=name))
    kind = _(_KINDS.get(stat.S_IFMT(mode), _OTHER_KIND))
    if path.is_symlink():
        # i18n: {kind} is what the link leads to instead of a file, such as "a named pipe".
        sentence = _("{name} is a link to {kind}, not a regular file.")
    else:
        # i18n: {kind} is what the path is instead of a file, such as "a named pipe".
        sentence = _("{name} is {kind}, not a regular file.")
    raise InputError(sentence.format(name=name, kind=kind))


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
        return InputError(_("There is no file named {name}.").format(name=name))
    if isinstance(error, IsADirectoryError):
        return InputError(_("{name} is a folder, not a file.").format(name=name))
    if isinstance(error, PermissionError):
        return InputError(_("I am not allowed to read {name}.").format(name=name))
    if error.errno == errno.ELOOP:
        return InputError(_("{name} is a link that leads round in a circle.").format(name=name))
    # The system's reason is its own words (English); only the fallback is ours.
    reason = (error.strerror or _("an error of the system")).lower()
    # i18n: {reason} is the operating system's reason, such as "input/output error".
    return InputError(_("I could not read {name} ({reason}).").format(name=name, reason=reason))
