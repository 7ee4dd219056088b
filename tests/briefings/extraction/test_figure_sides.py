"""Tests for briefings.extraction.figure_sides: whose each figure is, through the pipeline."""

from __future__ import annotations

import pytest
from article_builders import figure_at, measured
from spacy.language import Language

# -- sides a measure names: the giver of aid, the loser of land ------------------------


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Britain pledged £3bn in military aid to Ukraine, Anna Kovalenko said.", "United Kingdom"),
        ("The EU approved a €50bn support package, Anna Kovalenko said.", "European Union"),
        ("Washington has sent $5.9 billion in aid, according to the Pentagon.", "United States"),
        ("The US has pledged $500m in military aid, Petro Bondar said.", "United States"),
        ("Germany has delivered military aid worth more than €28bn, Scholz said.", "Germany"),
        ("A $500m weapons package was unveiled by the United States.", "United States"),
    ],
)
def test_aid_is_the_givers(nlp: Language, text: str, side: str) -> None:
    assert measured(nlp, text) == ("aid_money", side)


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Russian forces captured 2,700 square kilometres of Ukrainian territory.", "Ukraine"),
        (
            "Russia occupies about 18 per cent of Ukraine's territory, Maria Ivanova said.",
            "Ukraine",
        ),
        ("Russia has captured 190 Ukrainian villages this year, Maria Ivanova said.", "Ukraine"),
        ("Ukraine has taken 1,000 square kilometres in Russia's Kursk region.", "Russia"),
        ("The Kremlin demands that Kyiv gives up four regions.", "Ukraine"),
        ("Russian troops have seized 2,700 square kilometres, Maria Ivanova said.", None),
    ],
)
def test_territory_is_whose_land_it_was_never_the_taker(
    nlp: Language, text: str, side: str | None
) -> None:
    assert measured(nlp, text) == ("territory", side)


# -- owners, agents and the clause -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Petro Bondar said Kyiv had lost 40,000 soldiers.", "Ukraine"),
        ("Petro Bondar said the Kremlin had lost 40,000 soldiers.", "Russia"),
        ("Petro Bondar said Russia's losses reached 40,000.", "Russia"),
        (
            "Petro Bondar said 40,000 North Korean soldiers had been killed or wounded.",
            "North Korea",
        ),
        ("Trump said Russia had lost 600,000 soldiers and Ukraine 40,000.", "Ukraine"),
        ("Petro Bondar said 40,000 Ukrainian and Russian soldiers were wounded.", None),
        ("Petro Bondar told us 40,000 soldiers were killed.", None),
    ],
)
def test_side_from_adjectives_possessives_capitals_and_subjects(
    nlp: Language, text: str, side: str | None
) -> None:
    assert figure_at(nlp, text, 40_000).measured_side == side


def test_soldiers_killed_in_a_place_are_not_that_places(nlp: Language) -> None:
    text = "Petro Bondar said 300 soldiers were killed in Russia's Kursk region."
    assert measured(nlp, text) == ("military_killed", None)
