"""Builders for the extraction tests: articles made from plain text, and their extraction.

They live here rather than in conftest.py because test modules cannot import conftest
reliably: tests/storage has a conftest.py too, and with pytest's default import mode
whichever was loaded last answers to `import conftest`. conftest.py re-exports them.
"""

from __future__ import annotations

from spacy.language import Language

from briefings.extraction.extractors import extract
from briefings.model import ExtractedArticle, SourceText


def make_source(text: str, title: str = "t", source: str = "test.txt") -> SourceText:
    """An article with the given body and no outlet, byline or date."""
    return SourceText(title=title, text=text, source=source)


def extract_text(nlp: Language, text: str) -> ExtractedArticle:
    """Every fact the pipeline finds in an article with this body."""
    return extract(nlp, make_source(text))
