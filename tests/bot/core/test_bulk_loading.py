"""Tests for bot.core.bulk_loading: many files, duplicates skipped before extraction, failures alone."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

import bot.core.bulk_loading as bulk
from bot.core.extraction_worker import ExtractionWorker
from bot.core.loading import LoadOutcome
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from briefings.errors import ExtractionFailedError
from briefings.model import SourceText
from storage import StoreError, list_articles

TOWNS = ("Geneva", "Istanbul", "Riyadh", "Paris", "Vienna")


def article(town: str) -> str:
    """A short article of its own about talks in a town."""
    return (
        f"Envoys meet in {town}\n\n"
        f"Keith Kellogg, the US envoy, met Ukrainian officials in {town} on Monday. Russia's "
        f"defence ministry said {len(town) * 1000} Ukrainian soldiers had been killed."
    )


def write_articles(folder: Path, towns: Iterable[str] = TOWNS) -> list[Path]:
    """One .txt article per town in folder, named after the town."""
    folder.mkdir(exist_ok=True)
    paths = [folder / f"{town.lower()}.txt" for town in towns]
    for town, path in zip(towns, paths, strict=True):
        path.write_text(article(town))
    return paths


@pytest_asyncio.fixture
async def runtime(store_env: Path, extraction_worker: ExtractionWorker) -> AsyncIterator[Runtime]:
    """A runtime on a fresh store loading two files a batch, with the session's worker."""
    settings = Settings(database_url=f"sqlite+aiosqlite:///{store_env}", load_batch_size=2)
    opened = await open_runtime(settings, extraction_worker)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def batches(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The sources of each batch the pipeline runs over, while the test lasts."""
    seen: list[list[str]] = []
    real: Callable[..., Awaitable[Any]] = runtime.extraction.extract_each

    async def counting(sources: Sequence[SourceText], **kwargs: Any) -> Any:
        seen.append([s.source for s in sources])
        return await real(sources, **kwargs)

    monkeypatch.setattr(runtime.extraction, "extract_each", counting)
    return seen


async def load(runtime: Runtime, paths: list[Path]) -> list[LoadOutcome]:
    """Every outcome of loading the files."""
    return [outcome async for outcome in bulk.load_files(runtime, paths)]


async def stored_count(runtime: Runtime) -> int:
    """How many articles the store holds."""
    async with runtime.sessions() as session:
        return len(await list_articles(session))


def test_a_folder_gives_its_article_files_sorted_and_not_its_subfolders(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", ["Paris", "Geneva"])
    (tmp_path / "in" / "notes.pdf").write_text("not an article")
    (tmp_path / "in" / ".hidden.txt").write_text("editor's swap file")
    (tmp_path / "in" / "page.HTML").write_text("<html><p>x</p></html>")
    write_articles(tmp_path / "in" / "older", ["Vienna"])
    single = write_articles(tmp_path / "one", ["Riyadh"])[0]
    found = bulk.article_files([tmp_path / "in", single])
    assert [p.name for p in found] == ["geneva.txt", "page.HTML", "paris.txt", "riyadh.txt"]


async def test_files_are_extracted_in_batches_and_each_reported_once(
    runtime: Runtime, batches: list[list[str]], tmp_path: Path
) -> None:
    paths = write_articles(tmp_path)
    outcomes = await load(runtime, paths)
    assert [o.source for o in outcomes] == [p.name for p in paths]
    assert all(o.saved is not None for o in outcomes)
    assert batches == [[p.name for p in paths[i : i + 2]] for i in (0, 2, 4)]
    assert await stored_count(runtime) == len(paths)


async def test_stored_and_repeated_texts_never_reach_the_pipeline(
    runtime: Runtime, batches: list[list[str]], tmp_path: Path
) -> None:
    geneva, paris = write_articles(tmp_path, ["Geneva", "Paris"])
    await load(runtime, [geneva])
    copy = tmp_path / "copy.txt"
    copy.write_text(article("Paris").replace(" ", "  "))
    outcomes = await load(runtime, [paris, geneva, copy])
    assert [(o.source, o.saved is not None, o.duplicate_of) for o in outcomes] == [
        ("paris.txt", True, None),
        ("geneva.txt", False, 1),
        ("copy.txt", False, 2),
    ]
    assert batches == [["geneva.txt"], ["paris.txt"]]


async def test_a_file_named_twice_is_extracted_once(
    runtime: Runtime, batches: list[list[str]], tmp_path: Path
) -> None:
    geneva = write_articles(tmp_path, ["Geneva"])[0]
    outcomes = await load(runtime, [geneva, geneva])
    assert [o.duplicate_of for o in outcomes] == [None, 1]
    assert batches == [["geneva.txt"]]


async def test_bad_files_are_one_sentence_each_and_the_others_load(
    runtime: Runtime, tmp_path: Path
) -> None:
    paths = write_articles(tmp_path, ["Geneva", "Paris", "Vienna"])
    (tmp_path / "empty.txt").touch()
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (tmp_path / "huge.txt").write_bytes(b"a" * (runtime.settings.max_input_bytes + 1))
    outcomes = await load(runtime, bulk.article_files([tmp_path]))
    reasons = {o.source: o.error for o in outcomes if o.failed}
    assert set(reasons) == {"empty.txt", "photo.txt", "huge.txt"}
    assert all(r and r.count(".") <= 3 and "\n" not in r for r in reasons.values()), reasons
    assert "the limit is 2.0 MB" in (reasons["huge.txt"] or "")
    assert await stored_count(runtime) == len(paths)


async def test_an_article_the_worker_refuses_fails_alone(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # How the worker comes to refuse one article of a batch is tested with the worker.
    paths = write_articles(tmp_path, ["Geneva", "Paris", "Vienna"])
    real: Callable[..., Awaitable[Any]] = runtime.extraction.extract_each

    async def refuses_paris(sources: Sequence[SourceText], **kwargs: Any) -> Any:
        extracted = await real(sources, **kwargs)
        return [
            ExtractionFailedError() if "Paris" in s.text else e
            for s, e in zip(sources, extracted, strict=True)
        ]

    monkeypatch.setattr(runtime.extraction, "extract_each", refuses_paris)
    outcomes = await load(runtime, paths)
    assert [o.error for o in outcomes] == [None, str(ExtractionFailedError()), None]
    assert await stored_count(runtime) == 2


async def test_a_save_the_store_refuses_changes_only_that_file(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paths = write_articles(tmp_path, ["Geneva", "Paris", "Vienna"])
    real: Callable[..., Any] = bulk.save_article

    async def refuses_paris(runtime: Runtime, extracted: Any) -> Any:
        if "Paris" in extracted.source.text:
            raise StoreError("disk full")
        return await real(runtime, extracted)

    monkeypatch.setattr(bulk, "save_article", refuses_paris)
    outcomes = await load(runtime, paths)
    assert [o.error for o in outcomes] == [None, bulk.REFUSED, None]
    assert await stored_count(runtime) == 2


async def test_a_repeat_of_a_file_that_failed_says_so(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    first = write_articles(tmp_path, ["Paris"])[0]
    again = tmp_path / "again.txt"
    again.write_text(article("Paris"))

    async def refuses(runtime: Runtime, extracted: Any) -> Any:
        raise StoreError("disk full")

    monkeypatch.setattr(bulk, "save_article", refuses)
    outcomes = await load(runtime, [first, again])
    assert outcomes[1].error == "It has the same text as paris.txt, which failed."
