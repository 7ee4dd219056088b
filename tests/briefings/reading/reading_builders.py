"""Builders for the tests of briefings.reading: articles read from text, and the files read."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.model import SourceText
from briefings.reading.articles import read_article

MIB = 1024 * 1024
LIMIT = 2 * MIB
REPO = Path(__file__).resolve().parents[3]
SEEDS = REPO / "seeds"
DEV = Path("/work/shared/eval/dev")
SEED_000 = SEEDS / "000_80d53bb89c1a5903.txt"
SEED_004 = SEEDS / "004_7cff107318d3781a.txt"


def read(text: str, source: str = "article.txt", **kwargs: str) -> SourceText:
    """An article read from text, under a 2 MB limit."""
    return read_article(text.encode(), source=source, max_bytes=LIMIT, **kwargs)


def paragraphs(article: SourceText) -> list[str]:
    """The paragraphs of an article's text."""
    return article.text.split("\n\n")


def needs(path: Path) -> Path:
    """The path of a shared file, or skip the test where it is missing."""
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path
