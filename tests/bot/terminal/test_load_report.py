"""Tests for bot.terminal.load_report: a progress bar on a terminal only, a line per file always."""

from __future__ import annotations

import io

import pytest

from bot.core.loading import LoadOutcome
from bot.terminal.load_report import LoadReport, describe, summarise
from briefings.i18n import UKRAINIAN, use_language
from storage.records import SavedArticle

OUTCOMES = [
    LoadOutcome("a.txt", duplicate_of=3),
    LoadOutcome("b.txt", error="The file is empty."),
    LoadOutcome("c.txt", duplicate_of=4),
]


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        """Always: this stream plays a terminal."""
        return True


def show_all(bar_stream: io.StringIO) -> None:
    """Report every outcome through a report drawing its bar, if any, on bar_stream."""
    report = LoadReport(len(OUTCOMES), bar_stream)
    for outcome in OUTCOMES:
        report.show(outcome)
    report.close()


def test_a_terminal_gets_a_progress_bar_and_every_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    terminal = Terminal()
    show_all(terminal)
    drawn = terminal.getvalue()
    assert "loading" in drawn
    assert "0/3" in drawn  # later draws are throttled (tqdm redraws at most every 0.1 s)
    printed = capsys.readouterr()
    assert printed.out.splitlines() == [describe(OUTCOMES[0]), describe(OUTCOMES[2])]
    assert printed.err.splitlines() == [describe(OUTCOMES[1])]


def test_a_stream_that_is_no_terminal_gets_only_the_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    piped = io.StringIO()
    show_all(piped)
    assert piped.getvalue() == ""
    printed = capsys.readouterr()
    assert printed.out.splitlines() == [describe(OUTCOMES[0]), describe(OUTCOMES[2])]
    assert printed.err == "b.txt: not loaded: The file is empty.\n"


def test_the_tally_counts_each_kind() -> None:
    assert summarise(OUTCOMES) == "3 files: 0 loaded, 2 already loaded, 1 not loaded"


def test_a_loaded_file_is_described_with_its_counts() -> None:
    saved = SavedArticle(
        article_id=7,
        title="Talks resume",
        n_sentences=40,
        n_actors_new=2,
        n_actors=5,
        n_figures=1,
        n_demands=3,
    )
    outcome = LoadOutcome("a.txt", saved=saved)
    assert describe(outcome) == (
        "a.txt: loaded as article 7 “Talks resume”: 5 actors (2 new), 1 figure, 3 demands"
    )
    with use_language(UKRAINIAN):
        ukrainian = describe(outcome)
    assert ukrainian == (
        "a.txt: завантажено як статтю 7 «Talks resume»: 5 дійових осіб (нових: 2), 1 цифра, "
        "3 вимоги"
    )


def test_the_lines_and_the_tally_are_in_ukrainian_under_ukrainian(
    capsys: pytest.CaptureFixture[str],
) -> None:
    terminal = Terminal()
    with use_language(UKRAINIAN):
        said = [describe(OUTCOMES[0]), describe(OUTCOMES[1]), summarise(OUTCOMES)]
        show_all(terminal)
    assert said == [
        "a.txt: уже завантажено як статтю 3; нічого не змінено",
        "b.txt: не завантажено: The file is empty.",  # the reason is said where it is made
        "3 файли: завантажено 0, раніше завантажено 2, не завантажено 1",
    ]
    assert "завантаження" in terminal.getvalue()
    assert capsys.readouterr().err == "b.txt: не завантажено: The file is empty.\n"
