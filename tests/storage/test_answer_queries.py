"""Tests of the answer queries: sources, actors, figures, demands, facts in sentences, pagers."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import time_machine
from extracted_builders import make_actor, make_demand, make_draft, make_extracted, make_figure
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.actor_lookup import find_actor, find_actor_named, get_actor
from briefings.identity.rules import IDENTITY_RULES
from briefings.model import ActorKind, DemandKind
from storage import (
    demands_of,
    demands_overview,
    facts_in_sentences,
    figures_about,
    figures_claimed_by,
    figures_overview,
    get_pager,
    get_source,
    list_actors,
    list_sources,
    save_extracted,
    save_pager,
)
from storage.tables import SentenceRow


async def save_plain(session: AsyncSession, sentence: str, *names: str) -> int:
    """An article of one sentence mentioning some people; its id."""
    draft = make_draft(sentence)
    actors = [make_actor(draft, name) for name in names]
    extracted = make_extracted(draft, title=sentence, actors=actors)
    return (await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)).article_id


async def save_figure(
    session: AsyncSession,
    tag: str,
    value: int,
    *,
    claimant: str | None = "Oleksandr Syrskyi",
    measure: str | None = "military_killed",
    side: str | None = "Ukraine",
    what: str = "soldiers",
) -> int:
    """An article whose one sentence states one figure (claimed by an actor in it); its id."""
    who = claimant or "Officials"
    draft = make_draft(f"{who} said {value} {what} were killed ({tag}).")
    actors = [make_actor(draft, claimant)] if claimant else []
    figure = make_figure(draft, str(value), value=value, what=what, claimed_by=claimant)
    measured = replace(figure, measure=measure, measured_side=side)
    extracted = make_extracted(draft, title=tag, actors=actors, figures=[measured])
    return (await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)).article_id


async def save_demands(
    session: AsyncSession, tag: str, demands: list[tuple[str, str]], actors: tuple[str, ...] = ()
) -> int:
    """An article naming some actors, then stating each party's demand in a sentence; its id."""
    sentences = [f"{' and '.join(actors)} spoke ({tag})."] if actors else []
    sentences += [f"{party} demanded {wording} ({tag})." for party, wording in demands]
    draft = make_draft(*sentences)
    made = [make_actor(draft, name) for name in actors]
    found = [make_demand(draft, party, f"{wording} ({tag})") for party, wording in demands]
    extracted = make_extracted(draft, title=tag, actors=made, demands=found)
    return (await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)).article_id


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


async def test_find_actor_named_takes_the_first_phrase_that_names_someone(
    session: AsyncSession,
) -> None:
    await save_plain(session, "Keith Kellogg spoke.", "Keith Kellogg")
    await save_plain(session, "Emmanuel Macron spoke.", "Emmanuel Macron")

    found = await find_actor_named(session, ["Kellogg say about", "Macron", "Kellogg"])

    assert found is not None and found.name == "Emmanuel Macron"
    assert await find_actor_named(session, ["peace", "talks"]) is None


# -- figures ---------------------------------------------------------------------------


async def test_figures_overview_keeps_the_newest_per_measure_and_side(
    session: AsyncSession,
) -> None:
    killed = [await save_figure(session, f"k{n}", 1000 + n) for n in range(4)]
    russian = await save_figure(session, "r", 2000, side="Russia")
    wounded = await save_figure(session, "w", 3000, measure="military_wounded")
    unmeasured = await save_figure(session, "u", 4000, measure=None, side=None)

    overview = await figures_overview(session, per_measure=2)

    by_group: dict[tuple[str | None, str | None], list[int]] = {}
    for figure in overview:
        by_group.setdefault((figure.measure, figure.measured_side), []).append(figure.article_id)
    assert by_group == {
        ("military_killed", "Ukraine"): killed[2:],
        ("military_killed", "Russia"): [russian],
        ("military_wounded", "Ukraine"): [wounded],
        (None, None): [unmeasured],
    }
    assert [f.article_id for f in overview] == sorted(f.article_id for f in overview)


async def test_figures_overview_of_an_empty_store(session: AsyncSession) -> None:
    assert await figures_overview(session, per_measure=3) == []


async def test_figures_claimed_by_keeps_the_newest_and_counts_all(session: AsyncSession) -> None:
    ids = [await save_figure(session, f"s{n}", 100 + n) for n in range(4)]
    await save_figure(session, "other", 999, claimant="Sergei Shoigu")
    actor = await find_actor(session, "Syrskyi")
    assert actor is not None

    claims = await figures_claimed_by(session, actor.id, limit=2)

    assert sorted(f.article_id for f in claims.rows) == ids[2:]
    assert (claims.total, claims.hidden) == (4, 2)
    assert {f.claimant for f in claims.rows} == {"Oleksandr Syrskyi"}
    assert {f.value for f in claims.rows} == {102, 103}


async def test_figures_about_matches_measures_or_counted_words(session: AsyncSession) -> None:
    killed = await save_figure(session, "a", 100)
    drones = await save_figure(session, "b", 200, measure=None, side=None, what="Shahed Drones")
    await save_figure(session, "c", 300, measure="military_wounded")
    newest = await save_figure(session, "d", 400)

    found = await figures_about(session, measures={"military_killed"}, words=["drones"], limit=2)

    assert sorted(f.article_id for f in found.rows) == [drones, newest]
    assert (found.total, found.hidden) == (3, 1)
    everything = await figures_about(session, measures={"military_killed"}, words=[], limit=10)
    assert sorted(f.article_id for f in everything.rows) == [killed, newest]


# -- demands ---------------------------------------------------------------------------


