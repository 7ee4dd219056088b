"""A made-up feature article for the command tests: a town, its mayor, a paramedic, a resident.

It is no real reporting: the people, the town and the positions are invented.
"""

from __future__ import annotations

from dataclasses import replace

from bot.core.runtime import Runtime
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


def feature_actors() -> list[Actor]:
    """The article's actors: four people with roles (one on a side), the Kremlin, two places."""
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


async def save_feature(runtime: Runtime) -> None:
    """Store the feature article in the runtime's store."""
    draft = make_draft(*SENTENCES)
    demands = [make_demand(draft, party, wording) for party, wording in POSITIONS]
    extracted = make_extracted(draft, actors=feature_actors(), demands=demands)
    async with runtime.sessions.begin() as session:
        await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)
