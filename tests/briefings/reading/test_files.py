"""Tests for briefings.reading.files and read_path: regular files only, never past the limit.

Every test that could hang on a regressed reader (a device, a named pipe) runs the read in a
daemon thread and fails when it has not finished within a few seconds.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefings.errors import InputError, InputTooLargeError
from briefings.i18n import UKRAINIAN, use_language
from briefings.reading.articles import read_path
from briefings.reading.files import read_file_bytes

SECONDS = 5
LIMIT = 64 * 1024


def within_seconds(read: Callable[[], object]) -> BaseException | object:
    """What read returns or raises, or a test failure when it has not finished in SECONDS."""
    outcome: list[BaseException | object] = []

    def run() -> None:
        try:
            outcome.append(read())
        except BaseException as error:  # handed to the test, which checks it
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(SECONDS)
    if worker.is_alive():
        pytest.fail(f"reading did not finish within {SECONDS} s")
    return outcome[0]


def refusal(path: Path) -> str:
    """The one sentence read_path refuses path with, within SECONDS."""
    outcome = within_seconds(lambda: read_path(path, max_bytes=LIMIT))
    assert isinstance(outcome, InputError), outcome
    return str(outcome)


def link(tmp_path: Path, name: str, target: str | Path) -> Path:
    """A symbolic link named name in tmp_path pointing at target."""
    path = tmp_path / name
    path.symlink_to(target)
    return path


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_link_to_an_endless_device_is_refused(tmp_path: Path, device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} is not on this system")
    path = link(tmp_path, "story.txt", device)
    assert refusal(path) == "story.txt is a link to a device, not a regular file."


def test_a_device_named_directly_is_refused() -> None:
    assert refusal(Path("/dev/zero")) == "zero is a device, not a regular file."


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "story.txt"
    os.mkfifo(pipe)
    assert refusal(pipe) == "story.txt is a named pipe, not a regular file."
    assert (
        refusal(link(tmp_path, "via.txt", pipe))
        == "via.txt is a link to a named pipe, not a regular file."
    )


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    """A listening Unix socket in tmp_path."""
    path = tmp_path / "story.txt"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        server.listen()
        yield path


def test_a_socket_is_refused(unix_socket: Path) -> None:
    assert refusal(unix_socket) == "story.txt is a socket, not a regular file."


def test_a_folder_and_a_link_to_one_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    assert refusal(folder) == "articles is a folder, not a file."
    assert refusal(link(tmp_path, "there", folder)) == "there is a folder, not a file."


def test_missing_files_and_broken_or_looping_links_are_refused(tmp_path: Path) -> None:
    assert refusal(tmp_path / "nope.txt") == "There is no file named nope.txt."
    assert (
        refusal(link(tmp_path, "gone.txt", tmp_path / "nowhere"))
        == "There is no file named gone.txt."
    )
    loop = link(tmp_path, "loop.txt", tmp_path / "loop.txt")
    assert refusal(loop) == "loop.txt is a link that leads round in a circle."


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Talks resume.")
    path.chmod(0)
    assert refusal(path) == "I am not allowed to read secret.txt."


def test_a_link_to_a_regular_file_is_read(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("# Talks resume\n\nKyiv said yes.", encoding="utf-8")
    article = read_path(link(tmp_path, "story.md", target), max_bytes=LIMIT)
    assert (article.source, article.title, article.text) == (
        "story.md",
        "Talks resume",
        "Kyiv said yes.",
    )


def test_a_file_larger_than_it_reports_is_cut_off_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a file that grows after it was opened: its size said 100 bytes, it holds 1 MB.
    path = tmp_path / "growing.txt"
    path.write_bytes(b"Talks resume.\n\n" + b"more words " * 100_000)
    real_fstat = os.fstat

    def small_fstat(descriptor: int) -> os.stat_result:
        status = real_fstat(descriptor)
        fields = list(status[:10])
        fields[6] = 100  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", small_fstat)
    outcome = within_seconds(lambda: read_file_bytes(path, max_bytes=LIMIT))
    assert isinstance(outcome, InputTooLargeError)
    assert str(outcome) == "The file is over the size limit of 64.0 KB."


def test_a_file_that_reports_no_size_is_read_to_the_limit_only(tmp_path: Path) -> None:
    # /proc files report a size of 0 whatever they hold.
    proc = Path("/proc/self/status")
    if not proc.exists():
        pytest.skip("no /proc on this system")
    assert proc.stat().st_size == 0
    assert b"Name:" in read_file_bytes(proc, max_bytes=LIMIT)
    outcome = within_seconds(lambda: read_file_bytes(proc, max_bytes=16))
    assert str(outcome) == "The file is over the size limit of 16 bytes."


def test_a_file_over_the_limit_is_refused_by_its_size_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)
    outcome = within_seconds(lambda: read_path(big, max_bytes=LIMIT))
    assert str(outcome) == "The file is 20.0 MB; the limit is 64.0 KB."


def test_a_file_at_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "exact.txt"
    path.write_bytes(b"Talks resume.\n\n" + b"word " * ((LIMIT - 15) // 5))
    assert len(read_file_bytes(path, max_bytes=path.stat().st_size)) == path.stat().st_size


def refusal_here(path: Path) -> str:
    """The sentence read_path refuses path with, read in this thread (whose language a test
    sets; the named pipe is opened without blocking)."""
    with pytest.raises(InputError) as refused:
        read_path(path, max_bytes=LIMIT)
    return str(refused.value)


def test_refusals_are_said_in_ukrainian_under_ukrainian(tmp_path: Path) -> None:
    pipe = tmp_path / "story.txt"
    os.mkfifo(pipe)
    folder = tmp_path / "articles"
    folder.mkdir()
    with use_language(UKRAINIAN):
        said = [
            refusal_here(pipe),
            refusal_here(link(tmp_path, "via.txt", pipe)),
            refusal_here(folder),
            refusal_here(tmp_path / "nope.txt"),
            refusal_here(link(tmp_path, "loop.txt", tmp_path / "loop.txt")),
        ]
    assert said == [
        "story.txt — це іменований канал, а не звичайний файл.",
        "via.txt — це посилання на іменований канал, а не звичайний файл.",
        "articles — це тека, а не файл.",
        "Файлу з назвою nope.txt немає.",
        "loop.txt — це посилання, що веде по колу.",
    ]
    assert refusal(pipe) == "story.txt is a named pipe, not a regular file."
