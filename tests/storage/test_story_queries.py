"""Tests of storage.story_queries: quotes and the timeline as entries, newest first, with totals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from extracted_builders import Draft, make_actor, make_draft, make_extracted
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import EventEntry, QuoteEntry
from briefings.identity.rules import IDENTITY_RULES
from briefings.model import Event, Precision, Quote
from storage import events_about, quotes_of, save_extracted, timeline


async def save_story(
    session: AsyncSession, draft: Draft, *, quotes: list[Quote], events: list[Event]
) -> int:
    """An article of some sentences, with quotes and events, naming Zelenskyy if it does; its id."""
    named = "Volodymyr Zelenskyy" in draft.text
    actors = [make_actor(draft, "Volodymyr Zelenskyy")] if named else []
    extracted = replace(
        make_extracted(draft, actors=actors), quotes=tuple(quotes), events=tuple(events)
    )
    return (await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)).article_id


async def test_quotes_of_a_speaker_are_entries_with_the_total(session: AsyncSession) -> None:
    draft = make_draft(
        'Volodymyr Zelenskyy said: "We want peace."', '"No concessions," he added.', "Rain fell."
    )
    spoken = [
        Quote("We want peace.", "Volodymyr Zelenskyy", draft.at("We want peace."), "Ukraine"),
        Quote("No concessions,", "Volodymyr Zelenskyy", draft.at("No concessions,"), "Ukraine"),
        Quote("Rain fell.", None, draft.at("Rain fell.")),
    ]
    article_id = await save_story(session, draft, quotes=spoken, events=[])

    found = await quotes_of(session, actor_id=None, speaker="volodymyr zelenskyy", limit=1)

    assert found.total == 2
    [entry] = found.rows
    assert isinstance(entry, QuoteEntry)
    assert (entry.text, entry.speaker, entry.side, entry.article_id) == (
        "We want peace.",
        "Volodymyr Zelenskyy",
        "Ukraine",
        article_id,
    )


async def test_the_timeline_and_events_about_give_event_entries(session: AsyncSession) -> None:
    draft = make_draft("Talks began in Riyadh on March 1.", "A truce held in April.")
    events = [
        Event(date(2025, 3, 1), Precision.DAY, "Talks began in Riyadh", draft.at("Talks began")),
        Event(date(2025, 4, 1), Precision.MONTH, "A truce held", draft.at("A truce held")),
    ]
    article_id = await save_story(session, draft, quotes=[], events=events)

    newest = await timeline(session, limit=1)
    about = await events_about(session, ["riyadh"], limit=5)

    assert newest.total == 2
    assert [(e.day, e.precision, e.text) for e in newest.rows] == [
        (date(2025, 4, 1), "month", "A truce held")
    ]
    assert about == [
        EventEntry(about[0].id, date(2025, 3, 1), "day", "Talks began in Riyadh", article_id)
    ]
