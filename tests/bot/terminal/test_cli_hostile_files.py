"""`briefbot load` of hostile files: each answered within 30 s in one sentence, the store unchanged.

Before issue 18 these stalled or crashed: punctuation runs and an HTML page of `&amp;` took
spaCy's tokenizer minutes, a link to /dev/zero read until MemoryError, a named pipe blocked
for ever, and 190,000 short lines spent minutes in furniture stripping and extraction. The
reader answers each of them by itself, before spaCy could see it. Each load runs in a thread
that the test waits 30 s for, so a regression fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_runner import copy_store, export_json, run_cli
from typer.testing import Result

ANSWER_SECONDS = 30
HTML_PAGE = "<html><head><title>Talks</title></head><body><p>{body}</p></body></html>"


def load_within_time(path: Path) -> Result:
    """`briefbot load path`, failing the test when it has not answered in ANSWER_SECONDS."""
    outcome: list[Result | BaseException] = []

    def load() -> None:
        try:
            outcome.append(run_cli("load", path))
        except BaseException as error:  # handed to the test below
            outcome.append(error)

    worker = threading.Thread(target=load, daemon=True)
    started = time.monotonic()
    worker.start()
    worker.join(ANSWER_SECONDS)
    assert not worker.is_alive(), f"no answer within {ANSWER_SECONDS} s"
    assert time.monotonic() - started < ANSWER_SECONDS
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def write(text: str) -> Callable[[Path], None]:
    """A maker of a file holding text."""
    return lambda path: path.write_text(text, encoding="utf-8")


def link_to(target: str) -> Callable[[Path], None]:
    """A maker of a symbolic link to target."""
    return lambda path: path.symlink_to(target)


HOSTILE: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "punctuation only": (
        "marks.txt",
        write("!" * 20_000),
        "The file has no words in it, only punctuation and symbols.",
    ),
    "punctuation under a title": (
        "marks.txt",
        write("Talks resume\n\n" + ".,;:!?" * 3_334),
        "I found no article text, only punctuation and symbols.",
    ),
    "html of &amp;": (
        "page.html",
        write(HTML_PAGE.format(body="&amp; " * 300_000)),
        "I found no article text, only punctuation and symbols.",
    ),
    "link to /dev/zero": (
        "zero.txt",
        link_to("/dev/zero"),
        "zero.txt is a link to a device, not a regular file.",
    ),
    "link to /dev/urandom": (
        "random.txt",
        link_to("/dev/urandom"),
        "random.txt is a link to a device, not a regular file.",
    ),
    "named pipe": ("pipe.txt", os.mkfifo, "pipe.txt is a named pipe, not a regular file."),
    "190,000 short lines": (
        "lines.txt",
        write("".join(f"Item {i % 1000}\n" for i in range(190_000))),
        "The file has 190,000 lines; an article has at most 50,000.",
    ),
}


@pytest.fixture
def seeded(store_env: Path, seeded_template: Path) -> Path:
    """The settings' store, holding the two seed articles."""
    copy_store(seeded_template, store_env)
    return store_env


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_file_is_refused_in_one_sentence_and_changes_nothing(
    seeded: Path, tmp_path: Path, case: str
) -> None:
    name, make, sentence = HOSTILE[case]
    path = tmp_path / name
    make(path)
    before = export_json()
    result = load_within_time(path)
    assert result.exit_code == 1
    assert result.stderr == f"{name}: not loaded: {sentence}\n"
    assert "Traceback" not in result.output
    assert export_json() == before


def test_a_page_with_a_sentence_among_the_ampersands_loads_quickly(
    seeded: Path, tmp_path: Path
) -> None:
    path = tmp_path / "page.html"
    body = "Talks resumed in Geneva on Monday, officials said.</p><p>" + "&amp;" * 300_000
    path.write_text(HTML_PAGE.format(body=body), encoding="utf-8")
    articles = len(export_json()["articles"])
    result = load_within_time(path)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("page.html: loaded as article ")
    assert len(export_json()["articles"]) == articles + 1
