"""Builders for the extraction tests: articles made from plain text, and their extraction.

They live here rather than in conftest.py because test modules cannot import conftest
reliably: tests/storage has a conftest.py too, and with pytest's default import mode
whichever was loaded last answers to `import conftest`. conftest.py re-exports them.
"""

from __future__ import annotations

from spacy.language import Language

from briefings.extraction.extractors import extract
from briefings.model import Demand, ExtractedArticle, Figure, SourceText


def make_source(text: str, title: str = "t", source: str = "test.txt") -> SourceText:
    """An article with the given body and no outlet, byline or date."""
    return SourceText(title=title, text=text, source=source)


def extract_text(nlp: Language, text: str) -> ExtractedArticle:
    """Every fact the pipeline finds in an article with this body."""
    return extract(nlp, make_source(text))


def figure_at(nlp: Language, text: str, value: float | None = None) -> Figure:
    """The figure of this value in an article with this body, or its only figure."""
    found = [f for f in extract_text(nlp, text).figures if value is None or f.value == value]
    assert len(found) == 1, found
    return found[0]


def measured(nlp: Language, text: str, value: float | None = None) -> tuple[str | None, ...]:
    """What that figure measures and whose it is."""
    figure = figure_at(nlp, text, value)
    return figure.measure, figure.measured_side


def only_demand(nlp: Language, text: str) -> Demand:
    """The one demand in an article with this body."""
    found = extract_text(nlp, text).demands
    assert len(found) == 1, found
    return found[0]
