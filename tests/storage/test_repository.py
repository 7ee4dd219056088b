"""Tests of storage.repository: saving, duplicates, provenance, cascades and transactions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from extracted_builders import (
    Draft,
    make_actor,
    make_demand,
    make_draft,
    make_extracted,
    make_figure,
)
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.errors import DuplicateArticleError
from briefings.identity.rules import IDENTITY_RULES
from briefings.model import ActorKind, ExtractedArticle, Provenance
from storage import (
    FactCounts,
    count_facts,
    delete_article,
    export_store,
    find_article_by_hash,
    get_article,
    list_articles,
    save_extracted,
)
from storage.saving import _insert_article
from storage.tables import ActorMentionRow, ArticleRow, DemandRow, FigureRow, SentenceRow

EMPTY = FactCounts(articles=0, sentences=0, actors=0, figures=0, demands=0)


def talks_draft() -> Draft:
    """Three sentences with a person, a country, a figure and a demand."""
    return make_draft(
        "Volodymyr Zelensky met envoys in Rome on Saturday.",
        "Zelensky said 30 days of ceasefire were needed before talks.",
        "Russia demanded that Ukraine withdraw from four regions.",
    )


def make_talks(draft: Draft | None = None) -> ExtractedArticle:
    """An extracted article about ceasefire talks."""
    draft = draft or talks_draft()
    return make_extracted(
        draft,
        published=date(2025, 3, 1),
        actors=[
            make_actor(draft, "Volodymyr Zelensky", role="Ukrainian president"),
            make_actor(draft, "Russia", kind=ActorKind.COUNTRY),
        ],
        figures=[make_figure(draft, "30 days", value=30, unit="days", claimed_by="Zelensky")],
        demands=[make_demand(draft, "Russia", "withdraw from four regions")],
    )


def other_draft() -> Draft:
    """A second, unrelated article text."""
    return make_draft("Donald Trump spoke to reporters.", "Trump promised 100 days.")


async def test_save_reports_what_it_stored(session: AsyncSession) -> None:
    saved = await save_extracted(session, extracted=make_talks(), rules=IDENTITY_RULES)
    assert (saved.title, saved.n_sentences, saved.n_actors_new, saved.n_actors) == (
        "Ceasefire talks",
        3,
        2,
        2,
    )
    assert (saved.n_figures, saved.n_demands) == (1, 1)
    assert await count_facts(session) == FactCounts(1, 3, 2, 1, 1)


async def test_articles_are_found_by_hash_and_id(session: AsyncSession) -> None:
    extracted = make_talks()
    saved = await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    by_hash = await find_article_by_hash(session, content_hash=extracted.source.content_hash)
    assert by_hash is not None and by_hash.id == saved.article_id
    assert await get_article(session, article_id=saved.article_id) == by_hash
    assert await find_article_by_hash(session, content_hash="f" * 64) is None
    assert await get_article(session, article_id=saved.article_id + 1000) is None


async def test_list_articles_summarises_each_article(session: AsyncSession) -> None:
    first = await save_extracted(session, extracted=make_talks(), rules=IDENTITY_RULES)
    second = await save_extracted(
        session, extracted=make_extracted(other_draft(), title="Other"), rules=IDENTITY_RULES
    )
    summaries = await list_articles(session)
    assert [s.id for s in summaries] == [first.article_id, second.article_id]
    talks = summaries[0]
    assert (talks.title, talks.outlet, talks.published) == (
        "Ceasefire talks",
        "Example News",
        date(2025, 3, 1),
    )
    assert (talks.n_sentences, talks.n_actors, talks.n_figures, talks.n_demands) == (3, 2, 1, 1)
    assert talks.loaded_at.tzinfo is not None
    assert abs(datetime.now(UTC) - talks.loaded_at).total_seconds() < 60


async def test_duplicate_hash_raises_and_changes_nothing(session: AsyncSession) -> None:
    saved = await save_extracted(session, extracted=make_talks(), rules=IDENTITY_RULES)
    before = await export_store(session)
    # Same text up to case and spacing, different title and source: still the same article.
    draft = talks_draft()
    reformatted = replace(draft, text="  " + draft.text.upper().replace(" ", "\n "))
    again = make_talks(reformatted)
    again = replace(again, source=replace(again.source, title="New", source="elsewhere.html"))
    with pytest.raises(DuplicateArticleError) as raised:
        await save_extracted(session, extracted=again, rules=IDENTITY_RULES)
    assert (raised.value.article_id, raised.value.title) == (saved.article_id, "Ceasefire talks")
    assert await export_store(session) == before


async def test_duplicate_inserted_concurrently_is_reported_as_duplicate(
    session: AsyncSession,
) -> None:
    # Simulates losing the race: the hash check passed, then the insert hits the unique index.
    saved = await save_extracted(session, extracted=make_talks(), rules=IDENTITY_RULES)
    with pytest.raises(DuplicateArticleError) as raised:
        await _insert_article(session, make_talks().source)
    assert raised.value.article_id == saved.article_id
    assert (await count_facts(session)).articles == 1


async def test_provenance_spans_point_into_the_text(session: AsyncSession) -> None:
    extracted = make_talks()
    saved = await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    text = extracted.source.text
    sentences = {
        row.id: row
        for row in await session.scalars(
            select(SentenceRow).where(SentenceRow.article_id == saved.article_id)
        )
    }
    assert [text[s.start : s.end] for s in sentences.values()] == [
        s.text for s in sentences.values()
    ]
    figure = (await session.scalars(select(FigureRow))).one()
    demand = (await session.scalars(select(DemandRow))).one()
    mentions = list(await session.scalars(select(ActorMentionRow).order_by(ActorMentionRow.id)))
    assert text[figure.start : figure.end] == "30 days"
    assert text[demand.start : demand.end] == "withdraw from four regions"
    assert [text[m.start : m.end] for m in mentions] == ["Volodymyr Zelensky", "Russia"]
    spans = [(figure.sentence_id, figure.start, figure.end)]
    spans.append((demand.sentence_id, demand.start, demand.end))
    spans.extend((m.sentence_id, m.start, m.end) for m in mentions)
    for sentence_id, start, end in spans:
        sentence = sentences[sentence_id]
        assert sentence.start <= start < end <= sentence.end


async def test_delete_article_removes_its_facts_and_lone_actors(session: AsyncSession) -> None:
    talks = await save_extracted(session, extracted=make_talks(), rules=IDENTITY_RULES)
    other = make_extracted(other_draft(), actors=[make_actor(other_draft(), "Donald Trump")])
    kept = await save_extracted(session, extracted=other, rules=IDENTITY_RULES)
    removed = await delete_article(session, article_id=talks.article_id)
    assert removed is not None and removed.id == talks.article_id
    assert await count_facts(session) == FactCounts(1, 2, 1, 0, 0)
    assert await delete_article(session, article_id=talks.article_id) is None
    assert [a["name"] for a in (await export_store(session))["actors"]] == ["Donald Trump"]
    assert [a.id for a in await list_articles(session)] == [kept.article_id]


async def test_database_cascades_article_deletes_to_facts(session: AsyncSession) -> None:
    # A plain SQL DELETE, so the foreign keys (not the ORM) must remove the facts.
    saved = await save_extracted(session, extracted=make_talks(), rules=IDENTITY_RULES)
    await session.execute(delete(ArticleRow).where(ArticleRow.id == saved.article_id))
    counts = await count_facts(session)
    assert (counts.articles, counts.sentences, counts.figures, counts.demands) == (0, 0, 0, 0)
    assert list(await session.scalars(select(ActorMentionRow))) == []


async def test_failed_save_rolled_back_leaves_store_unchanged(session: AsyncSession) -> None:
    draft = other_draft()
    await save_extracted(
        session,
        extracted=make_extracted(draft, actors=[make_actor(draft, "Trump")]),
        rules=IDENTITY_RULES,
    )
    before = await export_store(session)
    await session.commit()
    draft = make_draft("Donald Trump said 40 days.")
    broken = make_extracted(
        draft,
        actors=[make_actor(draft, "Donald Trump", role="US president")],
        figures=[replace(make_figure(draft, "40 days", value=40), provenance=Provenance(7, 0, 2))],
    )
    with pytest.raises(ValueError, match="sentence 7"):
        async with session.begin():
            await save_extracted(session, extracted=broken, rules=IDENTITY_RULES)
    assert await export_store(session) == before
    assert (await count_facts(session)).articles == 1


async def test_empty_store(session: AsyncSession) -> None:
    assert await count_facts(session) == EMPTY
    assert await list_articles(session) == []
