"""Tests of role links saved (storage.saving, storage.actors.dated_roles): ids written, roles read by date; roles on the card.

The linking rules themselves are tested on snapshots in tests/briefings/identity/test_role_linking.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from extracted_builders import (
    Draft,
    make_actor,
    make_demand,
    make_draft,
    make_extracted,
    make_figure,
)
from spacy.language import Language
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.actor_lookup import find_actor, get_actor
from briefings.entries import DemandEntry, FigureEntry, Slice
from briefings.extraction.extractors import extract
from briefings.identity.rules import IDENTITY_RULES
from briefings.model import Actor, Quote, SourceText
from briefings.replies.briefs import build_actor_card
from storage import save_extracted
from storage.tables import DemandRow, FigureRow, QuoteRow

NO_FIGURES: Slice[FigureEntry] = Slice((), 0)
NO_DEMANDS: Slice[DemandEntry] = Slice((), 0)


async def save_named(
    session: AsyncSession, sentence: str, name: str, role: str | None, day: date | None
) -> int:
    """An article of one sentence naming one person in a role; its id."""
    draft = make_draft(sentence)
    actor = make_actor(draft, name, role=role)
    extracted = make_extracted(draft, source=sentence, published=day, actors=[actor])
    return (await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)).article_id


async def save_claims(
    session: AsyncSession,
    who: str,
    day: date | None,
    actors: Sequence[Actor] = (),
    draft: Draft | None = None,
) -> None:
    """An article in which someone, named only by a phrase, claims, demands and says something."""
    draft = draft or make_draft(
        f"The {who} said 500 soldiers surrendered ({day}).",
        f"The {who} demanded a withdrawal.",
        f"The {who} said: “We will not freeze the conflict.”",
    )
    quote = Quote("We will not freeze the conflict.", who, draft.at("We will not freeze"))
    extracted = make_extracted(
        draft,
        source=f"{who} {day}",
        published=day,
        actors=actors,
        figures=[make_figure(draft, "500 soldiers", value=500, claimed_by=who)],
        demands=[make_demand(draft, who, "a withdrawal")],
    )
    await save_extracted(
        session, extracted=replace(extracted, quotes=(quote,)), rules=IDENTITY_RULES
    )


async def links(session: AsyncSession) -> list[int | None]:
    """The actor linked to the newest article's claimant, party and speaker."""
    figure = (await session.scalars(select(FigureRow).order_by(FigureRow.id.desc()))).first()
    demand = (await session.scalars(select(DemandRow).order_by(DemandRow.id.desc()))).first()
    quote = (await session.scalars(select(QuoteRow).order_by(QuoteRow.id.desc()))).first()
    assert figure and demand and quote
    return [figure.claimant_actor_id, demand.party_actor_id, quote.speaker_actor_id]


async def actor_id(session: AsyncSession, name: str) -> int:
    """The id of the stored actor of a name."""
    found = await find_actor(session, name)
    assert found is not None
    return found.id


async def test_a_role_phrase_links_to_the_actor_another_article_names(
    session: AsyncSession,
) -> None:
    sentence = "Kremlin spokesman Dmitry Peskov spoke."
    await save_named(session, sentence, "Dmitry Peskov", "Kremlin spokesman", date(2024, 12, 10))

    await save_claims(session, "Kremlin spokesman", date(2024, 12, 20))

    peskov = await actor_id(session, "Peskov")
    assert await links(session) == [peskov, peskov, peskov]
    [demand] = (await session.scalars(select(DemandRow))).all()
    assert demand.party == "Kremlin spokesman"


async def test_the_pipeline_links_the_kremlin_spokesman_of_a_later_article(
    session: AsyncSession, nlp: Language
) -> None:
    first = (
        "Kremlin spokesman Dmitry Peskov said on Tuesday that Moscow would not accept a ceasefire."
    )
    later = (
        "“We will not freeze the conflict,” the Kremlin spokesman told reporters.\n\n"
        "The Kremlin spokesman said 500 Ukrainian soldiers had surrendered in December."
    )
    for text, day in ((first, date(2024, 12, 10)), (later, date(2024, 12, 20))):
        source = SourceText(title=text[:20], text=text, source=text[:20], published=day)
        await save_extracted(session, extracted=extract(nlp, source), rules=IDENTITY_RULES)

    peskov = await actor_id(session, "Peskov")
    figure = (await session.scalars(select(FigureRow))).one()
    quote = (await session.scalars(select(QuoteRow))).one()
    assert (figure.claimed_by, figure.claimant_actor_id) == ("Kremlin spokesman", peskov)
    assert (quote.speaker, quote.speaker_actor_id) == ("Kremlin spokesman", peskov)


