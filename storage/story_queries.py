"""Read quotes and the timeline for answers: newest first, bounded, each with its source."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from briefings.entries import EventEntry, QuoteEntry, Slice
from storage.labelled import records_from
from storage.search_backends import sentences_holding
from storage.tables import ActorRow, EventRow, QuoteRow
from storage.totals import newest_slice
from storage.values_in import values_in

_speaker = aliased(ActorRow, name="speaker")
SPEAKER = func.coalesce(_speaker.name, QuoteRow.speaker)


def _quote_columns() -> Select[Any]:
    """A quote's fields, labelled as QuoteEntry's, its speaker by canonical name when linked."""
    query = select(QuoteRow.id, QuoteRow.text, SPEAKER.label("speaker"), QuoteRow.side)
    query = query.add_columns(QuoteRow.article_id)
    return query.outerjoin(_speaker, QuoteRow.speaker_actor_id == _speaker.id)


async def quotes_of(
    session: AsyncSession,
    *,
    actor_id: int | None,
    speaker: str | None,
    limit: int,
    side: str | None = None,
) -> Slice[QuoteEntry]:
    """The newest quotes of one speaker (a linked actor, or as written: an actor's name counts as
    written), of one side, or anyone's; newest first."""
    condition: ColumnElement[bool] = QuoteRow.speaker.is_not(None)
    if side is not None:
        condition &= QuoteRow.side == side
    conditions = [condition]
    if actor_id is not None:
        conditions = [condition & (QuoteRow.speaker_actor_id == actor_id)]
    elif speaker is not None:
        named = select(ActorRow.id).where(func.lower(ActorRow.name) == speaker.lower())
        written = QuoteRow.speaker_actor_id.is_(None) & (
            func.lower(QuoteRow.speaker) == speaker.lower()
        )
        conditions = [condition & QuoteRow.speaker_actor_id.in_(named), condition & written]
    columns, order = _quote_columns(), _NEWEST_QUOTES
    return await newest_slice(
        session, columns, QuoteEntry, QuoteRow.id, conditions, order, limit, oldest_first=False
    )


_NEWEST_QUOTES = (QuoteRow.article_id.desc(), QuoteRow.id)
# An event's fields, named as EventEntry's, and the timeline's order: newest day, then newest article.
_EVENT_COLUMNS = (EventRow.id, EventRow.day, EventRow.precision, EventRow.text, EventRow.article_id)
_NEWEST_EVENTS = (EventRow.day.desc(), EventRow.article_id.desc(), EventRow.id)


async def timeline(session: AsyncSession, *, limit: int) -> Slice[EventEntry]:
    """The dated events, newest day first; on one day, the newest article first."""
    columns = select(*_EVENT_COLUMNS)
    every = [true()]
    return await newest_slice(
        session, columns, EventEntry, EventRow.id, every, _NEWEST_EVENTS, limit, oldest_first=False
    )


async def events_about(
    session: AsyncSession, words: Sequence[str], *, limit: int
) -> list[EventEntry]:
    """The newest dated events whose words hold any of some words (lowercase), newest first;
    words are looked for in the newest sentences that hold one (storage.search)."""
    holding = await sentences_holding(session, words)
    if not holding:
        return []
    text = func.lower(EventRow.text)
    saying = or_(*(text.contains(word) for word in words))
    held = values_in(session, EventRow.sentence_id, holding)
    query = select(*_EVENT_COLUMNS).where(held, saying)
    rows = await session.execute(query.order_by(*_NEWEST_EVENTS).limit(limit))
    return records_from(EventEntry, rows)
