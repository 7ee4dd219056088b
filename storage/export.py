"""Export the store as JSON-able data in the shape an external scorer reads: keep it stable."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from storage.records import ArticleSummary
from storage.repository import list_articles
from storage.tables import ActorRow, DemandRow, FigureRow

JSONObject = dict[str, Any]


async def export_store(session: AsyncSession) -> dict[str, list[JSONObject]]:
    """Articles, actors, figures and demands, each list ordered by id."""
    return {
        "articles": [_article(summary) for summary in await list_articles(session)],
        "actors": [_actor(row) for row in await _actors(session)],
        "figures": [_figure(row) for row in await _figures(session)],
        "demands": [_demand(row) for row in await _demands(session)],
    }


async def _actors(session: AsyncSession) -> list[ActorRow]:
    """Every actor with aliases and mentions loaded."""
    query = select(ActorRow).options(
        selectinload(ActorRow.aliases), selectinload(ActorRow.mentions)
    )
    return list(await session.scalars(query.order_by(ActorRow.id)))


async def _figures(session: AsyncSession) -> list[FigureRow]:
    """Every figure with its sentence and claimant loaded."""
    query = select(FigureRow).options(
        selectinload(FigureRow.sentence), selectinload(FigureRow.claimant)
    )
    return list(await session.scalars(query.order_by(FigureRow.id)))


async def _demands(session: AsyncSession) -> list[DemandRow]:
    """Every demand with its sentence and party loaded."""
    query = select(DemandRow).options(
        selectinload(DemandRow.sentence), selectinload(DemandRow.party_actor)
    )
    return list(await session.scalars(query.order_by(DemandRow.id)))


def _article(summary: ArticleSummary) -> JSONObject:
    """One article with its fact counts."""
    return {
        "id": summary.id,
        "title": summary.title,
        "outlet": summary.outlet,
        "byline": summary.byline,
        "published": summary.published.isoformat() if summary.published else None,
        "source": summary.source,
        "content_hash": summary.content_hash,
        "facts": {
            "actors": summary.n_actors,
            "figures": summary.n_figures,
            "demands": summary.n_demands,
        },
    }


def _actor(row: ActorRow) -> JSONObject:
    """One actor with its aliases and the ids of the articles that mention it."""
    return {
        "id": row.id,
        "name": row.name,
        "aliases": [alias.alias for alias in row.aliases],
        "role": row.role,
        "kind": row.kind,
        "articles": sorted({mention.article_id for mention in row.mentions}),
    }


def _figure(row: FigureRow) -> JSONObject:
    """One figure, its claimant by canonical name when linked, and its provenance."""
    return {
        "value": row.value,
        "text": row.text,
        "unit": row.unit,
        "what": row.what,
        "claimed_by": row.claimant.name if row.claimant else row.claimed_by,
        "qualifier": row.qualifier,
        "measure": row.measure,
        "measured_side": row.measured_side,
        "kind": row.kind,
        "period": row.period,
        "holder": row.holder,
        "article": row.article_id,
        "sentence": row.sentence.text,
        "span": [row.start, row.end],
    }


def _demand(row: DemandRow) -> JSONObject:
    """One demand, its party by canonical name when linked, and its provenance."""
    return {
        "party": row.party_actor.name if row.party_actor else row.party,
        "demand": row.demand,
        "kind": row.kind,
        "article": row.article_id,
        "sentence": row.sentence.text,
        "span": [row.start, row.end],
    }
