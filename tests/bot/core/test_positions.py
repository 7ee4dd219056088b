"""Tests of bot.core.positions through /demands: parties by side, the people quoted set apart.

The store holds the made-up feature article of `feature_store.py`.
"""

from __future__ import annotations

from bot.core.commands import respond
from bot.core.runtime import Runtime


async def test_demands_files_parties_by_side_and_sets_the_people_quoted_apart(
    feature_runtime: Runtime,
) -> None:
    text = await respond(feature_runtime, "/demands")

    assert "— Russia —\nKremlin\n• demand: neutrality [1]" in text
    assert "— Others —\n" in text and "Bohdan Zaruba\n" in text and "Ostrivka\n" in text
    for voice in ("Iryna Kovalenko", "Stepan Hrytsai", "Taras Melnyk"):
        assert voice not in text
    assert "Set apart: 3 people quoted (" in text
    assert "with 3 positions: send /demands people." in text


async def test_demands_people_lists_the_people_quoted_with_their_roles(
    feature_runtime: Runtime,
) -> None:
    text = await respond(feature_runtime, "/demands people")

    assert text.startswith("People quoted — ")
    assert "Iryna Kovalenko — paramedic\n• demand: real guarantees [1]" in text
    assert "Stepan Hrytsai — one of the last residents\n" in text
    assert "Taras Melnyk — Ukrainian political analyst\n" in text
    assert "Bohdan Zaruba" not in text and "Kremlin" not in text


async def test_demands_of_a_side_leave_out_its_people_quoted(feature_runtime: Runtime) -> None:
    others = await respond(feature_runtime, "/demands others")
    ukraine = await respond(feature_runtime, "/demands ukraine")

    assert others.startswith("Demands and positions: Others\n\n— Others —\n")
    assert "Bohdan Zaruba" in others and "Ostrivka" in others
    assert "Iryna Kovalenko" not in others and "Set apart: 2 people quoted" in others
    assert "No party on this side states one." in ukraine
    assert "Taras Melnyk" not in ukraine and "Set apart: 1 person quoted" in ukraine


async def test_a_person_quoted_is_still_found_by_name(feature_runtime: Runtime) -> None:
    text = await respond(feature_runtime, "/demands Iryna Kovalenko")
    assert "Iryna Kovalenko\n• demand: real guarantees [1]" in text