async def test_demands_overview_shows_the_parties_with_most_demands(session: AsyncSession) -> None:
    await save_demands(session, "one", [("Kremlin", "a buffer zone"), ("Kyiv", "guarantees")])
    await save_demands(session, "two", [("Kremlin", "neutrality"), ("Kyiv", "troops out")])
    newest = await save_demands(
        session, "three", [("Kremlin", "sanctions lifted"), ("Hungary", "a summit")]
    )

    entries, totals = await demands_overview(session, parties=2, per_party=1)

    assert [(d.party, d.article_id) for d in entries] == [("Kyiv", newest - 1), ("Kremlin", newest)]
    assert totals == {"Kremlin": 3, "Kyiv": 2}


async def test_demands_overview_counts_a_linked_actor_once_under_its_names(
    session: AsyncSession,
) -> None:
    await save_demands(
        session,
        "one",
        [("Vladimir Putin", "a buffer zone"), ("Putin", "neutrality")],
        actors=("Vladimir Putin",),
    )
    await save_demands(session, "two", [("Putin", "sanctions lifted")], actors=("Putin",))
    await save_demands(session, "three", [("Kyiv", "guarantees"), ("Kyiv", "troops out")])

    entries, totals = await demands_overview(session, parties=1, per_party=2)

    assert {d.party for d in entries} == {"Vladimir Putin"}
    assert len(entries) == 2
    assert totals == {"Vladimir Putin": 3}


async def test_demands_of_a_linked_actor_and_of_a_party_as_written(session: AsyncSession) -> None:
    ids = [
        await save_demands(session, f"d{n}", [("Putin", f"demand {n}")], actors=("Vladimir Putin",))
        for n in range(3)
    ]
    await save_demands(session, "k", [("the Kremlin", "neutrality"), ("Kyiv", "guarantees")])
    putin = await find_actor(session, "Putin")
    assert putin is not None

    linked = await demands_of(session, actor_id=putin.id, party=putin.name, limit=2)
    written = await demands_of(session, actor_id=None, party="THE KREMLIN", limit=5)

    # The newest two, shown oldest of them first.
    assert [d.article_id for d in linked.rows] == ids[1:]
    assert {d.party for d in linked.rows} == {"Vladimir Putin"}
    assert (linked.total, linked.hidden) == (3, 1)
    assert [d.party for d in written.rows] == ["the Kremlin"]
    assert (written.total, written.hidden) == (1, 0)


async def test_demands_of_a_written_party_finds_a_linked_actor_by_its_name(
    session: AsyncSession,
) -> None:
    await save_demands(session, "a", [("Putin", "neutrality")], actors=("Vladimir Putin",))
    found = await demands_of(session, actor_id=None, party="vladimir putin", limit=5)
    assert [(d.party, d.demand) for d in found.rows] == [("Vladimir Putin", "neutrality (a)")]
    assert found.total == 1


# -- facts in sentences ---------------------------------------------------------------


async def test_facts_in_sentences_gives_each_sentences_figures_and_demands(
    session: AsyncSession,
) -> None:
    draft = make_draft(
        "Russia said 500 soldiers died.", "Kyiv demanded guarantees.", "Nothing happened."
    )
    figure = replace(
        make_figure(draft, "500", value=500, what="soldiers", claimed_by="Russia"),
        measure="military_killed",
        measured_side="Ukraine",
    )
    extracted = make_extracted(
        draft,
        actors=[make_actor(draft, "Russia", kind=ActorKind.COUNTRY)],
        figures=[figure],
        demands=[make_demand(draft, "Kyiv", "guarantees", kind=DemandKind.CONDITION)],
    )
    saved = await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    ids = list(
        await session.scalars(
            select(SentenceRow.id)
            .where(SentenceRow.article_id == saved.article_id)
            .order_by(SentenceRow.index)
        )
    )

    figures, demands = await facts_in_sentences(session, ids)

    assert list(figures) == [ids[0]] and list(demands) == [ids[1]]
    [stated] = figures[ids[0]]
    assert (stated.value, stated.measure, stated.claimant) == (500, "military_killed", "Russia")
    [demand] = demands[ids[1]]
    assert (demand.party, demand.kind, demand.demand) == ("Kyiv", "condition", "guarantees")
    assert await facts_in_sentences(session, [ids[2]]) == ({}, {})
    assert await facts_in_sentences(session, []) == ({}, {})


# -- pagers ----------------------------------------------------------------------------


async def test_a_pager_keeps_its_command_for_its_chat_only(session: AsyncSession) -> None:
    pager_id = await save_pager(session, chat_id=42, command="/figures drones")

    assert await get_pager(session, pager_id=pager_id, chat_id=42) == "/figures drones"
    assert await get_pager(session, pager_id=pager_id, chat_id=43) is None
    assert await get_pager(session, pager_id=pager_id + 1000, chat_id=42) is None


async def test_pagers_get_their_own_ids(session: AsyncSession) -> None:
    first = await save_pager(session, chat_id=1, command="/who")
    second = await save_pager(session, chat_id=1, command="/sources")
    assert first != second
    assert await get_pager(session, pager_id=second, chat_id=1) == "/sources"


async def test_saving_a_pager_drops_expired_ones(session: AsyncSession) -> None:
    start = datetime(2025, 3, 1, 12, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        old = await save_pager(session, chat_id=7, command="/who")
    with time_machine.travel(start + timedelta(days=20), tick=False):
        recent = await save_pager(session, chat_id=7, command="/sources")
    with time_machine.travel(start + timedelta(days=31), tick=False):
        await save_pager(session, chat_id=8, command="/figures")

    assert await get_pager(session, pager_id=old, chat_id=7) is None
    assert await get_pager(session, pager_id=recent, chat_id=7) == "/sources"
