"""Tests for briefings.extraction.extractors: batch extraction gives what one-by-one extraction
gives, and a text read in paragraph pieces what the whole text gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from spacy.language import Language

from briefings.extraction.chunks import paragraph_chunks
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


def longest_paragraph(text: str) -> int:
    """The length of the text's longest paragraph, with the line breaks after it."""
    return max(len(p) for p in re.findall(r"[^\n]*(?:\n\s*|$)", text))


def test_pieces_cut_at_paragraphs_extract_what_the_whole_text_does(
    nlp: Language, sources: list[SourceText]
) -> None:
    # Pieces as small as the longest paragraph: every cut falls between paragraphs.
    for source in sources:
        bound = longest_paragraph(source.text)
        assert len(paragraph_chunks(source.text, bound)) >= 3, source.source
        assert extract(nlp, source, chunk_chars=bound) == extract(nlp, source), source.source


def test_batches_read_long_texts_in_pieces_too(nlp: Language, sources: list[SourceText]) -> None:
    bound = max(longest_paragraph(s.text) for s in sources[:3])
    batched = list(extract_many(nlp, sources[:3], batch_size=2, chunk_chars=bound))
    assert batched == [extract(nlp, source) for source in sources[:3]]


def test_a_paragraph_cut_at_its_sentences_keeps_every_span_exact(
    nlp: Language, sources: list[SourceText]
) -> None:
    source = sources[0]
    pieces = extract(nlp, source, chunk_chars=200)
    assert pieces.figures and pieces.quotes
    for figure in pieces.figures:
        assert source.text[figure.provenance.start : figure.provenance.end] == figure.text
    for quote in pieces.quotes:
        quoted = source.text[quote.provenance.start : quote.provenance.end]
        assert " ".join(quoted.split()) == quote.text
    for fact in (*pieces.figures, *pieces.quotes):
        sentence = pieces.sentences[fact.provenance.sentence_index]
        assert sentence.start <= fact.provenance.start < sentence.end
    assert [source.text[s.start : s.end] for s in pieces.sentences] == [
        s.text for s in pieces.sentences
    ]
