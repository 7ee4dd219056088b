"""Tests for briefings.extraction.roles: the roles the text gives a person at one mention."""

from __future__ import annotations

import pytest
from spacy.language import Language

from briefings.extraction.extensions import mentions_of
from briefings.extraction.roles import roles_of
from briefings.vocabulary.lexicon import load_lexicon


def roles_at(nlp: Language, text: str, name: str) -> list[str]:
    doc = nlp(text)
    mention = next(m for m in mentions_of(doc) if m.text == name)
    return roles_of(doc, mention, load_lexicon())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("US negotiators Tom Baker and Jared Kushner are working on a framework.", "Jared Kushner"),
        ("Foreign ministers Anna Lind, Petr Novak and Ivan Kovac met in Riga.", "Ivan Kovac"),
    ],
)
def test_a_plural_title_before_a_list_of_names_is_each_ones_role(
    nlp: Language, text: str, name: str
) -> None:
    assert any(r.split()[-1] in {"negotiators", "ministers"} for r in roles_at(nlp, text, name))


def test_a_singular_title_stays_with_the_first_name(nlp: Language) -> None:
    assert roles_at(nlp, "President Tom Baker and Jared Kushner met.", "Jared Kushner") == []


def test_a_name_in_a_list_is_not_the_role_of_the_next(nlp: Language) -> None:
    text = "Foreign ministers Anna Lind, Petr Novak and Ivan Kovac met in Riga."
    assert roles_at(nlp, text, "Petr Novak") == ["Foreign ministers"]


def test_a_clause_after_the_name_is_not_a_role(nlp: Language) -> None:
    text = "The delegation, headed by Pavlo Hrytsak, again raised a meeting between the presidents."
    assert roles_at(nlp, text, "Pavlo Hrytsak") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The shelling worried one of the town's last remaining doctors, Iryna Savchuk.",
            "one of the town's last remaining doctors",
        ),
        (
            "The plan was drafted by two of the ministry's senior advisers, Oleh Tkach and Ivan Lys.",
            "two of the ministry's senior advisers",
        ),
    ],
)
def test_one_of_a_group_before_a_name_keeps_the_partitive(
    nlp: Language, text: str, expected: str
) -> None:
    name = "Iryna Savchuk" if "Savchuk" in text else "Oleh Tkach"
    assert expected in roles_at(nlp, text, name)
