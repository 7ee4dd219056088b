"""Tests of storage.actor_roles: an actor's roles summed in SQL, on each backend."""

from __future__ import annotations

from datetime import date

from extracted_builders import make_actor, make_draft, make_extracted
from sqlalchemy.ext.asyncio import AsyncSession

from briefings.entries import RoleEntry
from briefings.identity.names import name_keys
from briefings.identity.role_groups import group_roles, key_groups
from briefings.identity.rules import IDENTITY_RULES
from storage import actor_names, save_extracted
from storage.actor_roles import roles_of

TITLE = "Prime Minister of Ruritania"


async def save_role(session: AsyncSession, n: int, role: str, day: int | None) -> None:
    """Save article n, of a day of March 2025 (or undated), giving one person a role."""
    draft = make_draft(f"Anna Kowalczyk spoke ({n}).")
    actor = make_actor(draft, "Anna Kowalczyk", role=role)
    published = date(2025, 3, day) if day else None
    extracted = make_extracted(draft, source=f"s{n}", published=published, actors=[actor])
    await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)


async def roles(session: AsyncSession) -> tuple[RoleEntry, ...]:
    """The person's roles as a card reads them."""
    [actor_id] = {n.actor_id for n in await actor_names(session, [name_keys("Kowalczyk")])}
    return await roles_of(session, actor_id, key_groups=key_groups, group_roles=group_roles)


async def test_a_role_written_two_ways_counts_shared_days_once(session: AsyncSession) -> None:
    for n, (role, day) in enumerate(
        [(TITLE, 1), (TITLE, 2), (TITLE, 3), (TITLE.upper(), 2), (TITLE.upper(), 3)]
    ):
        await save_role(session, n, role, day)
    await save_role(session, 5, TITLE.upper(), 6)
    [role] = await roles(session)
    # Days 1, 2, 3 and 6: the newest three shown, four counted; six articles.
    assert role.role == TITLE.upper()
    assert role.days == (date(2025, 3, 6), date(2025, 3, 3), date(2025, 3, 2))
    assert (role.n_days, role.n_articles) == (4, 6)
    # The first articles of each way of writing it (ids go on from earlier tests on PostgreSQL).
    first = role.articles[0]
    assert role.articles == tuple(range(first, first + 6))


async def test_undated_articles_count_but_give_no_day(session: AsyncSession) -> None:
    await save_role(session, 0, TITLE, None)
    await save_role(session, 1, "Finance minister", None)
    await save_role(session, 2, "Finance minister", 4)
    newest, older = await roles(session)
    assert (newest.role, newest.days, newest.n_days, newest.n_articles) == (
        "Finance minister",
        (date(2025, 3, 4),),
        1,
        2,
    )
    assert (older.role, older.days, older.n_days, older.n_articles) == (TITLE, (), 0, 1)
