"""Tests for briefings.identity.reader_names and the transliteration in names.fold: names
typed in Cyrillic find the actors the articles name in Latin letters."""

from __future__ import annotations

import pytest

from briefings.identity.names import fold, name_keys, names_match, transliterate
from briefings.identity.reader_names import reader_spellings


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("зеленський", "zelenskyi"),
        ("єрмак", "yermak"),
        ("юлія", "yuliia"),
        ("щорс", "shchors"),
        ("песков", "peskov"),
        ("об'єднаних", "obiednanykh"),
        ("kyiv і київ", "kyiv i kyiv"),
    ],
)
def test_cyrillic_is_written_as_the_national_transliteration(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic) == latin


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("Зеленський", "Volodymyr Zelenskyy"),
        ("Володимир Зеленський", "Volodymyr Zelensky"),
        ("Путін", "Vladimir Putin"),
        ("Єрмак", "Andriy Yermak"),
        ("СИБІГА", "Andrii Sybiha"),
    ],
)
def test_a_transliterated_name_matches_the_articles_spelling(typed: str, written: str) -> None:
    assert names_match(typed, written)
    assert name_keys(typed).surname == name_keys(written).surname


def test_latin_names_fold_as_before() -> None:
    assert fold("Viktor Orbán") == "viktor orban"
    assert name_keys("Zelenskiy") == name_keys("Zelenskiy")
    assert name_keys("Zelenskiy").surname == name_keys("Zelenskyy").surname == "zelensky"


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("Трамп", ("Donald Trump",)),
        ("Дональд Трамп", ("Donald Trump",)),
        ("макрон", ("Emmanuel Macron",)),
        ("Кремль", ("Kremlin",)),
        ("ООН", ("United Nations",)),
        ("Зеленський", ()),
    ],
)
def test_a_ukrainian_spelling_stands_for_the_actors_own_name(
    typed: str, names: tuple[str, ...]
) -> None:
    assert reader_spellings(typed) == (typed, *names)


def test_a_latin_phrase_is_left_alone() -> None:
    assert reader_spellings("Trump") == ("Trump",)
