"""Tests for bot.terminal.cli: `briefbot load`, `export`, `ask` and `run` on a SQLite store.

Every `briefbot` call here runs in-process; the ones that extract facts load the spaCy model
(about a second each), so the stores several tests read are built once per module and copied.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from cli_runner import SEED_000, SEEDS_DIR, build_store, copy_store, export_json, run_cli
from typer.testing import Result

MIB = 1024 * 1024
SCORER_KEYS = {
    "actors": {"name", "aliases", "role", "kind", "articles"},
    "figures": {"value", "text", "what", "claimed_by", "qualifier", "article", "sentence"},
    "demands": {"party", "demand", "kind", "article", "sentence"},
}
NAV_ONLY_PAGE = """<!doctype html>
<html><head><title>Eurowire</title></head>
<body><nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/europe">Europe</a></li><li><a href="/about">About us</a></li>
</ul></nav></body></html>
"""


@pytest.fixture(scope="module")
def one_seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """A store holding seed 000 as article 1, loaded once by `briefbot load`."""
    return build_store(tmp_path_factory.mktemp("one_seed"), "load", SEED_000)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """A store seeded by `briefbot ask /who` on an empty store, with that call's result."""
    return build_store(tmp_path_factory.mktemp("seeded"), "ask", "/who")


@pytest.fixture
def one_article(store_env: Path, one_seed: tuple[Path, Result]) -> dict[str, Any]:
    """This test's store holds seed 000 as article 1; returns its export."""
    copy_store(one_seed[0], store_env)
    return export_json()


@pytest.fixture
def seeded_store(store_env: Path, seeded: tuple[Path, Result]) -> Path:
    """This test's store holds the seed articles."""
    copy_store(seeded[0], store_env)
    return store_env


def test_load_prints_the_article_id_and_counts(one_seed: tuple[Path, Result]) -> None:
    result = one_seed[1]
    assert result.exit_code == 0, result.output
    line = result.stdout.strip()
    assert line.startswith(f"{SEED_000.name}: loaded as article 1 ")
    assert re.search(r": \d+ actors \(\d+ new\), \d+ figures, \d+ demands$", line), line


def test_export_after_load_has_the_article_and_its_facts(one_article: dict[str, Any]) -> None:
    assert [a["id"] for a in one_article["articles"]] == [1]
    for kind, keys in SCORER_KEYS.items():
        rows = one_article[kind]
        assert rows, f"no {kind} extracted from the seed"
        assert all(keys <= row.keys() for row in rows), kind
    assert all(actor["articles"] == [1] for actor in one_article["actors"])
    assert all(row["article"] == 1 for row in one_article["figures"] + one_article["demands"])
    assert "Donald Trump" in {actor["name"] for actor in one_article["actors"]}
    assert {"400,000", "43,000"} <= {figure["text"] for figure in one_article["figures"]}


def test_export_on_a_fresh_store_does_not_seed(store_env: Path) -> None:
    assert export_json()["articles"] == []
    assert export_json()["articles"] == []


def test_load_does_not_seed(one_article: dict[str, Any]) -> None:
    assert len(one_article["articles"]) == 1


def _write_empty(tmp_path: Path) -> Path:
    (tmp_path / "empty.txt").touch()
    return tmp_path / "empty.txt"


def _write_whitespace(tmp_path: Path) -> Path:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n   \r\n\n  ")
    return path


def _write_png(tmp_path: Path) -> Path:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(0).randbytes(4096))
    return path


def _write_huge(tmp_path: Path) -> Path:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(20 * MIB)  # sparse: takes no disk space
    return path


def _write_nav_page(tmp_path: Path) -> Path:
    path = tmp_path / "front.html"
    path.write_text(NAV_ONLY_PAGE)
    return path


def _write_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "report.pdf"
    path.write_text("Trump called for an immediate ceasefire.")
    return path


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "missing.txt"


