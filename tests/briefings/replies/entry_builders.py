"""Builders of the entries the store hands back, for the tests of briefings.replies."""

from __future__ import annotations

from datetime import date

from briefings.entries import (
    ActorEntry,
    DemandEntry,
    FigureEntry,
    SentenceEntry,
    Slice,
    SourceEntry,
)

NO_FIGURES: Slice[FigureEntry] = Slice((), 0)
NO_DEMANDS: Slice[DemandEntry] = Slice((), 0)


def make_actor_entry(
    name: str,
    *,
    id_: int = 1,
    role: str | None = None,
    aliases: tuple[str, ...] = (),
    articles: tuple[int, ...] = (1,),
    n_articles: int | None = None,
) -> ActorEntry:
    """An actor as the store hands it back."""
    count = len(articles) if n_articles is None else n_articles
    return ActorEntry(id_, name, "person", role, aliases, articles, count)


def make_figure_entry(value: float, article_id: int, *, claimant: str = "Kyiv") -> FigureEntry:
    """A figure of soldiers killed on Ukraine's side."""
    return FigureEntry(
        article_id, f"{value:,.0f}", value, None, "soldiers", "military_killed", "Ukraine",
        claimant, article_id,
    )  # fmt: skip


def make_demand_entry(
    party: str, demand: str, article_id: int, *, kind: str = "demand"
) -> DemandEntry:
    """A demand as the store hands it back."""
    return DemandEntry(article_id, party, kind, demand, article_id)


def make_source_entry(id_: int, **fields: object) -> SourceEntry:
    """An article of the store with some fact counts."""
    values: dict[str, object] = {
        "title": f"Article {id_}",
        "outlet": "Example News",
        "published": date(2025, 3, id_),
        "n_actors": 2,
        "n_figures": 3,
        "n_demands": 1,
    }
    values.update(fields)
    return SourceEntry(id_, **values)  # type: ignore[arg-type]


def make_sentence(
    text: str,
    matched: int,
    *,
    rank: float = 1.0,
    article_id: int = 1,
    figures: tuple[FigureEntry, ...] = (),
    demands: tuple[DemandEntry, ...] = (),
) -> SentenceEntry:
    """A sentence found for a question."""
    return SentenceEntry(article_id, text, matched, rank, figures, demands)
