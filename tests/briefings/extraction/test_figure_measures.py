"""Tests for briefings.extraction.figure_measures: what each figure measures, through the pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from article_builders import measured
from spacy.language import Language

from briefings.extraction.extractors import extract
from briefings.extraction.figure_measures import classify_figure
from briefings.model import ExtractedArticle
from briefings.reading.articles import read_path
from briefings.vocabulary.lexicon import load_lexicon
from briefings.vocabulary.measures import comparable, measure_family

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
GUARDIAN = "000_80d53bb89c1a5903.txt"
MOSCOW_TIMES = "004_7cff107318d3781a.txt"


# -- casualties ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 120 Russian troops were killed overnight.",
        "Petro Bondar said 200 Russian soldiers died in the assault.",
        "The ministry said 300 Russian soldiers were dead after the battle.",
        "Russia has suffered 1,200 military fatalities this week, Petro Bondar said.",
        "Petro Bondar said 2,000 Russian soldiers lost their lives.",
    ],
)
def test_soldiers_killed(nlp: Language, text: str) -> None:
    assert measured(nlp, text) == ("military_killed", "Russia")


@pytest.mark.parametrize(
    "text",
    [
        "Petro Bondar said 500 Ukrainian soldiers were wounded.",
        "Some 900 Ukrainian servicemen were injured in the fighting, officials said.",
    ],
)
def test_soldiers_wounded(nlp: Language, text: str) -> None:
    assert measured(nlp, text) == ("military_wounded", "Ukraine")


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Petro Bondar said Moscow had lost 600,000 troops.", "Russia"),
        ("Russia's losses have risen to 700,000, the general staff said.", "Russia"),
        ("Ukraine's casualties stand at about 400,000, according to Petro Bondar.", "Ukraine"),
        ("Russia's losses exceeded 700,000 in November, Petro Bondar said.", "Russia"),
        ("Petro Bondar said 1,000 Ukrainian troops had been killed or injured.", "Ukraine"),
        ("Petro Bondar said 2,000 soldiers had been killed or wounded.", None),
    ],
)
def test_losses_and_killed_or_wounded_are_military_losses(
    nlp: Language, text: str, side: str | None
) -> None:
    assert measured(nlp, text) == ("military_losses", side)


def test_a_number_without_a_noun_takes_the_noun_before_it(nlp: Language) -> None:
    text = "Zelenskyy said 45,100 Ukrainian soldiers had been killed and 390,000 injured."
    assert measured(nlp, text, 45_100) == ("military_killed", "Ukraine")
    assert measured(nlp, text, 390_000) == ("military_wounded", "Ukraine")


def test_soldiers_gone_missing(nlp: Language) -> None:
    text = "Petro Bondar said 120 Ukrainian soldiers went missing near Bakhmut."
    assert measured(nlp, text) == ("military_missing", "Ukraine")


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("At least 12 civilians were killed in Ukraine, officials said.", "civilians_killed"),
        ("Petro Bondar said 30 Ukrainian civilians died in the shelling.", "civilians_killed"),
        ("Officials said 30 civilians were injured in Kyiv.", "civilians_wounded"),
        ("Officials said 40 civilians were killed or injured in Kyiv.", "civilian_casualties"),
    ],
)
def test_civilians(nlp: Language, text: str, measure: str) -> None:
    assert measured(nlp, text) == (measure, "Ukraine")


@pytest.mark.parametrize(
    "text",
    [
        "The death toll rose to 350, officials said.",
        "The death toll was put at 350 by Andriy Koval.",
        "Zelenskyy put the number of those killed at 350.",
    ],
)
def test_a_toll_that_does_not_say_who_died_is_deaths(nlp: Language, text: str) -> None:
    assert measured(nlp, text) == ("deaths", None)


# -- prisoners, the displaced, troops ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("About 200 Russian soldiers were captured, Petro Bondar said.", "Russia"),
        ("Ukraine holds more than 1,000 Russian prisoners of war, Petro Bondar said.", "Russia"),
        ("Russia holds about 8,000 Ukrainian civilians, Petro Bondar said.", "Ukraine"),
        ("More than 10,000 Russian-held Ukrainian prisoners remain in captivity.", "Ukraine"),
        ("Petro Bondar said 150 servicemen were taken prisoner.", None),
    ],
)
def test_prisoners_held_are_the_side_of_the_prisoners(
    nlp: Language, text: str, side: str | None
) -> None:
    assert measured(nlp, text) == ("prisoners", side)


@pytest.mark.parametrize(
    "text",
    [
        "Petro Bondar said 5,000 Ukrainian prisoners had been exchanged.",
        "Russia released 150 Ukrainian prisoners on Friday, officials said.",
        "Petro Bondar said 230 Ukrainian POWs were freed in the swap.",
        "Since 2022, 3,767 Ukrainians have been returned from Russian captivity.",
    ],
)
def test_prisoners_returned(nlp: Language, text: str) -> None:
    assert measured(nlp, text) == ("prisoners_returned", "Ukraine")


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("Officials said 1,500 people were evacuated from the town.", "evacuated"),
        ("Petro Bondar said 20,000 people had been displaced by the fighting.", "displaced"),
        ("Petro Bondar said 1.5 million people had fled the region.", "displaced"),
        ("More than six million Ukrainians are refugees abroad, the UN said.", "refugees"),
    ],
)
def test_people_who_left_their_homes(nlp: Language, text: str, measure: str) -> None:
    assert measured(nlp, text)[0] == measure


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Russia has deployed 50,000 troops near Kursk, officials said.", "Russia"),
        ("Petro Bondar said Moscow had deployed 11,000 North Korean troops.", "North Korea"),
        ("Petro Bondar said 15,000 North Korean troops were fighting for Russia.", "North Korea"),
    ],
)
def test_troops_deployed(nlp: Language, text: str, side: str) -> None:
    assert measured(nlp, text) == ("troops_deployed", side)


# -- weapons, damage, economy, opinion --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "measure", "side"),
    [
        ("Russia fired 120 missiles at Ukraine overnight, Petro Bondar said.", "attacks", "Russia"),
        ("More than 3,000 Russian drones were launched, Petro Bondar said.", "attacks", "Russia"),
        ("Kyiv said it shot down 70 Russian drones.", "intercepted", "Russia"),
        ("Petro Bondar said Russia had lost about 9,000 tanks.", "equipment_losses", "Russia"),
        (
            "Petro Bondar said 900 schools had been damaged in Ukraine.",
            "buildings_damaged",
            "Ukraine",
        ),
    ],
)
def test_weapons_and_damage(nlp: Language, text: str, measure: str, side: str) -> None:
    assert measured(nlp, text) == (measure, side)


@pytest.mark.parametrize(
    ("text", "measure", "side"),
    [
        ("Russia's economy grew by 3.6% last year, Anna Kovalenko said.", "economy", "Russia"),
        ("Petro Bondar said inflation was running at 9.5%.", "economy", None),
        ("Inflation reached 9% in October, the central bank said.", "economy", None),
        ("A poll found 57% of Ukrainians support talks with Russia.", "opinion_share", "Ukraine"),
        ("About 60 per cent of respondents oppose any concessions.", "opinion_share", None),
    ],
)
def test_percentages(nlp: Language, text: str, measure: str, side: str | None) -> None:
    assert measured(nlp, text) == (measure, side)


# -- no measure ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The talks lasted 6 hours, Petro Bondar said.",
        "The peace plan has 28 points, Petro Bondar said.",
        "Petro Bondar said 70 lorries were turned back.",
        "Anna Kovalenko said 90 per cent of the town was destroyed.",
        "Roughly 90 per cent of returned prisoners reported torture, Lubinets said.",
        "Petro Bondar said the EU has 27 members.",
    ],
)
def test_figures_with_no_recognisable_measure_have_none(nlp: Language, text: str) -> None:
    assert measured(nlp, text) == (None, None)


def test_classify_figure_reads_a_token_of_a_parsed_doc(nlp: Language) -> None:
    doc = nlp("Petro Bondar said 43,000 Ukrainian soldiers had been killed.")
    number = next(t for t in doc if t.text == "43,000")
    found = classify_figure(number, None, load_lexicon().measures)
    assert (found.measure, found.side) == ("military_killed", "Ukraine")


# -- the seeds ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds(nlp: Language) -> dict[str, ExtractedArticle]:
    names = (GUARDIAN, MOSCOW_TIMES)
    return {name: extract(nlp, read_path(SEEDS / name, max_bytes=1_000_000)) for name in names}


def seed_figure(article: ExtractedArticle, value: float) -> tuple[str | None, ...]:
    found = [f for f in article.figures if f.value == value]
    assert len(found) == 1, article.figures
    return found[0].measure, found[0].measured_side


def test_trumps_400000_are_ukraines_military_losses(seeds: dict[str, ExtractedArticle]) -> None:
    assert seed_figure(seeds[GUARDIAN], 400_000) == ("military_losses", "Ukraine")


@pytest.mark.parametrize("seed", [GUARDIAN, MOSCOW_TIMES])
@pytest.mark.parametrize(
    ("value", "measure"), [(43_000, "military_killed"), (370_000, "military_wounded")]
)
def test_zelenskyys_figures_are_ukraines_killed_and_wounded(
    seeds: dict[str, ExtractedArticle], seed: str, value: float, measure: str
) -> None:
    assert seed_figure(seeds[seed], value) == (measure, "Ukraine")


def test_trumps_and_zelenskyys_figures_are_comparable(seeds: dict[str, ExtractedArticle]) -> None:
    losses, _ = seed_figure(seeds[GUARDIAN], 400_000)
    killed, _ = seed_figure(seeds[GUARDIAN], 43_000)
    assert losses is not None and killed is not None
    assert comparable(losses, killed)
    assert measure_family(killed) == measure_family(losses) == "military_losses"
