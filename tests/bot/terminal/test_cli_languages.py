"""Tests of --lang: `briefbot ask`, `chart` and the console (`briefbot run` without a token) in
Ukrainian or English, and one sentence for a language the bot does not speak."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import build_store, copy_store, run_cli
from typer.testing import Result

from bot.terminal.console import BANNER
from bot.terminal.languages import ON_TELEGRAM
from briefings.i18n import UKRAINIAN, _, use_language
from briefings.replies.language_briefs import build_language_changed


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """A store seeded by `briefbot ask /who` on an empty store."""
    return build_store(tmp_path_factory.mktemp("seeded"), "ask", "/who")


@pytest.fixture
def seeded_store(store_env: Path, seeded: tuple[Path, Result]) -> Path:
    """This test's store holds the seed articles."""
    copy_store(seeded[0], store_env)
    return store_env


def answered(*args: str, input: str | None = None) -> str:
    """What `briefbot *args` prints, which must succeed."""
    result = run_cli(*args, input=input)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ask_lang_uk_prints_the_ukrainian_help(seeded_store: Path) -> None:
    english = answered("ask", "/help")
    ukrainian = answered("ask", "--lang", "uk", "/help")
    assert ukrainian != english
    assert answered("ask", "--lang", "en", "/help") == english
    # The help's own words, not hard-coded here: the first line after the name, translated.
    with use_language(UKRAINIAN):
        assert ukrainian.splitlines()[1] == _(english.splitlines()[1])
    assert ukrainian.splitlines()[1] != english.splitlines()[1]


@pytest.mark.parametrize("command", [["ask", "/help"], ["chart", "killed"], ["run"]], ids=" ".join)
def test_an_unknown_lang_is_one_sentence_and_exit_2(store_env: Path, command: list[str]) -> None:
    result = run_cli(command[0], "--lang", "fr", *command[1:])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "--lang takes en (English) or uk (Ukrainian), not 'fr'.\n"
    assert not store_env.exists()


def test_the_console_speaks_lang_and_follows_lang(seeded_store: Path) -> None:
    printed = answered("run", "--lang", "uk", input="/help\n/lang en\n/help\n/quit\n")
    banner, *_rest = printed.split("briefbot> ")[0].splitlines()
    with use_language(UKRAINIAN):
        assert banner == _(BANNER).splitlines()[0]
    answers = printed.split("briefbot> ")[1:]
    english_help = answered("ask", "/help")
    assert answers[0].strip() != english_help.strip()
    assert answers[0].strip() == answered("ask", "--lang", "uk", "/help").strip()
    assert answers[1].strip() == build_language_changed("en").plain
    assert answers[2].strip() == english_help.strip()


def test_lang_is_refused_on_telegram(store_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_TOKEN", "123:ABC")
    result = run_cli("run", "--lang", "uk")
    assert result.exit_code == 2
    assert result.stderr == ON_TELEGRAM + "\n"