@pytest.mark.parametrize(
    ("make_input", "problem"),
    [
        pytest.param(_write_empty, "The file is empty", id="empty"),
        pytest.param(_write_whitespace, "empty", id="whitespace-only"),
        pytest.param(_write_png, "PNG image, not text", id="binary"),
        pytest.param(_write_huge, "20.0 MB; the limit is 2.0 MB", id="over-size-limit"),
        pytest.param(_write_nav_page, "No article text", id="html-without-article"),
        pytest.param(_write_pdf, "cannot read .pdf files", id="unsupported-type"),
        pytest.param(_missing, "There is no file named missing.txt", id="missing-path"),
    ],
)
def test_bad_input_is_refused_and_leaves_the_store_alone(
    one_article: dict[str, Any], tmp_path: Path, make_input: Any, problem: str
) -> None:
    path = make_input(tmp_path)
    result = run_cli("load", path)
    assert result.exit_code != 0
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path.name}: not loaded: "), result.stderr
    assert problem in result.stderr
    assert export_json() == one_article


def test_loading_the_same_article_twice_changes_nothing(one_article: dict[str, Any]) -> None:
    result = run_cli("load", SEED_000)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{SEED_000.name}: already loaded as article 1; nothing changed"
    assert export_json() == one_article


def test_the_same_text_reformatted_is_a_duplicate(
    one_article: dict[str, Any], tmp_path: Path
) -> None:
    # Shouted, indented, blank lines doubled, trailing spaces, Windows line ends.
    text = SEED_000.read_text(encoding="utf-8").upper()
    text = "\r\n".join(f"  {line}   " if line else "\r\n" for line in text.splitlines())
    copy = tmp_path / "copy.txt"
    copy.write_text(text, encoding="utf-8", newline="")
    result = run_cli("load", copy)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "copy.txt: already loaded as article 1; nothing changed"
    assert export_json() == one_article


def test_the_same_text_with_doubled_spaces_is_a_duplicate(
    one_article: dict[str, Any], tmp_path: Path
) -> None:
    copy = tmp_path / "spaced.txt"
    copy.write_text(SEED_000.read_text(encoding="utf-8").replace(" ", "  "), encoding="utf-8")
    result = run_cli("load", copy)
    assert result.stdout.strip() == "spaced.txt: already loaded as article 1; nothing changed"


def test_a_batch_loads_the_good_files_and_reports_the_bad(store_env: Path) -> None:
    empty = store_env.parent / "empty.txt"
    empty.touch()
    result = run_cli("load", SEED_000, empty)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{SEED_000.name}: loaded as article 1 ")
    assert result.stderr.strip() == "empty.txt: not loaded: The file is empty."
    assert [a["source"] for a in export_json()["articles"]] == [SEED_000.name]


def test_ask_on_an_empty_store_seeds_it_first(
    seeded: tuple[Path, Result], seeded_store: Path
) -> None:
    result = seeded[1]
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"Who is who — \d+ actors, most cited first", lines[0])
    assert re.search(r"^• Donald Trump — [^\[]+ (\[\d\])+$", result.stdout, re.M), result.stdout
    assert re.search(r"^• Volodymyr Zelenskyy — [^\[]+ (\[\d\])+$", result.stdout, re.M)
    seeds = sorted(path.name for path in SEEDS_DIR.glob("*.txt"))
    assert sorted(a["source"] for a in export_json()["articles"]) == seeds


