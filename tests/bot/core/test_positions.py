"""Tests of bot.core.positions through the commands: parties by side, the people quoted apart.

The article is made up for the test (a town, its mayor, a paramedic, a resident); it is no
real reporting.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest_asyncio

from bot.core.commands import respond
from bot.core.runtime import Runtime, open_runtime
from bot.settings import Settings
from briefings.identity.rules import IDENTITY_RULES
from briefings.model import Actor, ActorKind
from storage import save_extracted
from tests.storage.extracted_builders import make_actor, make_demand, make_draft, make_extracted

SENTENCES = (
    "In Verkhnia Lozova the mayor, Bohdan Zaruba, asked for air defence.",
    "Iryna Kovalenko, a paramedic, said any deal needs real guarantees.",
    "Stepan Hrytsai, one of the last residents, wants the buses back.",
    "The Ukrainian political analyst Taras Melnyk called for a referendum.",
    "The Kremlin demanded neutrality.",
    "Ostrivka demanded a ferry.",
)
# Who holds which position: the mayor and Ostrivka (a place that acts) are parties on no
# side, the Kremlin is Russia's; the paramedic, the resident and the analyst are voices.
POSITIONS = (
    ("Bohdan Zaruba", "air defence"),
    ("Iryna Kovalenko", "real guarantees"),
    ("Stepan Hrytsai", "the buses back"),
    ("Taras Melnyk", "a referendum"),
    ("Kremlin", "neutrality"),
    ("Ostrivka", "a ferry"),
)


def _actors() -> list[Actor]:
    draft = make_draft(*SENTENCES)
    people = {
        "Bohdan Zaruba": ("mayor", None),
        "Iryna Kovalenko": ("paramedic", None),
        "Stepan Hrytsai": ("one of the last residents", None),
        "Taras Melnyk": ("Ukrainian political analyst", "Ukraine"),
    }
    made = [
        replace(make_actor(draft, name, role=role), side=side)
        for name, (role, side) in people.items()
    ]
    kremlin = make_actor(draft, "Kremlin", kind=ActorKind.ORGANISATION)
    places = [
        make_actor(draft, name, kind=ActorKind.COUNTRY) for name in ("Verkhnia Lozova", "Ostrivka")
    ]
    return [*made, replace(kremlin, side="Russia"), *places]


@pytest_asyncio.fixture
async def runtime(store_env: Path) -> AsyncIterator[Runtime]:
    """A runtime on a store holding the made-up article."""
    runtime = await open_runtime(Settings(database_url=f"sqlite+aiosqlite:///{store_env}"))
    draft = make_draft(*SENTENCES)
    demands = [make_demand(draft, party, wording) for party, wording in POSITIONS]
    extracted = make_extracted(draft, actors=_actors(), demands=demands)
    async with runtime.sessions.begin() as session:
        await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
    try:
        yield runtime
    finally:
        await runtime.close()


async def test_demands_files_parties_by_side_and_sets_the_people_quoted_apart(
    runtime: Runtime,
) -> None:
    text = await respond(runtime, "/demands")

    assert "— Russia —\nKremlin\n• demand: neutrality [1]" in text
    assert "— Others —\n" in text and "Bohdan Zaruba\n" in text and "Ostrivka\n" in text
    for voice in ("Iryna Kovalenko", "Stepan Hrytsai", "Taras Melnyk"):
        assert voice not in text
    assert "Set apart: 3 people quoted (" in text
    assert "with 3 positions: send /demands people." in text


async def test_demands_people_lists_the_people_quoted_with_their_roles(runtime: Runtime) -> None:
    text = await respond(runtime, "/demands people")

    assert text.startswith("People quoted — ")
    assert "Iryna Kovalenko — paramedic\n• demand: real guarantees [1]" in text
    assert "Stepan Hrytsai — one of the last residents\n" in text
    assert "Taras Melnyk — Ukrainian political analyst\n" in text
    assert "Bohdan Zaruba" not in text and "Kremlin" not in text


async def test_demands_of_a_side_leave_out_its_people_quoted(runtime: Runtime) -> None:
    others = await respond(runtime, "/demands others")
    ukraine = await respond(runtime, "/demands ukraine")

    assert others.startswith("Demands and positions: Others\n\n— Others —\n")
    assert "Bohdan Zaruba" in others and "Ostrivka" in others
    assert "Iryna Kovalenko" not in others and "Set apart: 2 people quoted" in others
    assert "No party on this side states one." in ukraine
    assert "Taras Melnyk" not in ukraine and "Set apart: 1 person quoted" in ukraine


async def test_a_person_quoted_is_still_found_by_name(runtime: Runtime) -> None:
    text = await respond(runtime, "/demands Iryna Kovalenko")
    assert "Iryna Kovalenko\n• demand: real guarantees [1]" in text
