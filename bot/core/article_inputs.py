"""The ways an article comes in (pasted text, an upload, a web address, a local file), as plain data.

Kept apart from the loader so that front ends and commands can name an input without
importing spaCy, the HTML reader or the fetcher, which only a load needs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

Progress = Callable[[str], Awaitable[None]]


async def no_progress(stage: str) -> None:
    """Report nothing; for callers that show only the outcome."""


@dataclass(frozen=True)
class PastedText:
    """An article pasted into a message."""

    text: str


@dataclass(frozen=True)
class UploadedFile:
    """A file sent to the bot: its name, declared type and size, and how to download it."""

    name: str
    mime_type: str | None
    size: int | None
    download: Callable[[], Awaitable[bytes]]


@dataclass(frozen=True)
class WebAddress:
    """An http(s) address of an article page."""

    url: str


@dataclass(frozen=True)
class LocalFile:
    """A file on this machine; only the console and the CLI offer these."""

    path: Path


ArticleInput = PastedText | UploadedFile | WebAddress | LocalFile