async def test_a_role_links_to_whoever_held_it_by_the_articles_date(session: AsyncSession) -> None:
    await save_named(
        session, "US President Joe Biden spoke.", "Joe Biden", "US President", date(2024, 12, 1)
    )
    await save_named(
        session,
        "US President Donald Trump spoke.",
        "Donald Trump",
        "US President",
        date(2025, 2, 1),
    )
    biden, trump = await actor_id(session, "Biden"), await actor_id(session, "Trump")

    # Loaded last but dated before Trump held the role: only Biden held it then.
    await save_claims(session, "US president", date(2024, 12, 15))
    assert await links(session) == [biden, biden, biden]

    # Once both held it, the phrase is ambiguous; once Biden is named the former one, it is not.
    await save_claims(session, "US president", date(2025, 2, 10))
    assert await links(session) == [None, None, None]
    sentence = "Former US President Joe Biden spoke."
    await save_named(session, sentence, "Joe Biden", "Former US President", date(2025, 2, 15))
    await save_claims(session, "US president", date(2025, 3, 1))
    assert await links(session) == [trump, trump, trump]


async def test_a_role_the_article_does_not_state_is_not_used(session: AsyncSession) -> None:
    # The data's fallback role for Joe Biden, which this article's text never states.
    await save_named(session, "Joe Biden spoke.", "Joe Biden", "US president", date(2024, 12, 1))
    await save_claims(session, "US president", date(2024, 12, 15))
    assert await links(session) == [None, None, None]

    biden = await find_actor(session, "Biden")
    assert biden is not None and biden.roles == ()


async def test_the_card_shows_each_role_with_its_days_and_sources_newest_first(
    session: AsyncSession,
) -> None:
    day = date(2024, 12, 8)
    first = await save_named(
        session, "US President-elect Donald Trump spoke.", "Donald Trump", "US President-elect", day
    )
    second = await save_named(
        session,
        "Donald Trump, US president-elect, and a website left.",
        "Donald Trump",
        "US president-elect; website",
        date(2024, 12, 19),
    )
    third = await save_named(
        session,
        "US President Donald Trump spoke.",
        "Donald Trump",
        "US President",
        date(2025, 1, 21),
    )
    trump = await get_actor(session, await actor_id(session, "Trump"))
    assert trump is not None

    text = build_actor_card(trump, NO_FIGURES, NO_DEMANDS).plain

    assert text.splitlines()[1:4] == [
        f"Role: US President — 21 Jan 2025 [{third}]",
        "Other roles stated:",
        f"• US president-elect — 19 Dec 2024, 8 Dec 2024 [{first}][{second}]",
    ]
    assert "website" not in text


async def test_the_card_shows_the_newest_few_roles(session: AsyncSession) -> None:
    ids = []
    for day in range(1, 8):
        role = f"envoy for round {day}"
        sentence = f"Steve Witkoff, {role}, spoke."
        ids.append(await save_named(session, sentence, "Steve Witkoff", role, date(2025, 3, day)))
    witkoff = await get_actor(session, await actor_id(session, "Witkoff"))
    assert witkoff is not None

    lines = build_actor_card(witkoff, NO_FIGURES, NO_DEMANDS).plain.splitlines()

    assert lines[1:4] == [
        f"Role: envoy for round 7 — 7 Mar 2025 [{ids[6]}]",
        "Other roles stated:",
        f"• envoy for round 6 — 6 Mar 2025 [{ids[5]}]",
    ]
    assert lines[6:8] == [
        f"• envoy for round 3 — 3 Mar 2025 [{ids[2]}]",
        "…and 2 more roles. The newest are shown.",
    ]


async def test_a_role_stated_on_many_days_shows_the_newest_few(session: AsyncSession) -> None:
    for day in range(1, 6):
        sentence = f"Kremlin spokesman Dmitry Peskov spoke on day {day}."
        await save_named(
            session, sentence, "Dmitry Peskov", "Kremlin spokesman", date(2025, 3, day)
        )
    peskov = await get_actor(session, await actor_id(session, "Peskov"))
    assert peskov is not None

    role_line = build_actor_card(peskov, NO_FIGURES, NO_DEMANDS).plain.splitlines()[1]

    assert role_line.startswith(
        "Role: Kremlin spokesman — 5 Mar 2025, 4 Mar 2025, 3 Mar 2025, 2 earlier ["
    )
