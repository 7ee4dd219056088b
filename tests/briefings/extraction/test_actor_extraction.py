"""Tests for briefings.extraction.actors (with briefings.extraction.mentions): who the actors of an article are.

Named test_actor_extraction.py, not test_actors.py: tests/storage/test_actors.py exists, and
pytest's default import mode refuses two test modules with the same basename.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from article_builders import extract_text, make_source
from spacy.language import Language

from briefings.extraction.extractors import extract
from briefings.model import Actor, ActorKind


def actor_named(nlp: Language, text: str, name: str) -> Actor:
    actors = extract_text(nlp, text).actors
    found = [a for a in actors if a.name == name]
    assert len(found) == 1, actors
    return found[0]


def person_names(nlp: Language, text: str) -> list[str]:
    return [a.name for a in extract_text(nlp, text).actors if a.kind == ActorKind.PERSON]


def tagged_as_person(nlp: Language, text: str, name: str) -> bool:
    return any(e.label_ == "PERSON" and e.text.startswith(name) for e in nlp(text).ents)


# -- roles -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Kremlin spokesman Dmitry Peskov said the talks would not resume.",
            "Dmitry Peskov",
            "Kremlin spokesman",
        ),
        (
            "Foreign ministry spokesman Heorhii Tykhyi said the talks would not resume.",
            "Heorhii Tykhyi",
            "Foreign ministry spokesman",
        ),
    ],
)
def test_a_title_before_the_name_is_the_role(
    nlp: Language, text: str, name: str, role: str
) -> None:
    assert actor_named(nlp, text, name).role == role


def test_an_appositive_after_the_name_is_the_role(nlp: Language) -> None:
    text = "Volodymyr Fesenko, a political analyst, said the front was holding."
    assert actor_named(nlp, text, "Volodymyr Fesenko").role == "political analyst"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Talks were hosted by the French president, Emmanuel Macron, at the Elysee.",
            "Emmanuel Macron",
            "French president",
        ),
        (
            "Estonia's prime minister, Kristen Michal, said Europe must stay united.",
            "Kristen Michal",
            "Estonia's prime minister",
        ),
    ],
)
def test_an_appositive_before_the_name_is_the_role_stated_in_the_text(
    nlp: Language, text: str, name: str, role: str
) -> None:
    assert actor_named(nlp, text, name).role == role


def test_a_known_actor_named_without_a_role_gets_the_listed_role(nlp: Language) -> None:
    text = "Macron spoke to reporters in Brussels."
    assert actor_named(nlp, text, "Emmanuel Macron").role == "President of France"


@pytest.mark.parametrize(
    "text",
    [
        "Oleh Marchenko, Ukraine's defence minister\n\nThe front is holding, Marchenko said.",
        "Visiting troops: Oleh Marchenko, the defence minister\n\nThe front is holding, he said.",
    ],
)
def test_a_role_stops_at_a_paragraph_break(nlp: Language, text: str) -> None:
    role = actor_named(nlp, text, "Oleh Marchenko").role
    assert role is not None
    assert "\n" not in role
    assert role.endswith("defence minister")


# -- grouping --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky met his generals. Volodymyr Zelensky later said the front was stable.",
        "Volodymyr Zelensky met his generals. Zelensky later said the front was stable.",
        "Zelenskiy met his generals. Volodymyr Zelensky later said the front was stable.",
    ],
)
def test_spelling_variants_of_one_name_are_one_actor(nlp: Language, text: str) -> None:
    actors = extract_text(nlp, text).actors
    assert [a.name for a in actors] == ["Volodymyr Zelenskyy"]
    assert "Volodymyr Zelensky" in actors[0].aliases


def test_a_surname_alone_joins_the_full_name_of_an_unlisted_person(nlp: Language) -> None:
    text = "Oleh Marchenko said the front held. Marchenko added that reinforcements had arrived."
    actor = actor_named(nlp, text, "Oleh Marchenko")
    assert actor.aliases == ("Marchenko",)


# -- what is not an actor ----------------------------------------------------------


def test_a_place_the_model_tags_as_a_person_is_not_a_person(nlp: Language) -> None:
    text = "Petro Bondar visited Kyiv on Monday."
    assert tagged_as_person(nlp, text, "Kyiv")
    assert person_names(nlp, text) == ["Petro Bondar"]


def test_a_photo_credit_gives_no_actor(nlp: Language) -> None:
    text = "Rescuers searched the rubble in Kharkiv.\n\nPhotograph: Jane Doe/Reuters"
    assert tagged_as_person(nlp, text, "Jane Doe")
    assert extract_text(nlp, text).actors == ()


def test_the_byline_is_not_an_actor(nlp: Language) -> None:
    text = "Anna Kovalenko in Kyiv\n\nThe bridge was destroyed, Petro Bondar said."
    source = replace(make_source(text), byline="Anna Kovalenko")
    assert tagged_as_person(nlp, text, "Anna Kovalenko")
    assert [a.name for a in extract(nlp, source).actors] == ["Petro Bondar"]


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Secretary of State Anna Lindqvist said the deal needs approval.",
            "Anna Lindqvist",
            "Secretary of State",
        ),
        (
            "At a news conference, the President of the Republic of Ghana, Kwame Mensah, spoke.",
            "Kwame Mensah",
            "President of the Republic of Ghana",
        ),
        (
            "The delegation, headed by Secretary of the National Defence Council Pavlo Hrytsak, met.",
            "Pavlo Hrytsak",
            "Secretary of the National Defence Council",
        ),
        (
            "The Minister for Foreign Affairs of Ireland, Sean Byrne, said aid would continue.",
            "Sean Byrne",
            "Minister for Foreign Affairs of Ireland",
        ),
    ],
)
def test_a_long_title_with_of_before_the_name_is_the_role(
    nlp: Language, text: str, name: str, role: str
) -> None:
    assert role in (actor_named(nlp, text, name).role or "")


def test_a_title_the_model_puts_inside_the_name_is_the_role(nlp: Language) -> None:
    actor = actor_named(nlp, "Spokeswoman Irina Volkova said Moscow would wait.", "Irina Volkova")
    assert actor.role == "Spokeswoman"


@pytest.mark.parametrize(
    ("day", "role"),
    [
        (date(2024, 12, 10), "Trump's secretary of state pick"),
        (date(2025, 3, 12), "US secretary of state"),
    ],
)
def test_a_known_actors_role_is_the_one_held_on_the_articles_date(
    nlp: Language, day: date, role: str
) -> None:
    source = replace(make_source("Rubio spoke to reporters in Brussels."), published=day)
    assert [a.role for a in extract(nlp, source).actors if a.name == "Marco Rubio"] == [role]


def test_a_role_the_article_states_wins_over_the_dated_one(nlp: Language) -> None:
    text = "Senator Marco Rubio spoke to reporters in Brussels."
    source = replace(make_source(text), published=date(2025, 3, 12))
    assert [a.role for a in extract(nlp, source).actors if a.name == "Marco Rubio"] == ["Senator"]


def test_a_person_inside_an_organisations_name_is_found_with_the_title(nlp: Language) -> None:
    text = (
        "Deputy Chairman of the Russian Security Council Igor Sechin believes the figure is higher."
    )
    assert actor_named(nlp, text, "Igor Sechin").role == (
        "Deputy Chairman of the Russian Security Council"
    )


def test_a_past_role_gives_way_to_the_role_held_on_the_articles_date(nlp: Language) -> None:
    text = "Marco Rubio, a former senator, spoke to reporters in Brussels."
    source = replace(make_source(text), published=date(2025, 3, 12))
    assert [a.role for a in extract(nlp, source).actors if a.name == "Marco Rubio"] == [
        "US secretary of state"
    ]


def test_a_past_role_stays_when_nothing_else_is_known(nlp: Language) -> None:
    text = "Petro Bondar, a former minister, spoke to reporters in Brussels."
    assert actor_named(nlp, text, "Petro Bondar").role == "former minister"


@pytest.mark.parametrize(
    "text",
    [
        "Thank you, Anneli, for coming to Kyiv. We are grateful, Petro Bondar said.",
        "Good morning, Anneli. We are grateful, Petro Bondar said.",
    ],
)
def test_a_first_name_addressed_in_speech_is_not_an_actor(nlp: Language, text: str) -> None:
    assert person_names(nlp, text) == ["Petro Bondar"]


def test_a_name_after_a_comma_in_prose_is_still_an_actor(nlp: Language) -> None:
    text = "Talks resumed on Monday, Anneli Virtanen said."
    assert person_names(nlp, text) == ["Anneli Virtanen"]


@pytest.mark.parametrize(
    "line", ["Anna Lindqvist", "- Anna Lindqvist in Riga", "By Anna Lindqvist"]
)
def test_a_name_alone_on_its_line_signs_an_entry_and_is_not_an_actor(
    nlp: Language, line: str
) -> None:
    text = f"Talks resumed.\n\n10:05 CET\n{line}\nThe ministers met on Monday, Petro Bondar said.\n"
    assert person_names(nlp, text) == ["Petro Bondar"]


def test_a_journalist_named_in_a_question_label_is_not_an_actor(nlp: Language) -> None:
    text = (
        "Briefing\n\nQuestion from Anneli Virtanen (Daily Ledger): Will the port reopen?\n\n"
        "Emmanuel Macron: We will consider it.\n"
    )
    assert person_names(nlp, text) == ["Emmanuel Macron"]
