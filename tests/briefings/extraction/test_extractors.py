"""Tests for briefings.extraction.extractors: batch extraction gives what one-by-one extraction gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from briefings.extraction.extractors import extract, extract_many
from briefings.model import SourceText
from briefings.reading.articles import read_path

REPO = Path(__file__).resolve().parents[3]
# The development set lives beside the repository (../shared), or beside its worktree's folder.
DEV_SETS = [base / "shared" / "eval" / "dev" for base in (REPO.parent, REPO.parent.parent)]


def article_paths() -> list[Path]:
    """The seeds, and the development articles when the shared folder is there."""
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    dev = next((folder for folder in DEV_SETS if folder.is_dir()), None)
    if dev is None:
        return seeds
    return seeds + sorted(p for p in dev.iterdir() if p.name.startswith("d"))


@pytest.fixture(scope="module")
def sources() -> list[SourceText]:
    """The seed and development articles, read."""
    return [read_path(path, max_bytes=2_000_000) for path in article_paths()]


def test_the_development_articles_are_found() -> None:
    if not any(folder.is_dir() for folder in DEV_SETS):
        pytest.skip("../shared/eval/dev is not beside the repository")
    assert len(article_paths()) >= 7


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_batches_extract_what_one_by_one_extraction_does(
    nlp: Language, sources: list[SourceText], batch_size: int
) -> None:
    one_by_one = [extract(nlp, source) for source in sources]
    batched = list(extract_many(nlp, sources, batch_size=batch_size))
    assert [a.source.source for a in batched] == [s.source for s in sources]
    for alone, together in zip(one_by_one, batched, strict=True):
        assert together == alone, alone.source.source
        assert together.figures and together.actors


def test_no_sources_give_no_articles(nlp: Language) -> None:
    assert list(extract_many(nlp, [], batch_size=8)) == []
