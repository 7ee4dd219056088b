"""Tests for `briefbot load` of an article over EXTRACTION_TIMEOUT_SECONDS: one sentence, exit 1,
the store unchanged, and the other files loaded."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from cli_runner import SEED_000, export_json, run_cli

from tests.support.long_articles import make_long_article

REFUSAL = (
    "Finding the facts in this article took longer than the 1 second allowed, so it was not loaded."
)


def test_a_file_over_the_time_limit_exits_1_with_one_sentence(
    store_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("load", SEED_000).exit_code == 0
    before = export_json()
    dossier = tmp_path / "dossier.txt"
    dossier.write_text(make_long_article())
    monkeypatch.setenv("EXTRACTION_TIMEOUT_SECONDS", "1")
    started = time.monotonic()
    result = run_cli("load", dossier)
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"dossier.txt: not loaded: {REFUSAL}\n"
    assert export_json() == before


def test_the_other_files_of_the_load_are_saved(
    store_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a_dossier.txt").write_text(make_long_article())
    (tmp_path / "b_seed.txt").write_text(SEED_000.read_text())
    monkeypatch.setenv("EXTRACTION_TIMEOUT_SECONDS", "1")
    result = run_cli("load", tmp_path)
    assert result.exit_code == 1
    loaded, tally = result.stdout.splitlines()
    assert loaded.startswith("b_seed.txt: loaded as article 1")
    assert tally == "2 files: 1 loaded, 0 already loaded, 1 not loaded"
    assert result.stderr == f"a_dossier.txt: not loaded: {REFUSAL}\n"
    assert len(export_json()["articles"]) == 1
