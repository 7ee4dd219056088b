"""Read quotes and the timeline for answers: newest first, bounded, each with its source."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Select, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from briefings.entries import EventEntry, QuoteEntry, Slice
from storage.fact_queries import ROW_TOTAL
from storage.labelled import paired, records_from
from storage.tables import ActorRow, EventRow, QuoteRow

Entry = TypeVar("Entry")

_speaker = aliased(ActorRow, name="speaker")
SPEAKER = func.coalesce(_speaker.name, QuoteRow.speaker)


def _quote_columns() -> Select[Any]:
    """A quote's fields, labelled as QuoteEntry's, its speaker by canonical name when linked."""
    query = select(QuoteRow.id, QuoteRow.text, SPEAKER.label("speaker"), QuoteRow.side)
    query = query.add_columns(QuoteRow.article_id, ROW_TOTAL)
    return query.outerjoin(_speaker, QuoteRow.speaker_actor_id == _speaker.id).where(
        QuoteRow.speaker.is_not(None)
    )


async def quotes_of(
    session: AsyncSession,
    *,
    actor_id: int | None,
    speaker: str | None,
    limit: int,
    side: str | None = None,
) -> Slice[QuoteEntry]:
    """The newest quotes of one speaker (a linked actor, or as written), of one side, or anyone's."""
    query = _quote_columns()
    if side is not None:
        query = query.where(QuoteRow.side == side)
    if actor_id is not None:
        query = query.where(QuoteRow.speaker_actor_id == actor_id)
    elif speaker is not None:
        query = query.where(func.lower(SPEAKER) == speaker.lower())
    rows = await session.execute(
        query.order_by(QuoteRow.article_id.desc(), QuoteRow.id).limit(limit)
    )
    return _slice(records_from(paired(QuoteEntry, "total"), rows))


# An event's fields, named as EventEntry's, and the timeline's order: newest day, then newest article.
_EVENT_COLUMNS = (EventRow.id, EventRow.day, EventRow.precision, EventRow.text, EventRow.article_id)
_NEWEST_EVENTS = (EventRow.day.desc(), EventRow.article_id.desc(), EventRow.id)


async def timeline(session: AsyncSession, *, limit: int) -> Slice[EventEntry]:
    """The dated events, newest day first; on one day, the newest article first."""
    query: Select[Any] = select(*_EVENT_COLUMNS, ROW_TOTAL).order_by(*_NEWEST_EVENTS).limit(limit)
    return _slice(records_from(paired(EventEntry, "total"), await session.execute(query)))


async def events_about(
    session: AsyncSession, words: Sequence[str], *, limit: int
) -> list[EventEntry]:
    """The newest dated events whose words hold any of some words (lowercase), newest first."""
    text = func.lower(EventRow.text)
    query = select(*_EVENT_COLUMNS).where(or_(*(text.contains(word) for word in words)))
    rows = await session.execute(query.order_by(*_NEWEST_EVENTS).limit(limit))
    return records_from(EventEntry, rows)


def _slice(rows: list[tuple[Entry, int]]) -> Slice[Entry]:
    """A Slice from rows in the order read, each with the total."""
    return Slice(tuple(entry for entry, _ in rows), rows[0][1] if rows else 0)
