"""Tests for briefings.vocabulary.lexicon: known actors' roles as of a day."""

from __future__ import annotations

from datetime import date

from briefings.model import ActorKind
from briefings.vocabulary.lexicon import HeldRole, KnownActor, load_lexicon

ENVOY = KnownActor(
    "Ann Smith",
    ActorKind.PERSON,
    (),
    "envoy pick",
    roles=(
        HeldRole("envoy pick", date(2024, 11, 1), date(2025, 1, 19)),
        HeldRole("envoy", date(2025, 1, 20), None),
    ),
)


def test_a_dated_role_is_picked_by_the_day() -> None:
    assert ENVOY.role_on(date(2024, 12, 5)) == "envoy pick"
    assert ENVOY.role_on(date(2025, 1, 20)) == "envoy"
    assert ENVOY.role_on(date(2026, 3, 1)) == "envoy"


def test_without_a_day_the_undated_role_stands() -> None:
    assert ENVOY.role_on(None) == "envoy pick"


def test_a_day_no_dated_role_covers_gives_no_role() -> None:
    assert ENVOY.role_on(date(2020, 1, 1)) is None


def test_an_actor_without_dated_roles_keeps_its_role_on_any_day() -> None:
    plain = KnownActor("Bo Lind", ActorKind.PERSON, (), "minister")
    assert plain.role_on(date(2030, 1, 1)) == "minister"


def test_the_data_dates_every_role_in_order_without_gaps() -> None:
    for known in load_lexicon().known_actors:
        for before, after in zip(known.roles, known.roles[1:], strict=False):
            assert before.end is not None and after.start is not None, known.name
            assert (after.start - before.end).days == 1, known.name
