"""Tests that finding an actor, its card, a role's holder, a page of /who and saving an article read
rows that do not grow with unrelated actors, and (on SQLite) along indexes (storage.actor_queries,
storage.actors, storage.saving)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

import pytest
from extracted_builders import make_actor, make_draft, make_extracted, make_figure
from sqlalchemy import Connection, event, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.actor_lookup import actor_holding
from briefings.identity.names import name_keys
from briefings.identity.role_groups import group_roles, key_groups
from briefings.identity.rules import IDENTITY_RULES
from briefings.vocabulary.standing import place_kinds
from storage import actor_names, dated_roles, get_actor, list_actors, save_extracted
from storage.tables import FigureRow

PRESIDENT = "President of Freedonia"


class RowCounter:
    """The SELECTs a session runs, each run again afterwards to count the rows it returned."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, Any]] = []

    def record(
        self, conn: Connection, cursor: Any, statement: str, parameters: Any, *_: Any
    ) -> None:
        """Keep a SELECT and its parameters."""
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            self.statements.append((statement, parameters))

    async def rows(self, session: AsyncSession) -> int:
        """How many rows the recorded SELECTs return."""
        connection = await session.connection()
        total = 0
        for statement, parameters in self.statements:
            result = await connection.exec_driver_sql(statement, parameters)
            total += len(result.all())
        return total


@asynccontextmanager
async def counting(session: AsyncSession) -> AsyncIterator[RowCounter]:
    """Record the SELECTs run on the session's connection meanwhile."""
    counter = RowCounter()
    sync_engine = (await session.connection()).sync_engine
    event.listen(sync_engine, "after_cursor_execute", counter.record)
    try:
        yield counter
    finally:
        event.remove(sync_engine, "after_cursor_execute", counter.record)


async def save_person(session: AsyncSession, n: int, name: str, role: str | None = None) -> None:
    """Save an article (number n) naming one person, with a role if given."""
    draft = make_draft(f"{name} spoke ({n}).")
    actor = make_actor(draft, name, role=role)
    day = date(2025, 3, 1 + n % 20)
    extracted = make_extracted(draft, source=f"a{n}", published=day, actors=[actor])
    await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)


async def store_of(session: AsyncSession, unrelated: int, start: int = 0) -> None:
    """A store with an invented president in four articles and `unrelated` other people."""
    for n in range(4):
        await save_person(session, start + n, "Olena Vasylenko", PRESIDENT)
    for n in range(unrelated):
        await save_person(session, start + 10 + n, f"Ivan{n} Petrenko{n}", role="analyst")


async def rows_read(session: AsyncSession, read: Callable[[], Awaitable[object]]) -> int:
    """How many rows a read returns in all."""
    async with counting(session) as counter:
        await read()
    return await counter.rows(session)


async def test_lookup_and_card_read_as_many_rows_whatever_the_unrelated_actors(
    session: AsyncSession,
) -> None:
    await store_of(session, unrelated=3)
    few = await _lookup_and_card_rows(session)
    for n in range(40):
        await save_person(session, 100 + n, f"Mykola{n} Shevchuk{n}", role="adviser")
    assert await _lookup_and_card_rows(session) == few


async def test_a_card_reads_as_many_rows_however_many_days_state_its_role(
    session: AsyncSession,
) -> None:
    await store_of(session, unrelated=0)
    few = await _lookup_and_card_rows(session)
    # Sixteen more days of the same role, some written otherwise: the card sums them in SQL.
    for n in range(4, 20):
        role = PRESIDENT if n % 2 else PRESIDENT.upper()
        await save_person(session, n, "Olena Vasylenko", role)
    assert await _lookup_and_card_rows(session) == few + _ONE_MORE_ROLE_AS_WRITTEN


# The upper-case role as written adds its tally row, its newest days (3) and its shared day
# count, its first articles (4): rows per role as written, not per day.
_ONE_MORE_ROLE_AS_WRITTEN = 1 + 3 + 1 + 4


async def _lookup_and_card_rows(session: AsyncSession) -> int:
    """Rows read to find the president by surname and to build the card."""
    names = await actor_names(session, [name_keys("Vasylenko")])
    [actor_id] = {name.actor_id for name in names}

    async def card() -> object:
        return await get_actor(session, actor_id, key_groups=key_groups, group_roles=group_roles)

    async def lookup() -> object:
        return await actor_names(session, [name_keys("Vasylenko")])

    return await rows_read(session, lookup) + await rows_read(session, card)


async def test_a_save_reads_as_many_rows_whatever_the_unrelated_actors(
    session: AsyncSession,
) -> None:
    await store_of(session, unrelated=3)
    few = await rows_read(session, lambda: save_person(session, 500, "Olena Vasylenko"))
    for n in range(40):
        await save_person(session, 600 + n, f"Mykola{n} Shevchuk{n}")
    many = await rows_read(session, lambda: save_person(session, 700, "Olena Vasylenko"))
    assert many == few


