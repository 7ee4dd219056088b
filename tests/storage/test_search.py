"""Tests of storage.search: matching, stemming, ranking, hostile terms, sync and migrations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from store_builders import save_article

from storage import (
    SentenceHit,
    create_engine,
    delete_article,
    downgrade,
    search_sentences,
    upgrade,
    upgrade_to_head,
)
from storage.tables import Base

TALKS = (
    "Russia and Ukraine agreed to a ceasefire in Riyadh.",
    "The talks in Riyadh lasted twelve hours.",
    "Shelling killed three civilians near Kherson.",
    "Officials said 400,000 troops were massed near Київ.",
)

# Query syntax of FTS5 or tsquery, with no word in it: it must match nothing at all.
SYNTAX = [
    '"',
    '""',
    "*",
    ":",
    "&|!",
    "<->",
    "^",
    "(",
    ")",
    "+",
    "\\",
    "%_",
    "‘’“”",
    "🕊️",
    "\x00",
    "",
]
# Syntax around words: the words are searched as plain words, the syntax is ignored.
WORDY = [
    "ceasefire*",
    "NEAR",
    "NEAR(talks riyadh)",
    "text:ceasefire",
    "sentence_search:talks",
    "!talks & riyadh | (",
    "talks <-> riyadh",
    "'; DROP TABLE sentences; --",
    "AND",
    "OR",
    "NOT",
    "-talks",
    "{text}: riyadh",
]


def texts(hits: list[SentenceHit]) -> list[str]:
    """The sentences found, in order."""
    return [hit.text for hit in hits]


async def test_finds_a_sentence_by_a_word_in_it(session: AsyncSession) -> None:
    article_id = await save_article(session, *TALKS)
    [hit] = await search_sentences(session, ["Kherson"])
    assert (hit.article_id, hit.sentence_index, hit.text) == (article_id, 2, TALKS[2])
    assert hit.matched_terms == 1
    assert hit.rank > 0


async def test_finds_inflected_forms_by_stem(session: AsyncSession) -> None:
    await save_article(session, "Drones are killing soldiers.", "Nothing else happened.")
    assert texts(await search_sentences(session, ["killed"])) == ["Drones are killing soldiers."]
    assert texts(await search_sentences(session, ["soldier"])) == ["Drones are killing soldiers."]


async def test_sentences_matching_more_terms_rank_higher(session: AsyncSession) -> None:
    await save_article(session, *TALKS)
    hits = await search_sentences(session, ["talks", "riyadh", "hours"])
    assert texts(hits) == [TALKS[1], TALKS[0]]
    assert [hit.matched_terms for hit in hits] == [3, 1]
    assert hits[0].rank > hits[1].rank


async def test_ranks_are_ordered_best_first(session: AsyncSession) -> None:
    await save_article(session, *TALKS)
    hits = await search_sentences(session, ["riyadh", "ceasefire", "near", "troops"])
    ranks = [hit.rank for hit in hits]
    assert len(hits) == 4
    assert ranks == sorted(ranks, reverse=True)
    assert [hit.matched_terms for hit in hits] == [2, 2, 1, 1]


async def test_absent_words_find_nothing(session: AsyncSession) -> None:
    await save_article(session, *TALKS)
    assert await search_sentences(session, ["referendum", "Crimea"]) == []


async def test_no_terms_find_nothing(session: AsyncSession) -> None:
    await save_article(session, *TALKS)
    assert await search_sentences(session, []) == []
    assert await search_sentences(session, ["", " ", "?!", "🕊️"]) == []


async def test_numbers_match_with_their_thousands_separators(session: AsyncSession) -> None:
    await save_article(session, *TALKS)
    assert texts(await search_sentences(session, ["400000"])) == [TALKS[3]]
    assert await search_sentences(session, ["40000"]) == []


async def test_words_in_other_scripts_are_found(session: AsyncSession) -> None:
    await save_article(session, *TALKS)
    assert texts(await search_sentences(session, ["київ"])) == [TALKS[3]]


@pytest.mark.parametrize("term", SYNTAX)
async def test_query_syntax_matches_nothing(session: AsyncSession, term: str) -> None:
    await save_article(session, *TALKS)
    assert texts(await search_sentences(session, [term, "Kherson"])) == [TALKS[2]]


@pytest.mark.parametrize("term", WORDY)
async def test_syntax_around_words_is_ignored(session: AsyncSession, term: str) -> None:
    await save_article(session, *TALKS)
    hits = await search_sentences(session, [term, "Kherson"])
    assert TALKS[2] in texts(hits)
    assert texts(await search_sentences(session, ["Kherson"])) == [TALKS[2]]


async def test_syntax_words_are_searched_as_words(session: AsyncSession) -> None:
    await save_article(session, *TALKS)
    assert texts(await search_sentences(session, ["NEAR"])) == [TALKS[2], TALKS[3]]
    assert texts(await search_sentences(session, ['"ceasefire"*'])) == [TALKS[0]]


async def test_duplicate_terms_count_once(session: AsyncSession) -> None:
    await save_article(session, *TALKS)
    [hit] = await search_sentences(session, ["Kherson", "kherson", "KHERSON!"])
    assert hit.matched_terms == 1


async def test_limit_keeps_the_best(session: AsyncSession) -> None:
    await save_article(session, *TALKS)
    hits = await search_sentences(session, ["riyadh", "ceasefire", "near"], limit=1)
    assert texts(hits) == [TALKS[0]]
    with pytest.raises(ValueError, match="limit"):
        await search_sentences(session, ["riyadh"], limit=0)


async def test_over_budget_common_terms_only_rank_sentences_holding_rarer_ones(
    session: AsyncSession,
) -> None:
    await save_article(session, "Ukraine held talks.", "Ukraine sent troops.", "Ukraine voted.")
    await save_article(session, "Ukraine lost soldiers in Kursk.", "Soldiers rested in Kursk.")
    # "ukraine" is in four sentences, over the budget of three: it finds none on its own,
    # but still lifts the Kursk sentence that holds it above the one that does not.
    hits = await search_sentences(session, ["ukraine", "kursk"], budget=3)
    assert texts(hits) == ["Ukraine lost soldiers in Kursk.", "Soldiers rested in Kursk."]
    assert [hit.matched_terms for hit in hits] == [2, 1]
    assert len(await search_sentences(session, ["ukraine", "kursk"], budget=6)) == 5


async def test_rarest_terms_are_taken_while_they_fit_the_budget(session: AsyncSession) -> None:
    await save_article(session, "Envoys met in Doha.", "Envoys met in Oman.", "Envoys left Oman.")
    hits = await search_sentences(session, ["envoys", "oman", "doha"], budget=3)
    # doha (1) and oman (2) fit a budget of three; envoys (3) would exceed it.
    assert sorted(texts(hits)) == [
        "Envoys left Oman.",
        "Envoys met in Doha.",
        "Envoys met in Oman.",
    ]
    hits = await search_sentences(session, ["envoys", "oman", "doha"], budget=2)
    assert texts(hits) == ["Envoys met in Doha."]


async def test_when_every_term_is_common_the_newest_sentences_are_ranked(
    session: AsyncSession,
) -> None:
    await save_article(session, "Kyiv and Moscow traded strikes.", "Kyiv was dark.")
    await save_article(session, "Moscow said little.", "Kyiv and Moscow met.")
    hits = await search_sentences(session, ["kyiv", "moscow"], budget=2)
    # Both terms are in three sentences: only the two newest holding either are ranked.
    assert texts(hits) == ["Kyiv and Moscow met.", "Moscow said little."]
    with pytest.raises(ValueError, match="budget"):
        await search_sentences(session, ["kyiv"], budget=0)


async def test_ties_go_to_the_newest_article_then_sentence_order(session: AsyncSession) -> None:
    line = "Envoys met in Istanbul."
    older = await save_article(session, line, line, published=date(2025, 3, 1))
    undated = await save_article(session, line, "Undated.")
    newer = await save_article(session, line, "Later.", published=date(2025, 4, 1))
    hits = await search_sentences(session, ["Istanbul"])
    assert [(hit.article_id, hit.sentence_index) for hit in hits] == [
        (newer, 0),
        (older, 0),
        (older, 1),
        (undated, 0),
    ]


async def test_deleted_articles_leave_the_index(session: AsyncSession) -> None:
    kept = await save_article(session, "Talks resumed in Geneva.")
    gone = await save_article(session, "Talks collapsed in Geneva.", "Geneva was quiet.")
    assert len(await search_sentences(session, ["Geneva"])) == 3
    assert await delete_article(session, article_id=gone)
    hits = await search_sentences(session, ["Geneva", "talks"])
    assert [(hit.article_id, hit.text) for hit in hits] == [(kept, "Talks resumed in Geneva.")]
    await _check_sqlite_index(session)


async def _check_sqlite_index(session: AsyncSession) -> None:
    """On SQLite, have FTS5 compare its index with the sentences; it raises if they differ."""
    if session.get_bind().dialect.name == "sqlite":
        check = "INSERT INTO sentence_search(sentence_search, rank) VALUES ('integrity-check', 1)"
        await session.execute(text(check))


async def test_edited_sentences_are_searched_by_their_new_text(session: AsyncSession) -> None:
    await save_article(session, "Talks resumed in Geneva.")
    await session.execute(text("UPDATE sentences SET text = 'Talks resumed in Vienna.'"))
    assert await search_sentences(session, ["Geneva"]) == []
    assert texts(await search_sentences(session, ["Vienna"])) == ["Talks resumed in Vienna."]
    await _check_sqlite_index(session)


async def test_index_is_rebuilt_after_downgrade_and_upgrade(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        transaction = await connection.begin()
        session = AsyncSession(bind=connection, join_transaction_mode="create_savepoint")
        await save_article(session, *TALKS)
        await downgrade(connection, revision="0001")
        await upgrade(connection)
        hits = await search_sentences(session, ["Kherson"])
        await session.close()
        await transaction.rollback()
    assert texts(hits) == [TALKS[2]]


async def test_migrating_a_reset_sqlite_store_again_works(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'store.db'}")
    try:
        await upgrade_to_head(engine)
        async with AsyncSession(engine) as session, session.begin():
            await save_article(session, *TALKS)
        # As the store fixture does: drop the tables the models know, then migrate again.
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.drop_all)
            await connection.execute(text("DROP TABLE alembic_version"))
        await upgrade_to_head(engine)
        async with AsyncSession(engine) as session:
            assert await search_sentences(session, ["Kherson"]) == []
            await save_article(session, *TALKS)
            assert texts(await search_sentences(session, ["Kherson"])) == [TALKS[2]]
    finally:
        await engine.dispose()
