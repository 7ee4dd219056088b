"""Tests for `briefbot load` of many files and folders: a line per file, the bad ones alone."""

from __future__ import annotations

import shutil
from pathlib import Path

from cli_runner import SEEDS_DIR, export_json, run_cli


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
