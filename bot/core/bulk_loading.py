"""Load many article files at once: read a batch, skip the stored ones, extract the rest together.

Memory stays bounded: files are taken `load_batch_size` at a time, each at most
`max_input_bytes`, and a batch is read, extracted and saved before the next is read. A file
whose text is stored already, or repeats a file earlier in the run, is never extracted.
The others go through the pipeline together (`nlp.pipe`, in the extraction worker's process,
each article within `EXTRACTION_TIMEOUT_SECONDS`: see bot/core/extraction_worker.py) and are
saved one transaction each, so a file that fails (unreadable, refused by the store, breaking
the pipeline or over the time limit) changes nothing and costs the others nothing. Outcomes
come in file order, one per file.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.core.loading import (
    REFUSED,
    LoadOutcome,
    extraction_budget,
    save_article,
    store_refusal,
    stored_copy,
)
from bot.core.runtime import Runtime
from briefings.errors import BriefingError, DuplicateArticleError
from briefings.i18n import _
from briefings.model import ExtractedArticle, SourceText
from briefings.reading.articles import ARTICLE_SUFFIXES, read_path
from storage import StoreError, describe_store_failure, is_unreachable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Read:
    """One file after reading: its text to extract, or the outcome already settled."""

    name: str
    source: SourceText | None = None
    settled: LoadOutcome | None = None
    repeats: str | None = None  # an earlier file of this run with the same text


def article_files(paths: Iterable[Path]) -> list[Path]:
    """The files to load: each file named, and each folder's article files (not its subfolders')."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = (p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            found += sorted(p for p in inside if p.suffix.lower() in ARTICLE_SUFFIXES)
        else:
            found.append(path)
    return found


async def load_files(runtime: Runtime, paths: Sequence[Path]) -> AsyncIterator[LoadOutcome]:
    """Load files batch by batch, yielding each file's outcome in order as it is known."""
    size = runtime.settings.load_batch_size
    seen: dict[str, str] = {}
    for start in range(0, len(paths), size):
        batch = [await _read(runtime, path, seen) for path in paths[start : start + size]]
        extracted = iter(await _extract(runtime, [r.source for r in batch if _pending(r)]))
        for read in batch:
            if read.settled is not None:
                yield read.settled
            elif read.repeats is not None:
                yield await _repeated(runtime, read)
            else:
                yield await _save(runtime, read.name, next(extracted))


async def load_path(runtime: Runtime, path: Path) -> LoadOutcome:
    """Load one file (seeding, the scorer); any failure leaves the store as it was and is one
    sentence."""
    async for outcome in load_files(runtime, [path]):
        return outcome
    raise AssertionError("load_files gives one outcome per file")


def _pending(read: _Read) -> bool:
    return read.settled is None and read.repeats is None


async def _read(runtime: Runtime, path: Path, seen: dict[str, str]) -> _Read:
    """Read a file and look its text up in the store and in this run, before any extraction."""
    try:
        source = await asyncio.to_thread(
            read_path, path, max_bytes=runtime.settings.max_input_bytes
        )
    except BriefingError as error:
        return _Read(path.name, settled=LoadOutcome(path.name, error=str(error)))
    stored = await stored_copy(runtime, source)
    if stored is not None:
        return _Read(path.name, settled=LoadOutcome(path.name, duplicate_of=stored.id))
    earlier = seen.get(source.content_hash)
    if earlier is None:
        seen[source.content_hash] = path.name
    return _Read(path.name, source=source, repeats=earlier)


async def _extract(
    runtime: Runtime, sources: list[SourceText | None]
) -> list[ExtractedArticle | str]:
    """Each source's facts, the batch through the pipeline together; a failure is its reason."""
    texts = [s for s in sources if s is not None]
    if not texts:
        return []
    settings = runtime.settings
    extracted = await runtime.extraction.extract_each(
        texts,
        # The batch's longest article sets every article's limit: generous, never too short.
        budget=max(extraction_budget(settings, text) for text in texts),
        batch_size=settings.load_batch_size,
    )
    return [e if isinstance(e, ExtractedArticle) else str(e) for e in extracted]


async def _save(runtime: Runtime, name: str, extracted: ExtractedArticle | str) -> LoadOutcome:
    """Save one extracted article in its own transaction; a refusal is one sentence."""
    if isinstance(extracted, str):
        return LoadOutcome(name, error=extracted)
    try:
        return LoadOutcome(name, saved=await save_article(runtime, extracted))
    except DuplicateArticleError as duplicate:
        return LoadOutcome(name, duplicate_of=duplicate.article_id)
    except BriefingError as error:
        return LoadOutcome(name, error=str(error))
    except StoreError as error:
        log.exception("saving %s failed", name)
        return LoadOutcome(name, error=store_refusal(error, otherwise=REFUSED))
    except OSError as error:
        # A store gone down mid-load may raise the driver's own error (a refused reconnect).
        if not is_unreachable(error):
            raise
        log.exception("saving %s failed", name)
        return LoadOutcome(name, error=describe_store_failure(error))


async def _repeated(runtime: Runtime, read: _Read) -> LoadOutcome:
    """A file repeating an earlier one of this run: that file's article, once it is saved."""
    stored = await stored_copy(runtime, read.source) if read.source else None
    if stored is not None:
        return LoadOutcome(read.name, duplicate_of=stored.id)
    failed = _("It has the same text as {name}, which failed.").format(name=read.repeats)
    return LoadOutcome(read.name, error=failed)
