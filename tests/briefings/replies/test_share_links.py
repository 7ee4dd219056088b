"""Tests for briefings.replies.share_links: deep-link payloads made and read back, hostile ones refused."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.replies.share_links import (
    LAST_ID,
    PAYLOAD_CHARS,
    ActorLink,
    GroupLink,
    Shared,
    deep_link,
    group_measures,
    parse_payload,
    payload_of,
    share_url,
    side_slug,
    sides_by_slug,
)

TELEGRAM_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


def every_group() -> list[GroupLink]:
    """Every group a payload can name: each measure family on no side and on each side."""
    sides: list[str | None] = [None, *sides_by_slug().values()]
    return [GroupLink(measure, side) for measure in sorted(group_measures()) for side in sides]


@pytest.mark.parametrize(
    "subject", [ActorLink(1), ActorLink(12), ActorLink(LAST_ID), *every_group()], ids=repr
)
def test_every_payload_is_telegrams_and_reads_back_as_what_made_it(subject: Shared) -> None:
    payload = payload_of(subject)
    assert payload is not None
    assert TELEGRAM_PAYLOAD.fullmatch(payload) and len(payload) <= PAYLOAD_CHARS
    assert parse_payload(payload) == subject


def test_payloads_are_short_and_readable() -> None:
    assert payload_of(ActorLink(12)) == "a12"
    assert payload_of(GroupLink("military_losses", "Ukraine")) == "fmilitary_losses-ukraine"
    assert payload_of(GroupLink("aid_money", "United States")) == "faid_money-united_states"
    assert payload_of(GroupLink("military_losses")) == "fmilitary_losses"


def test_no_measure_or_side_holds_the_separator_and_slugs_are_distinct() -> None:
    assert all("-" not in measure for measure in group_measures())
    slugs = sides_by_slug()
    assert all(re.fullmatch(r"[a-z0-9_]+", slug) for slug in slugs)
    assert len(slugs) == len(set(slugs.values()))
    assert side_slug("North Korea") == "north_korea"


@pytest.mark.parametrize(
    "subject",
    [
        ActorLink(0),
        ActorLink(-3),
        ActorLink(LAST_ID + 1),
        GroupLink("soldiers"),  # no such measure
        GroupLink("military_killed", "Ukraine"),  # a part: its group is military_losses
        GroupLink("military_losses", "Atlantis"),
    ],
    ids=repr,
)
def test_what_no_payload_can_name_gets_none(subject: Shared) -> None:
    assert payload_of(subject) is None


@pytest.mark.parametrize(
    "payload",
    [
        "",
        "a",
        "a0",
        "a012",  # one form only: no leading zeros
        "a-1",
        "a1.5",
        "a2147483648",  # past the store's keys
        "a99999999999999999999",
        "A12",
        "b12",
        "f",
        "fsoldiers",
        "fmilitary_killed-ukraine",
        "fmilitary_losses-",
        "fmilitary_losses-atlantis",
        "fmilitary_losses-Ukraine",
        "fmilitary_losses--ukraine",
        "fmilitary_losses-ukraine-russia",
        "fMILITARY_LOSSES",
        "a12 ",
        " a12",
        "a12\n",
        "a１２",  # full-width digits
        "a١٢",  # Arabic-Indic digits
        "a²",
        "fmilitary_losses-ukraine\u202e",
        "a12'; DROP TABLE actors; --",
        "%61%31%32",
        "a" + "1" * 63,
        "f" + "a" * 64,
        "x" * 100_000,
    ],
)
def test_hostile_or_malformed_payloads_name_nothing(payload: str) -> None:
    assert parse_payload(payload) is None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_either_nothing_or_a_payload_made_here(text: str) -> None:
    subject = parse_payload(text)
    assert subject is None or payload_of(subject) == text


def test_deep_link_and_share_page() -> None:
    assert deep_link("brief_bot", "a12") == "https://t.me/brief_bot?start=a12"
    url = share_url("brief_bot", "fmilitary_losses-ukraine", "Soldiers killed & wounded — Ukraine")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "t.me", "/share/url")
    query = parse_qs(parts.query)
    assert query["url"] == ["https://t.me/brief_bot?start=fmilitary_losses-ukraine"]
    assert query["text"] == ["Soldiers killed & wounded — Ukraine"]
