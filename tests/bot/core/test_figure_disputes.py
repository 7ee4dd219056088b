"""Which groups /figures marks as disputed, on articles written here, loaded through the pipeline."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from bot.core.bulk_loading import load_path
from bot.core.commands import respond
from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from briefings.replies.figure_briefs import CONTESTED_MARK

ARTICLES = {
    "a_general_staff.txt": (
        "Losses mount as talks stall\n\n"
        "KYIV, 10 January 2025 — Ukraine's general staff said on Friday that 1,200 Russian "
        "soldiers are being killed every day on the eastern front.\n\n"
        "Ukraine's defence ministry said 900,000 Russian soldiers had been killed since 2022.\n\n"
        "Regional officials said nine civilians were killed in a missile attack on Odesa.\n\n"
        "Norway has pledged $300m in military aid to Ukraine, the Norwegian defence minister, "
        "Ola Berg, said."
    ),
    "b_kremlin.txt": (
        "Moscow disputes Kyiv's figures\n\n"
        "MOSCOW, 14 January 2025 — Russia's defence ministry said 150,000 Russian soldiers had "
        "been killed since 2022, far fewer than Kyiv says.\n\n"
        "Russia's defence ministry also said 300 Russian soldiers are killed each week.\n\n"
        "The United Nations monitoring mission said at least 12,600 civilians had been killed "
        "since the invasion began.\n\n"
        "Denmark has pledged $500m in military aid to Ukraine, the Danish prime minister, "
        "Karen Holm, said."
    ),
}


@pytest_asyncio.fixture
async def runtime(
    store_env: Path, extraction_worker: ExtractionWorker, tmp_path: Path
) -> AsyncIterator[Runtime]:
    """A runtime on a fresh store holding the two articles above."""
    settings = Settings(database_url=f"sqlite+aiosqlite:///{store_env}")
    runtime = await open_runtime(settings, extraction_worker)
    for name, text in ARTICLES.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        outcome = await load_path(runtime, path)
        assert outcome.saved is not None, outcome
    try:
        yield runtime
    finally:
        await runtime.close()


def group_of(reply: str, heading: str) -> str:
    """The block of /figures under the first heading that contains these words."""
    blocks = reply.split("\n\n")
    return next(b for b in blocks if heading in b.splitlines()[0])


async def test_totals_of_one_count_by_two_claimants_are_disputed(runtime: Runtime) -> None:
    reply = await respond(runtime, "/figures")
    killed = group_of(reply, "Soldiers killed and wounded — Russia")
    assert killed.startswith(CONTESTED_MARK), reply
    assert "900,000" in killed and "150,000" in killed


async def test_rates_events_and_donors_are_listed_without_a_mark(runtime: Runtime) -> None:
    reply = await respond(runtime, "/figures")
    # Rates stand beside the totals, in words that say they are rates.
    assert "1,200 soldiers killed every day" in reply
    assert "300 soldiers killed each week" in reply
    civilians = group_of(reply, "Civilians killed and wounded")
    assert not civilians.startswith(CONTESTED_MARK), reply
    assert "(one event, in a missile attack)" in civilians
    aid = [b for b in reply.split("\n\n") if "aid" in b.splitlines()[0]]
    assert aid and not any(b.startswith(CONTESTED_MARK) for b in aid), reply
    assert reply.count(CONTESTED_MARK) == 1
