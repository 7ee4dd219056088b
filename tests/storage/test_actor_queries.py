"""Tests of storage.actor_queries: sources with their fact counts, actors, and finding actors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from extracted_builders import make_actor, make_demand, make_draft, make_extracted, make_figure
from sqlalchemy.ext.asyncio import AsyncSession
from store_builders import save_plain

from bot.core.actor_lookup import actor_id_named, find_actor, find_named_actor, get_actor
from briefings.entries import Count
from briefings.identity.rules import IDENTITY_RULES
from briefings.model import ActorKind, Quote
from storage import (
    count_named_places,
    get_source,
    list_actors,
    list_sources,
    save_extracted,
    totals,
)

# -- sources ---------------------------------------------------------------------------


async def test_list_sources_gives_the_newest_with_fact_counts_and_the_total(
    session: AsyncSession,
) -> None:
    ids = [await save_plain(session, f"Talks resumed on day {n}.") for n in range(3)]
    draft = make_draft("Vladimir Putin said 300 soldiers died.", "Putin demanded a buffer zone.")
    counted = make_extracted(
        draft,
        title="Counted",
        outlet="Kyiv Independent",
        published=date(2025, 3, 1),
        actors=[make_actor(draft, "Vladimir Putin")],
        figures=[make_figure(draft, "300", value=300, what="soldiers")],
        demands=[make_demand(draft, "Putin", "a buffer zone")],
    )
    newest = (await save_extracted(session, extracted=counted, rules=IDENTITY_RULES)).article_id

    sources = await list_sources(session, limit=2)

    assert [s.id for s in sources.rows] == [newest, ids[2]]
    assert (sources.total, sources.hidden) == (4, 2)
    first = sources.rows[0]
    assert (first.title, first.outlet, first.published) == (
        "Counted",
        "Kyiv Independent",
        date(2025, 3, 1),
    )
    assert (first.n_actors, first.n_figures, first.n_demands) == (1, 1, 1)
    assert (sources.rows[1].n_actors, sources.rows[1].n_figures) == (0, 0)


async def test_list_sources_on_an_empty_store(session: AsyncSession) -> None:
    sources = await list_sources(session, limit=5)
    assert (sources.rows, sources.total, sources.hidden) == ((), 0, 0)


async def test_get_source_gives_one_article_or_none(session: AsyncSession) -> None:
    article_id = await save_plain(session, "Donald Trump spoke in Paris.", "Donald Trump")
    source = await get_source(session, article_id)
    assert source is not None
    assert (source.id, source.title, source.n_actors) == (
        article_id,
        "Donald Trump spoke in Paris.",
        1,
    )
    assert await get_source(session, article_id + 1000) is None


# -- actors ----------------------------------------------------------------------------


async def test_list_actors_orders_by_number_of_articles(session: AsyncSession) -> None:
    first = await save_plain(
        session, "Donald Trump and Keir Starmer met.", "Donald Trump", "Keir Starmer"
    )
    await save_plain(session, "Keir Starmer spoke in London.", "Keir Starmer")
    last = await save_plain(
        session, "Keir Starmer met Emmanuel Macron.", "Keir Starmer", "Emmanuel Macron"
    )
    await save_plain(session, "Emmanuel Macron spoke in Paris.", "Emmanuel Macron")

    actors = await list_actors(session, limit=2)

    assert [(a.name, a.n_articles) for a in actors.rows] == [
        ("Keir Starmer", 3),
        ("Emmanuel Macron", 2),
    ]
    assert (actors.total, actors.hidden) == (3, 1)
    assert actors.rows[0].articles == (first, last)


# A made-up town and region; the sentences are no real reporting.
PLACES = ("country",)


async def save_places(session: AsyncSession) -> None:
    """One article naming five places: one only named, one with a role, and three that act."""
    draft = make_draft(
        "Shrapnel fell on Verkhnia Lozova and Sosnivka, the district centre, overnight.",
        "Ostrivka demanded more buses.",
        "Dubrava said 40 homes were hit.",
        "Pryluzhne said: “We are still here.”",
    )
    places = [
        make_actor(draft, "Verkhnia Lozova", kind=ActorKind.COUNTRY),
        make_actor(draft, "Sosnivka", kind=ActorKind.COUNTRY, role="the district centre"),
        make_actor(draft, "Ostrivka", kind=ActorKind.COUNTRY),
        make_actor(draft, "Dubrava", kind=ActorKind.COUNTRY),
        make_actor(draft, "Pryluzhne", kind=ActorKind.COUNTRY),
    ]
    quote = Quote("We are still here.", "Pryluzhne", draft.at("We are still here."))
    extracted = make_extracted(
        draft,
        actors=places,
        demands=[make_demand(draft, "Ostrivka", "more buses")],
        figures=[make_figure(draft, "40", value=40, what="homes", claimed_by="Dubrava")],
    )
    await save_extracted(
        session, extracted=replace(extracted, quotes=(quote,)), rules=IDENTITY_RULES
    )


async def test_list_actors_leaves_out_the_places_only_named(session: AsyncSession) -> None:
    await save_places(session)
    await save_plain(session, "Olha Marchenko spoke in Verkhnia Lozova.", "Olha Marchenko")

    actors = await list_actors(session, limit=10, place_kinds=PLACES)
    named = await list_actors(session, limit=10, place_kinds=PLACES, named_places=True)

    # A place with a role, or that holds a position, claims a figure or is quoted, is listed.
    listed = {"Sosnivka", "Ostrivka", "Dubrava", "Pryluzhne", "Olha Marchenko"}
    assert {a.name for a in actors.rows} == listed
    assert (actors.total, actors.hidden) == (5, 0)
    assert [a.name for a in named.rows] == ["Verkhnia Lozova"]
    assert await count_named_places(session, place_kinds=PLACES) == Count(1)


async def test_list_actors_without_place_kinds_lists_every_actor(session: AsyncSession) -> None:
    await save_places(session)
    actors = await list_actors(session, limit=10)
    assert actors.total == 5 and "Verkhnia Lozova" in {a.name for a in actors.rows}
    assert await count_named_places(session, place_kinds=()) == Count(0)


async def test_list_actors_pages_by_offset(session: AsyncSession) -> None:
    for n, name in enumerate(["Anna Bilyk", "Borys Chornyi", "Daryna Fedko"]):
        sentences = [f"{name} spoke ({k})." for k in range(3 - n)]
        for sentence in sentences:
            await save_plain(session, sentence, name)

    second = await list_actors(session, limit=2, offset=2)
    past = await list_actors(session, limit=2, offset=4)

    assert [a.name for a in second.rows] == ["Daryna Fedko"]
    assert second.total == 3
    # A page past the end has no rows but still says how many there are.
    assert (past.rows, past.total) == ((), 3)


async def test_totals_stop_a_cap_past_the_rows_a_page_skips(
    session: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(totals, "TOTAL_CAP", 2)
    for n in range(5):
        await save_plain(session, f"Person Number{n} spoke.", f"Person Number{n}")

    sources = await list_sources(session, limit=1)
    first = await list_actors(session, limit=1)
    third = await list_actors(session, limit=1, offset=2)
    last = await list_actors(session, limit=1, offset=4)

    assert (sources.total, sources.capped) == (2, True)
    assert (first.total, first.capped) == (2, True)
    assert (third.total, third.capped) == (4, True)
    assert (last.total, last.capped, len(last.rows)) == (5, False, 1)


async def test_get_actor_gives_aliases_articles_and_count(session: AsyncSession) -> None:
    draft = make_draft("Volodymyr Zelenskyy spoke.", "Zelensky said more.")
    actor = make_actor(draft, "Volodymyr Zelenskyy", role="President of Ukraine")
    alias = make_actor(draft, "Zelensky")
    saved = await save_extracted(
        session, extracted=make_extracted(draft, actors=[actor, alias]), rules=IDENTITY_RULES
    )
    found = await find_actor(session, "Volodymyr Zelenskyy")
    assert found is not None

    entry = await get_actor(session, found.id)

    assert entry == found
    assert (entry.name, entry.role, entry.aliases) == (
        "Volodymyr Zelenskyy",
        "President of Ukraine",
        ("Zelensky",),
    )
    assert (entry.articles, entry.n_articles) == ((saved.article_id,), 1)
    assert await get_actor(session, found.id + 1000) is None


async def test_find_actor_matches_aliases_ignoring_case(session: AsyncSession) -> None:
    draft = make_draft("Donald Trump spoke.", "The US president said more.")
    trump = make_actor(draft, "Donald Trump", aliases=["The US president"])
    await save_extracted(
        session, extracted=make_extracted(draft, actors=[trump]), rules=IDENTITY_RULES
    )

    found = await find_actor(session, "the us PRESIDENT")

    assert found is not None and found.name == "Donald Trump"


async def test_find_actor_matches_spelling_variants(session: AsyncSession) -> None:
    await save_plain(session, "Volodymyr Zelenskyy spoke in Kyiv.", "Volodymyr Zelenskyy")

    for query in ("Zelensky", "zelenskiy", "Volodymyr Zelensky"):
        found = await find_actor(session, query)
        assert found is not None and found.name == "Volodymyr Zelenskyy", query


async def test_find_actor_prefers_the_most_cited(session: AsyncSession) -> None:
    await save_plain(session, "Boris Yermak spoke.", "Boris Yermak")
    for n in range(2):
        await save_plain(session, f"Andriy Yermak spoke on day {n}.", "Andriy Yermak")

    found = await find_actor(session, "Yermak")

    assert found is not None and (found.name, found.n_articles) == ("Andriy Yermak", 2)


async def test_find_actor_prefers_an_exact_name_to_a_variant(session: AsyncSession) -> None:
    await save_plain(session, "Andriy Yermak spoke.", "Andriy Yermak")
    for n in range(2):
        await save_plain(session, f"Boris Yermak spoke on day {n}.", "Boris Yermak")

    found = await find_actor(session, "andriy yermak")

    assert found is not None and found.name == "Andriy Yermak"


async def test_find_actor_gives_none_for_an_unknown_name(session: AsyncSession) -> None:
    await save_plain(session, "Donald Trump spoke.", "Donald Trump")
    assert await find_actor(session, "Merz") is None


async def test_a_phrase_longer_than_a_name_does_not_name_it_for_ending_alike(
    session: AsyncSession,
) -> None:
    await save_plain(session, "Nato met in Brussels.", "Nato")
    assert await find_actor(session, "Ukraine in Nato") is None
    found = await find_actor(session, "NATO")
    assert found is not None and found.name == "Nato"


async def test_actor_id_named_takes_the_first_phrase_that_names_someone(
    session: AsyncSession,
) -> None:
    await save_plain(session, "Keith Kellogg spoke.", "Keith Kellogg")
    await save_plain(session, "Emmanuel Macron spoke.", "Emmanuel Macron")
    macron = await find_actor(session, "Emmanuel Macron")

    found = await actor_id_named(session, ["Kellogg say about", "Macron", "Kellogg"])

    assert macron is not None and found == macron.id
    assert await actor_id_named(session, ["peace", "talks"]) is None


async def test_find_named_actor_gives_the_names_and_kind_without_the_card(
    session: AsyncSession,
) -> None:
    draft = make_draft("Dmitry Peskov, the Kremlin spokesman, spoke.", "Peskov said no.")
    peskov = make_actor(
        draft, "Dmitry Peskov", role="spokesman", aliases=("Dmitri Peskov", "Peskov")
    )
    extracted = make_extracted(draft, actors=[peskov])
    await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    await save_plain(session, "Keith Kellogg spoke.", "Keith Kellogg")
    card = await find_actor(session, "Peskov")

    named = await find_named_actor(session, ["Peskov"])

    assert card is not None and named is not None and len(card.aliases) == 2
    assert (named.id, named.name, named.kind, named.aliases) == (
        card.id,
        card.name,
        card.kind,
        card.aliases,
    )
    lone = await find_named_actor(session, ["Kellogg"])
    assert lone is not None and (lone.name, lone.aliases) == ("Keith Kellogg", ())
