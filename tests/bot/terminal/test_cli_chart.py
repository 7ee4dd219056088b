"""Tests for `briefbot chart` and /chart in the console and `ask`: the same PNG, written to a file."""

from __future__ import annotations

import struct
from pathlib import Path

from cli_runner import copy_store, run_cli

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """A PNG file's width and height, after checking its signature."""
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_chart_writes_a_png_and_prints_its_caption(
    store_env: Path, seeded_template: Path, tmp_path: Path
) -> None:
    copy_store(seeded_template, store_env)
    out = tmp_path / "x.png"

    result = run_cli("chart", "soldiers killed", "--out", out)

    assert result.exit_code == 0, result.output
    width, height = png_size(out)
    assert width > 500 and height > 300
    assert out.stat().st_size > 15_000
    first, caption = result.stdout.split("\n", 1)
    assert first == f"{out}: chart written"
    assert caption.startswith("⚠️ Soldiers killed and wounded — Ukraine")
    assert "Sources: [1] " in caption and "[2] themoscowtimes.com" in caption


def test_chart_without_out_names_the_file_after_the_topic(
    store_env: Path, seeded_template: Path, tmp_path: Path
) -> None:
    copy_store(seeded_template, store_env)

    result = run_cli("chart", "killed")

    assert result.exit_code == 0, result.output
    assert png_size(tmp_path / "chart-killed.png")[0] > 0


def test_chart_of_an_unknown_topic_fails_with_one_sentence(
    store_env: Path, seeded_template: Path, tmp_path: Path
) -> None:
    copy_store(seeded_template, store_env)

    result = run_cli("chart", "bananas", "--out", tmp_path / "x.png")

    assert result.exit_code == 1
    assert result.stderr.strip() == "No figures about “bananas” to chart. /figures lists them all."
    assert not (tmp_path / "x.png").exists()


def test_the_console_saves_the_chart_it_answers_with(
    store_env: Path, seeded_template: Path, tmp_path: Path
) -> None:
    copy_store(seeded_template, store_env)

    result = run_cli("run", input="/chart soldiers killed\n/quit\n")

    assert result.exit_code == 0, result.output
    assert "(chart saved as chart-soldiers-killed.png)" in result.stdout
    assert (tmp_path / "chart-soldiers-killed.png").read_bytes() == (
        _chart_bytes(tmp_path, "soldiers killed")
    )


def test_ask_prints_the_caption_and_where_the_chart_is(
    store_env: Path, seeded_template: Path
) -> None:
    copy_store(seeded_template, store_env)

    result = run_cli("ask", "/chart soldiers killed")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("⚠️ Soldiers killed and wounded — Ukraine")
    assert "briefbot chart TOPIC --out FILE.png" in result.stderr


def _chart_bytes(directory: Path, topic: str) -> bytes:
    """The PNG `briefbot chart TOPIC` writes: the same picture as the console's."""
    out = directory / "from-cli.png"
    assert run_cli("chart", topic, "--out", out).exit_code == 0
    return out.read_bytes()
