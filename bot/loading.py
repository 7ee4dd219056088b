"""Load articles into the store: read, extract off the event loop, save in one transaction."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from bot.runtime import Runtime
from briefings.errors import BriefingError, DuplicateArticleError
from briefings.extractors import extract
from briefings.model import SourceText
from briefings.reading import read_path
from storage import SavedArticle, list_articles, save_extracted


@dataclass(frozen=True)
class LoadOutcome:
    """What became of one input: saved, already there, or refused with a reason."""

    source: str
    saved: SavedArticle | None = None
    duplicate_of: int | None = None
    error: str | None = None

    @property
    def failed(self) -> bool:
        """True when the input was refused."""
        return self.error is not None


async def save_source(runtime: Runtime, source: SourceText) -> SavedArticle:
    """Extract an article's facts and save them in one transaction; raises DuplicateArticleError."""
    nlp = await runtime.nlp()
    extracted = await asyncio.to_thread(extract, nlp, source)
    async with runtime.sessions.begin() as session:
        return await save_extracted(session, extracted=extracted)


async def load_path(runtime: Runtime, path: Path) -> LoadOutcome:
    """Load one file; any failure leaves the store as it was and is reported in one sentence."""
    try:
        source = await asyncio.to_thread(
            read_path, path, max_bytes=runtime.settings.max_input_bytes
        )
        return LoadOutcome(path.name, saved=await save_source(runtime, source))
    except DuplicateArticleError as duplicate:
        return LoadOutcome(path.name, duplicate_of=duplicate.article_id)
    except BriefingError as error:
        return LoadOutcome(path.name, error=str(error))


async def ensure_seeded(runtime: Runtime) -> int:
    """Load the seed articles when the store is empty; return how many were loaded."""
    async with runtime.sessions() as session:
        if await list_articles(session):
            return 0
    seeds = sorted(runtime.settings.seeds_dir.glob("*.txt"))
    outcomes = [await load_path(runtime, path) for path in seeds]
    return sum(1 for o in outcomes if o.saved is not None)
