"""The extraction worker's own process: it loads the pipeline once, then extracts what it is sent.

`serve` is the process's main (bot/core/extraction_worker.py starts it, with the "spawn"
method). It answers each `Request` with one message per article, in order: the
`ExtractedArticle`, or an `ArticleFailed` carrying the traceback for the parent's log. The
articles of a request go through `nlp.pipe` together; when one breaks the batch, the rest are
extracted one by one, so that only it fails. Stopping a request half-way is the parent's
business: it kills the process.

This module imports spaCy only inside `serve`, so the parent can name `serve` without it.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

from briefings.model import ExtractedArticle, SourceText

if TYPE_CHECKING:
    from spacy.language import Language

# How often the process checks that its parent is still alive.
PARENT_CHECK_SECONDS = 1.0


@dataclass(frozen=True)
class Request:
    """Articles to extract, `batch_size` at a time through `nlp.pipe`."""

    sources: tuple[SourceText, ...]
    batch_size: int


@dataclass(frozen=True)
class Ready:
    """The pipeline is loaded: requests may come."""


@dataclass(frozen=True)
class StartFailed:
    """The pipeline could not be loaded; the process ends."""

    reason: str


@dataclass(frozen=True)
class ArticleFailed:
    """Extracting one article raised; the traceback is for the parent's log."""

    source: str
    details: str


def serve(connection: Connection, model: str, parent: int) -> None:
    """The worker's main: load the pipeline, then answer requests until the parent hangs up."""
    # Ctrl-C in a terminal reaches the whole process group: stopping is the parent's call.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_without, args=(parent,), daemon=True).start()
    from briefings.extraction.pipeline import build_pipeline

    try:
        nlp = build_pipeline(model)
    except Exception as error:
        connection.send(StartFailed(f"{type(error).__name__}: {error}"))
        return
    connection.send(Ready())
    while True:
        try:
            request: Request = connection.recv()
        except EOFError:
            return
        for result in extracted(nlp, request):
            connection.send(result)


def extracted(nlp: Language, request: Request) -> Iterator[ExtractedArticle | ArticleFailed]:
    """Each article's facts in order, the batch through `nlp.pipe`; a failure is its traceback."""
    from briefings.extraction.extractors import extract_many

    done = 0
    try:
        for article in extract_many(nlp, request.sources, batch_size=request.batch_size):
            done += 1
            yield article
    except Exception:
        # One article broke the batch: the rest one by one, so that only it fails.
        for source in request.sources[done:]:
            yield _extracted_alone(nlp, source)


def _extracted_alone(nlp: Language, source: SourceText) -> ExtractedArticle | ArticleFailed:
    """One article's facts, or the traceback of what broke."""
    from briefings.extraction.extractors import extract

    try:
        return extract(nlp, source)
    except Exception:
        return ArticleFailed(source.source, traceback.format_exc())


def _exit_without(parent: int) -> None:
    """End this process once its parent is gone, even in the middle of an article."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)
