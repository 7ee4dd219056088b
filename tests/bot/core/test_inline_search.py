"""Tests of bot.core.inline_search: the cards and figure groups an inline query names, on the
seeded store, each as the bot answers it and with the sources it cites."""

from __future__ import annotations

import pytest

from bot.core import inline_search
from bot.core.commands import answer
from bot.core.inline_search import (
    MOST_RESULTS,
    OFFERS_SECONDS,
    QUERY_CHARS,
    InlineResult,
    inline_query,
    inline_results,
)
from bot.core.runtime import Runtime
from briefings.i18n import UKRAINIAN, _, use_language
from briefings.identity.rules import IDENTITY_RULES
from storage import save_extracted
from tests.storage.extracted_builders import make_draft, make_extracted


async def test_a_name_finds_the_actors_card_with_its_sources(seeded_runtime: Runtime) -> None:
    [result] = await inline_results(seeded_runtime, "zelensky")
    card = await answer(seeded_runtime, "/who Zelenskyy")
    assert card.share is not None
    assert (result.payload, result.title) == (card.share.payload, "Volodymyr Zelenskyy")
    assert result.answer == card
    assert result.description.startswith("President of Ukraine")
    notes = [line.plain for line in result.notes]
    assert notes[1] == "Sources"
    assert notes[2].startswith("[1] Trump calls for 'immediate ceasefire'")
    assert notes[3].startswith("[2] Zelensky Says Kyiv Wants 'Enduring' Peace")
    assert notes[3].endswith("themoscowtimes.com, 8 Dec 2024")


async def test_several_names_and_any_spelling(seeded_runtime: Runtime) -> None:
    titles = [r.title for r in await inline_results(seeded_runtime, "Putin  ZELENSKYY")]
    assert sorted(titles) == ["Vladimir Putin", "Volodymyr Zelenskyy"]


async def test_measure_and_country_words_find_figure_groups(seeded_runtime: Runtime) -> None:
    results = await inline_results(seeded_runtime, "killed ukraine")
    groups = [r for r in results if r.payload.startswith("f")]
    assert [g.payload for g in groups] == ["fmilitary_losses-ukraine"]
    [group] = groups
    assert group.title == "⚠️ Soldiers killed and wounded — Ukraine"
    assert group.description == "2 claimants, 5 figures, sources disagree"
    opened = await answer(seeded_runtime, f"/start {group.payload}")
    assert group.answer == opened
    assert [line.plain[:3] for line in group.notes[2:]] == ["[1]", "[2]"]
    killed = [r.payload for r in await inline_results(seeded_runtime, "killed")]
    assert killed[0] == "fmilitary_losses-ukraine" and "fmilitary_losses" in killed


async def test_an_empty_query_offers_the_most_cited_and_the_largest(
    seeded_runtime: Runtime,
) -> None:
    results = await inline_results(seeded_runtime, "")
    payloads = [r.payload for r in results]
    assert len(results) == MOST_RESULTS and len(set(payloads)) == MOST_RESULTS
    trump = (await answer(seeded_runtime, "/who Trump")).share
    assert trump is not None and payloads[0] == trump.payload
    assert "fmilitary_losses-ukraine" in payloads
    assert all(r.notes for r in results)  # every result is sourced


async def test_a_query_naming_nothing_finds_nothing(seeded_runtime: Runtime) -> None:
    assert await inline_results(seeded_runtime, "qwertyuiop") == []
    assert await inline_results(seeded_runtime, "\u202e\u200b") != []  # cleaned to empty: the offer


async def test_a_query_is_cleaned_and_bounded(seeded_runtime: Runtime) -> None:
    assert inline_query("  zelensky\u202e\x00 ") == "zelensky"
    assert len(inline_query("z" * 100_000)) == QUERY_CHARS
    assert await inline_results(seeded_runtime, "zelensky " * 1000) != []


async def test_results_are_in_the_current_language(seeded_runtime: Runtime) -> None:
    with use_language(UKRAINIAN):
        [result] = await inline_results(seeded_runtime, "zelensky")
        sources = _("Sources")
        ukrainian_card = await answer(seeded_runtime, "/who Zelenskyy")
    assert result.answer == ukrainian_card
    assert result.notes[1].plain == sources != "Sources"


async def test_names_typed_in_cyrillic_find_the_actors(seeded_runtime: Runtime) -> None:
    # Transliterated ("Зеленський", "Путін"), or spelled from the sound ("Трамп").
    titles = sorted(r.title for r in await inline_results(seeded_runtime, "Зеленський Путін Трамп"))
    assert titles == ["Donald Trump", "Vladimir Putin", "Volodymyr Zelenskyy"]
    for name in ("Зеленський", "Володимир Зеленський", "Трамп", "Макрон", "Пєсков"):
        card = await answer(seeded_runtime, f"/who {name}")
        assert card.share is not None, name


async def test_the_empty_querys_offers_are_kept_a_while_per_language(
    seeded_runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(inline_search.time, "monotonic", lambda: clock[0])
    made: list[str] = []
    real_search = inline_search.search

    async def counted_search(runtime: Runtime, query: str) -> list[InlineResult]:
        made.append(query)
        return await real_search(runtime, query)

    monkeypatch.setattr(inline_search, "search", counted_search)
    first = await inline_results(seeded_runtime, "")
    assert await inline_results(seeded_runtime, " ") == first
    with use_language(UKRAINIAN):
        ukrainian = await inline_results(seeded_runtime, "")
    assert ukrainian != first
    assert made == ["", ""]  # once per language
    clock[0] += OFFERS_SECONDS
    assert await inline_results(seeded_runtime, "") == first
    assert made == ["", "", ""]  # made again once they are old
    # A new article renews them at once.
    async with seeded_runtime.sessions.begin() as session:
        draft = make_draft("Talks resumed in Geneva on Monday, officials said.")
        extracted = make_extracted(draft, title="Talks resume", source="new.txt")
        await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    await inline_results(seeded_runtime, "")
    assert made == ["", "", "", ""]
    await inline_results(seeded_runtime, "zelensky")
    await inline_results(seeded_runtime, "zelensky")
    assert made[-2:] == ["zelensky", "zelensky"]  # queries that name something are not kept