async def test_a_card_reads_as_many_rows_however_often_a_role_is_stated(
    session: AsyncSession,
) -> None:
    await store_of(session, unrelated=1)
    few = await _lookup_and_card_rows(session)
    for k in range(40):
        # The same role on the same four days (n % 20 is k % 4), in forty more articles.
        await save_person(session, 1000 + 20 * k + k % 4, "Olena Vasylenko", PRESIDENT)
    assert await _lookup_and_card_rows(session) == few


async def save_adviser(session: AsyncSession, n: int) -> None:
    """An article naming one more adviser (a role of another title than the president's)."""
    await save_person(session, 2000 + n, f"Taras{n} Bondar{n}", role=f"adviser to the minister {n}")


async def test_a_role_holder_is_read_whatever_the_holders_of_other_titles(
    session: AsyncSession,
) -> None:
    await store_of(session, unrelated=3)

    async def holder() -> object:
        return await actor_holding(session, [f"the {PRESIDENT}"])

    few = await rows_read(session, holder)
    for n in range(40):
        await save_adviser(session, n)
    assert await rows_read(session, holder) == few
    [vasylenko] = {name.actor_id for name in await actor_names(session, [name_keys("Vasylenko")])}
    assert await holder() == vasylenko


async def save_claim(session: AsyncSession, n: int) -> int | None:
    """An article (number n) whose figure is claimed by a role phrase; the actor it is linked to."""
    draft = make_draft(f"The {PRESIDENT} said 12 drones fell ({n}).", "Ivan Sirko listened.")
    figure = make_figure(draft, "12 drones", value=12, claimed_by=f"the {PRESIDENT}")
    extracted = make_extracted(
        draft,
        source=f"claim{n}",
        published=date(2025, 3, 1 + n % 20),
        actors=[make_actor(draft, "Ivan Sirko")],
        figures=[figure],
    )
    saved = await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    claimant = select(FigureRow.claimant_actor_id).where(FigureRow.article_id == saved.article_id)
    return await session.scalar(claimant)


async def test_a_save_linking_a_role_phrase_reads_as_many_rows_whatever_the_other_holders(
    session: AsyncSession,
) -> None:
    await store_of(session, unrelated=3)
    await save_claim(session, 300)  # Ivan Sirko stored, as he is in the saves measured
    few = await rows_read(session, lambda: save_claim(session, 500))
    for n in range(40):
        await save_adviser(session, n)
    many = await rows_read(session, lambda: save_claim(session, 700))
    assert many == few
    [vasylenko] = {name.actor_id for name in await actor_names(session, [name_keys("Vasylenko")])}
    assert await save_claim(session, 900) == vasylenko


async def plans(session: AsyncSession, read: Callable[[], Awaitable[object]]) -> list[str]:
    """SQLite's plan of every SELECT a read runs, one step a line (skipped on PostgreSQL, whose
    plans over a few rows are sequential scans whatever the indexes)."""
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("query plans are checked on SQLite")
    async with counting(session) as counter:
        await read()
    connection = await session.connection()
    steps = []
    for statement, parameters in counter.statements:
        plan = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        steps += [row[-1] for row in plan.all()]
    return steps


async def test_the_most_cited_are_paged_along_an_index_without_reading_mentions(
    session: AsyncSession,
) -> None:
    await store_of(session, unrelated=3)

    async def page() -> object:
        return await list_actors(session, limit=2, offset=1, place_kinds=place_kinds())

    steps = await plans(session, page)
    assert any("ix_actors_cited" in step for step in steps)
    assert not any("actor_mentions" in step or "TEMP B-TREE" in step for step in steps)


async def test_a_card_reads_by_index_seeks_alone(session: AsyncSession) -> None:
    await store_of(session, unrelated=3)
    [actor_id] = {name.actor_id for name in await actor_names(session, [name_keys("Vasylenko")])}

    async def card() -> object:
        return await get_actor(session, actor_id, key_groups=key_groups, group_roles=group_roles)

    steps = await plans(session, card)
    assert any("COVERING INDEX ix_actor_role_days_actor_role" in step for step in steps)
    assert any("ix_actor_mentions_actor_role" in step for step in steps)
    # Only the few rows each role's seek found are scanned again ("SCAN anon_1").
    scans = [step for step in steps if step.startswith("SCAN") and "anon_" not in step]
    assert scans == []
    assert not any("TEMP B-TREE" in step for step in steps)


async def test_linking_reads_each_holders_newest_day_by_a_seek(session: AsyncSession) -> None:
    await store_of(session, unrelated=3)

    async def roles() -> object:
        return await dated_roles(session, date(2025, 3, 20), titles={"president"})

    steps = await plans(session, roles)
    # The day's rows by (actor, day), never every role day of the actor.
    day_rows = [step for step in steps if step.startswith("SEARCH actor_role_days USING")]
    assert day_rows
    assert all("(actor_id=? AND published=?)" in step for step in day_rows), day_rows
