"""Builders of figures and their articles' dates, for the tests of /chart's data and caption."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import count

from briefings.entries import FigureEntry, SourceDate

_ids = count(1)
LOADED = datetime(2025, 6, 30, 22, 15, tzinfo=UTC)


def make_entry(
    value: float,
    article_id: int,
    *,
    claimant: str | None = "Kyiv",
    measure: str | None = "military_killed",
    side: str | None = "Ukraine",
    text: str | None = None,
) -> FigureEntry:
    """A stored figure, built by keyword so that fields added later keep their defaults."""
    return FigureEntry(
        id=next(_ids),
        text=text or f"{value:,.0f}",
        value=value,
        unit=None,
        what="soldiers",
        measure=measure,
        measured_side=side,
        claimant=claimant,
        article_id=article_id,
    )


def make_source(article_id: int, published: date | None) -> SourceDate:
    """An article published on a day (or undated), loaded on 30 June 2025."""
    return SourceDate(
        id=article_id,
        title=f"Article {article_id}",
        outlet="Example News",
        published=published,
        loaded_at=LOADED,
    )


SOURCES = {
    1: make_source(1, date(2025, 3, 1)),
    2: make_source(2, date(2025, 4, 1)),
    3: make_source(3, None),
}