ASK_CASES = {
    "/figures": [
        r"^⚠️ Soldiers killed and wounded — Ukraine$",
        r"^• Donald Trump: 400,000 \[1\]$",
        r"^• Volodymyr Zelenskyy: 43,000 soldiers killed \[1\]\[2\]; 370,000 soldiers wounded \[1\]\[2\]$",
    ],
    # The contested group whole in the digest: Zelenskyy's killed and wounded both.
    "/digest": [
        r"^• ⚠️ Soldiers killed and wounded — Ukraine: Donald Trump 400,000 \[1\]; "
        r"Volodymyr Zelenskyy 43,000 soldiers killed \[1\]\[2\], 370,000 soldiers wounded \[1\]\[2\]$",
    ],
    "/demands": [
        r"^Demands and positions$",
        r"^— Ukraine —\nVolodymyr Zelenskyy$",
        r"^— Russia —\nVladimir Putin$",
        r"^— United States —\nDonald Trump$",
        r"^• \w+: .*ceasefire.* \[\d\]$",
    ],
    # The Russia side alone: Putin, then the Kremlin, each named under the side's heading.
    "/demands russia": [
        r"^Demands and positions: Russia\n\n— Russia —\nVladimir Putin\n(• .*\n)+Kremlin\n(• .*\n?)+$"
    ],
    "/who zelensky": [
        r"^Volodymyr Zelenskyy\nRole: President of Ukraine — 8 Dec 2024 \[2\]$",
        r"^• Ukrainian president \[1\]$",
        r"^Sources: \[1\]\[2\]$",
        r"^• 43,000 — soldiers killed, Ukraine \[1\]\[2\]$",
    ],
    "/sources": [
        r"^\[1\] Trump calls for 'immediate ceasefire'",
        r"^\[2\] .* — themoscowtimes\.com, 2024-12-08 \(",
    ],
    # A question mapped to a measure and a side: the contested group, not a sentence.
    "/ask how many soldiers has Ukraine lost?": [
        r"^Figures about “how many soldiers has Ukraine lost\?”\n\n⚠️ Soldiers killed and wounded — Ukraine$",
        r"^• Donald Trump: 400,000 \[1\]$",
    ],
    # Words that name no measure, side or actor: the best sentences, ranked.
    "/ask what did the analyst Fesenko find in polls": [
        r"^1\. .*said the political analyst Volodymyr Fesenko.* \[1\]$"
    ],
    # Dated events newest first: "said Sunday" in an article of Sunday 8 December 2024.
    "/timeline": [r"^Timeline, newest first$", r"^8 Dec 2024 — .*Zelensky said Sunday.* \[2\]$"],
    # Quotes with their speakers resolved to one actor and put on a side.
    "/quotes zelensky": [
        r"^Quotes of Volodymyr Zelenskyy, newest first$",
        r"^Volodymyr Zelenskyy \(Ukraine\): “.*peace.*” \[2\]$",
        r"^Volodymyr Zelenskyy \(Ukraine\): “.*peace.*” \[1\]$",
    ],
    "/nonsense": [r"^I don't know /nonsense\. /help lists the commands\.$"],
    "/who Nobody Atall": [r"^No actor called “Nobody Atall” in the articles\. /who lists"],
}


@pytest.mark.parametrize(("line", "expected"), ASK_CASES.items(), ids=list(ASK_CASES))
def test_ask_answers_a_command(seeded_store: Path, line: str, expected: list[str]) -> None:
    result = run_cli("ask", line)
    assert result.exit_code == 0, result.output
    for pattern in expected:
        assert re.search(pattern, result.stdout, re.M), f"{pattern!r} not in\n{result.stdout}"


def test_run_without_a_token_opens_the_console(seeded_store: Path) -> None:
    result = run_cli("run", input="/help\n/who\n/quit\n")
    assert result.exit_code == 0, result.output
    banner, token_line, *_ = result.stdout.splitlines()
    assert banner.startswith("ceasefire-brief offline console.")
    assert "TELEGRAM_TOKEN" in token_line
    answers = result.stdout.split("briefbot> ")
    assert len(answers) == 4  # banner, /help, /who, then /quit ends it without an answer
    assert "/figures [topic] — the numbers, who claims them" in answers[1]
    assert answers[2].startswith("Who is who — ")
    assert answers[3] == ""


@pytest.mark.parametrize(
    ("variable", "value"),
    [("ADMIN_IDS", "abc"), ("DATABASE_URL", "mysql://x")],
)
@pytest.mark.parametrize(
    "command",
    [["export"], ["load", "article.txt"], ["ask", "/who"], ["chart", "killed"], ["run"]],
    ids=" ".join,
)
def test_a_malformed_setting_stops_every_command(
    store_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    command: list[str],
) -> None:
    monkeypatch.setenv(variable, value)
    result = run_cli(*command)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("Invalid settings:\n")
    assert f"{variable}: " in result.stderr
    assert not store_env.exists()
