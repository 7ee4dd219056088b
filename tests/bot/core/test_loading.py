"""Tests for bot.core.loading: a text already stored is recognised before the pipeline runs."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from spacy.language import Language

import bot.core.loading as loading
from bot.core.article_inputs import LocalFile, PastedText
from bot.core.bulk_loading import load_path
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from storage import list_articles

ARTICLE = (
    "Envoys meet in Geneva\n\n"
    "GENEVA, 10 December 2024 — Keith Kellogg, the US envoy, met Ukrainian officials in Geneva "
    "on Monday. Russia's defence ministry said 90,000 Ukrainian soldiers had been killed."
)


@pytest_asyncio.fixture
async def runtime(store_env: Path, nlp: Language) -> AsyncIterator[Runtime]:
    """A runtime on a fresh store, with the session's pipeline."""
    opened = await open_runtime(Settings(database_url=f"sqlite+aiosqlite:///{store_env}"), nlp)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources the pipeline runs over, in order, while the test lasts."""
    seen: list[str] = []
    real: Callable[..., Any] = loading.extract

    def counting(nlp: Language, source: Any) -> Any:
        seen.append(source.source)
        return real(nlp, source)

    monkeypatch.setattr(loading, "extract", counting)
    return seen


async def stored_count(runtime: Runtime) -> int:
    """How many articles the store holds."""
    async with runtime.sessions() as session:
        return len(await list_articles(session))


async def test_pasting_a_stored_text_again_runs_no_pipeline(
    runtime: Runtime, runs: list[str]
) -> None:
    first = await loading.load_article(runtime, PastedText(ARTICLE))
    again = await loading.load_article(runtime, PastedText(ARTICLE.replace(" ", "  ")))
    assert first.plain.startswith("✅")
    assert again.plain.startswith("Already loaded as article [1]")
    assert runs == [loading.PASTED]
    assert await stored_count(runtime) == 1


async def test_a_file_of_a_pasted_text_is_known_before_extraction(
    runtime: Runtime, runs: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "copy.txt"
    path.write_text(ARTICLE)
    await loading.load_article(runtime, PastedText(ARTICLE))
    reply = await loading.load_article(runtime, LocalFile(path))
    outcome = await load_path(runtime, path)
    assert reply.plain.startswith("Already loaded as article [1]")
    assert outcome.duplicate_of == 1
    assert runs == [loading.PASTED]


async def test_the_store_still_refuses_a_duplicate_the_early_check_missed(
    runtime: Runtime, runs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two loads of one text at once both pass the early check; the save lets one in.
    await loading.load_article(runtime, PastedText(ARTICLE))

    async def nothing_stored(runtime: Runtime, source: object) -> None:
        return None

    monkeypatch.setattr(loading, "stored_copy", nothing_stored)
    reply = await loading.load_article(runtime, PastedText(ARTICLE))
    assert reply.plain.startswith("Already loaded as article [1]")
    assert len(runs) == 2
    assert await stored_count(runtime) == 1
