"""Repository functions over a caller's session; they flush but never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Select, delete, false, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, defer
from sqlalchemy.sql.selectable import ScalarSelect

from briefings.errors import DuplicateArticleError
from briefings.model import (
    Demand,
    Event,
    ExtractedArticle,
    Figure,
    Provenance,
    Quote,
    Sentence,
    SourceText,
)
from storage.actors import ResolvedActors, load_actors, resolve_actors
from storage.records import ArticleSummary, FactCounts, SavedArticle
from storage.role_links import Links, link_actors, stated_role
from storage.tables import (
    ActorMentionRow,
    ActorRow,
    ArticleRow,
    Base,
    DemandRow,
    EventRow,
    FigureRow,
    QuoteRow,
    SentenceRow,
)

_SummaryRow = tuple[ArticleRow, int, int, int, int]
# Any fixed number names the store's write lock among PostgreSQL advisory locks.
_WRITE_LOCK_KEY = 0x62726965


async def find_article_by_hash(
    session: AsyncSession, *, content_hash: str
) -> ArticleSummary | None:
    """The stored article with this normalised-text hash, if any."""
    return await _one_summary(session, ArticleRow.content_hash == content_hash)


async def find_article_by_source(session: AsyncSession, *, source: str) -> ArticleSummary | None:
    """The earliest stored article loaded from this source (a URL or file name), if any."""
    row = (
        (await session.execute(_summary_query().where(ArticleRow.source == source).limit(1)))
        .tuples()
        .first()
    )
    return _summary(*row) if row else None


async def lock_for_writing(session: AsyncSession) -> None:
    """Take the store's write lock for this transaction, so concurrent saves never interleave.

    Saving reads the stored actors before adding new ones; two saves at once could both add
    the same new actor. PostgreSQL takes a transaction-scoped advisory lock; SQLite takes its
    database write lock now, with a no-op write, instead of at the first real write (by then
    a WAL reader's snapshot may be stale, and the upgrade fails at once).
    """
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(select(func.pg_advisory_xact_lock(_WRITE_LOCK_KEY)))
    else:
        await session.execute(update(ArticleRow).where(false()).values(title=ArticleRow.title))


async def get_article(session: AsyncSession, *, article_id: int) -> ArticleSummary | None:
    """The stored article with this id, if any."""
    return await _one_summary(session, ArticleRow.id == article_id)


async def list_articles(session: AsyncSession) -> list[ArticleSummary]:
    """Every stored article with its fact counts, oldest first."""
    rows = await session.execute(_summary_query().order_by(ArticleRow.id))
    return [_summary(*row) for row in rows.tuples()]


async def count_facts(session: AsyncSession) -> FactCounts:
    """How many articles, sentences, actors, figures and demands the store holds."""
    tables = (ArticleRow, SentenceRow, ActorRow, FigureRow, DemandRow)
    counts = [await _count(session, table) for table in tables]
    return FactCounts(*counts)


async def save_extracted(session: AsyncSession, *, extracted: ExtractedArticle) -> SavedArticle:
    """Store an article and its facts, merging its actors into stored ones; refuse duplicates."""
    await lock_for_writing(session)
    await _refuse_duplicate(session, extracted.source.content_hash)
    article = await _insert_article(session, extracted.source)
    sentence_ids = await _insert_sentences(session, article.id, extracted.sentences)
    resolved = resolve_actors(await load_actors(session), extracted.actors)
    session.add_all(resolved.rows())
    await session.flush()
    session.add_all(_mention_rows(article.id, sentence_ids, resolved, extracted.source.text))
    link = await link_actors(session, article_id=article.id, extracted=extracted, resolved=resolved)
    session.add_all(_figure_row(article.id, sentence_ids, link, f) for f in extracted.figures)
    session.add_all(_demand_row(article.id, sentence_ids, link, d) for d in extracted.demands)
    session.add_all(_quote_row(article.id, sentence_ids, link, q) for q in extracted.quotes)
    session.add_all(_event_row(article.id, sentence_ids, e) for e in extracted.events)
    await session.flush()
    return _saved(article, extracted, resolved)


async def delete_article(session: AsyncSession, *, article_id: int) -> ArticleSummary | None:
    """Delete an article with its facts, and actors no other article mentions; what it was, or None."""
    await lock_for_writing(session)
    summary = await get_article(session, article_id=article_id)
    article = await session.get(ArticleRow, article_id)
    if summary is None or article is None:
        return None
    await session.delete(article)
    await session.flush()
    unmentioned = (
        ~select(ActorMentionRow.id).where(ActorMentionRow.actor_id == ActorRow.id).exists()
    )
    await session.execute(delete(ActorRow).where(unmentioned))
    return summary


async def _refuse_duplicate(session: AsyncSession, content_hash: str) -> None:
    """Raise DuplicateArticleError if an article with this hash is stored."""
    existing = await find_article_by_hash(session, content_hash=content_hash)
    if existing is not None:
        raise DuplicateArticleError(existing.id, existing.title)


async def _insert_article(session: AsyncSession, source: SourceText) -> ArticleRow:
    """Insert the article row in a savepoint, so a concurrent duplicate fails cleanly."""
    row = ArticleRow(
        title=source.title,
        outlet=source.outlet,
        byline=source.byline,
        published=source.published,
        source=source.source,
        content_hash=source.content_hash,
        text=source.text,
    )
    try:
        async with session.begin_nested():
            session.add(row)
    except IntegrityError:
        # Another transaction stored the same text after our check; report it as such.
        await _refuse_duplicate(session, source.content_hash)
        raise
    return row


async def _insert_sentences(
    session: AsyncSession, article_id: int, sentences: Sequence[Sentence]
) -> dict[int, int]:
    """Insert the sentences; return sentence ids by sentence index."""
    rows = [
        SentenceRow(article_id=article_id, index=s.index, start=s.start, end=s.end, text=s.text)
        for s in sentences
    ]
    session.add_all(rows)
    await session.flush()
    return {row.index: row.id for row in rows}


def _provenance(sentence_ids: dict[int, int], provenance: Provenance) -> dict[str, int]:
    """Sentence id and character span of a fact, checked against the article's sentences."""
    if provenance.sentence_index not in sentence_ids:
        raise ValueError(f"a fact cites sentence {provenance.sentence_index}, not in the article")
    sentence_id = sentence_ids[provenance.sentence_index]
    return {"sentence_id": sentence_id, "start": provenance.start, "end": provenance.end}


def _mention_rows(
    article_id: int, sentence_ids: dict[int, int], resolved: ResolvedActors, text: str
) -> list[ActorMentionRow]:
    """One mention per stored actor in this article, at its first appearance, with the role
    the article states (not the data's fallback role)."""
    mentions: dict[ActorRow, ActorMentionRow] = {}
    for actor, row in resolved.pairs:
        mention = mentions.get(row)
        if mention is None:
            span = _provenance(sentence_ids, actor.provenance)
            role = stated_role(actor.role, text)
            mentions[row] = ActorMentionRow(
                actor_id=row.id, article_id=article_id, role=role, **span
            )
        elif not mention.role:
            mention.role = stated_role(actor.role, text)
    return list(mentions.values())


def _figure_row(
    article_id: int, sentence_ids: dict[int, int], link: Links, figure: Figure
) -> FigureRow:
    """A figure row, linked to the actor its claimant names or describes, if one fits."""
    claimant = link(figure.claimed_by)
    return FigureRow(
        article_id=article_id,
        **_provenance(sentence_ids, figure.provenance),
        value=figure.value,
        text=figure.text,
        unit=figure.unit,
        what=figure.what,
        qualifier=figure.qualifier,
        claimed_by=figure.claimed_by,
        measure=figure.measure,
        measured_side=figure.measured_side,
        claimant_actor_id=claimant.id if claimant else None,
    )


def _demand_row(
    article_id: int, sentence_ids: dict[int, int], link: Links, demand: Demand
) -> DemandRow:
    """A demand row, linked to the actor its party names or describes, if one fits."""
    party = link(demand.party)
    return DemandRow(
        article_id=article_id,
        **_provenance(sentence_ids, demand.provenance),
        party=demand.party,
        party_actor_id=party.id if party else None,
        demand=demand.demand,
        kind=demand.kind.value,
        side=(party.side if party else None) or demand.side,
    )


def _quote_row(
    article_id: int, sentence_ids: dict[int, int], link: Links, quote: Quote
) -> QuoteRow:
    """A quote row, linked to the actor its speaker names or describes, if one fits."""
    speaker = link(quote.speaker)
    return QuoteRow(
        article_id=article_id,
        **_provenance(sentence_ids, quote.provenance),
        text=quote.text,
        speaker=quote.speaker,
        speaker_actor_id=speaker.id if speaker else None,
        side=(speaker.side if speaker else None) or quote.side,
    )


def _event_row(article_id: int, sentence_ids: dict[int, int], event: Event) -> EventRow:
    """An event row."""
    return EventRow(
        article_id=article_id,
        **_provenance(sentence_ids, event.provenance),
        day=event.day,
        precision=event.precision.value,
        text=event.text,
    )


def _saved(
    article: ArticleRow, extracted: ExtractedArticle, resolved: ResolvedActors
) -> SavedArticle:
    """The summary of one save."""
    return SavedArticle(
        article_id=article.id,
        title=article.title,
        n_sentences=len(extracted.sentences),
        n_actors_new=resolved.n_new,
        n_actors=len(resolved.rows()),
        n_figures=len(extracted.figures),
        n_demands=len(extracted.demands),
    )


def _count_per_article(column: InstrumentedAttribute[int]) -> ScalarSelect[int]:
    """Correlated count of the rows that point at the outer article."""
    query = select(func.count()).where(column == ArticleRow.id).correlate(ArticleRow)
    return query.scalar_subquery()


def _summary_query() -> Select[_SummaryRow]:
    """Articles (without their text) with sentence, actor, figure and demand counts."""
    return select(
        ArticleRow,
        _count_per_article(SentenceRow.article_id),
        _count_per_article(ActorMentionRow.article_id),
        _count_per_article(FigureRow.article_id),
        _count_per_article(DemandRow.article_id),
    ).options(defer(ArticleRow.text, raiseload=True))


async def _one_summary(session: AsyncSession, where: ColumnElement[bool]) -> ArticleSummary | None:
    """The summary of the article matching a condition, if any."""
    row = (await session.execute(_summary_query().where(where))).tuples().one_or_none()
    return _summary(*row) if row else None


def _summary(
    article: ArticleRow, n_sentences: int, n_actors: int, n_figures: int, n_demands: int
) -> ArticleSummary:
    """An article row and its counts as a plain record."""
    return ArticleSummary(
        id=article.id,
        title=article.title,
        outlet=article.outlet,
        byline=article.byline,
        published=article.published,
        source=article.source,
        content_hash=article.content_hash,
        loaded_at=_as_utc(article.loaded_at),
        n_sentences=n_sentences,
        n_actors=n_actors,
        n_figures=n_figures,
        n_demands=n_demands,
    )


def _as_utc(moment: datetime) -> datetime:
    """A stored time as UTC; SQLite hands back naive datetimes, which were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _count(session: AsyncSession, table: type[Base]) -> int:
    """Number of rows in a table."""
    return (await session.execute(select(func.count()).select_from(table))).scalar_one()
