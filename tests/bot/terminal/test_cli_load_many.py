"""Tests for `briefbot load` of many files and folders: a line per file, the bad ones alone."""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

from cli_runner import REPO, SEEDS_DIR, SETTINGS_VARIABLES, export_json, run_cli


def seed_folder(tmp_path: Path) -> Path:
    """A folder holding both seeds, an empty file, a binary one, a PDF and a subfolder."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for seed in sorted(SEEDS_DIR.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    (folder / "blank.md").touch()
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "report.pdf").write_text("not read: not an article file")
    (folder / "older").mkdir()
    shutil.copy(sorted(SEEDS_DIR.glob("*.txt"))[0], folder / "older" / "copy.txt")
    return folder


def test_a_folder_loads_each_article_file_once_and_reports_the_bad_ones(
    store_env: Path, tmp_path: Path
) -> None:
    folder = seed_folder(tmp_path)
    result = run_cli("load", folder)
    assert result.exit_code == 1
    seeds = sorted(p.name for p in SEEDS_DIR.glob("*.txt"))
    out = result.stdout.splitlines()
    assert [line.split(":")[0] for line in out[:-1]] == seeds
    assert all(": loaded as article" in line for line in out[:-1])
    assert out[-1] == "4 files: 2 loaded, 0 already loaded, 2 not loaded"
    err = result.stderr.splitlines()
    assert [line.split(": not loaded: ")[0] for line in err] == ["blank.md", "photo.txt"]
    assert "\r" not in result.stderr  # no progress bar: standard error is no terminal here
    assert len(export_json()["articles"]) == 2


def test_loading_the_folder_again_changes_nothing(store_env: Path, tmp_path: Path) -> None:
    folder = seed_folder(tmp_path)
    run_cli("load", folder)
    before = export_json()
    result = run_cli("load", *sorted(SEEDS_DIR.glob("*.txt")), folder / "older" / "copy.txt")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "3 files: 0 loaded, 3 already loaded, 0 not loaded"
    assert export_json() == before


def test_a_folder_without_articles_says_so(store_env: Path, tmp_path: Path) -> None:
    result = run_cli("load", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == "No article files (.txt, .md, .html) to load there.\n"


def test_a_terminal_sees_the_progress_bar(store_env: Path, tmp_path: Path) -> None:
    # Standard error on a pseudo-terminal of 24 x 80, as in a user's shell; standard output piped.
    folder = seed_folder(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARIABLES}
    env |= {"DATABASE_URL": f"sqlite+aiosqlite:///{store_env}", "PYTHONPATH": str(REPO)}
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    drawn: list[bytes] = []
    reader = threading.Thread(target=read_all, args=(leader, drawn))
    reader.start()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bot.terminal.cli", "load", str(folder)],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=120,
            check=False,
        )
    finally:
        os.close(follower)
        reader.join(timeout=10)
        os.close(leader)
    screen = b"".join(drawn).decode(errors="replace")
    assert done.returncode == 1
    assert "loading:" in screen
    assert "/4 [" in screen
    assert "photo.txt: not loaded:" in screen
    assert done.stdout.decode().count(": loaded as article") == 2


def read_all(leader: int, into: list[bytes]) -> None:
    """Read a pseudo-terminal until its other end is closed."""
    # Read while it is written: Linux drops what is unread when the last writer closes.
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the other end is closed
            return
        if not chunk:
            return
        into.append(chunk)
