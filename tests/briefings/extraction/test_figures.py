"""Tests for briefings.extraction.figures: values, units, qualifiers and claimants of reported numbers."""

from __future__ import annotations

import pytest
from article_builders import extract_text
from spacy.language import Language

from briefings.model import Figure


def only_figure(nlp: Language, text: str) -> Figure:
    found = extract_text(nlp, text).figures
    assert len(found) == 1, found
    return found[0]


# -- values and units ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "shown"),
    [
        ("The reconstruction fund is worth €50bn, officials said.", 5e10, "EUR", "€50bn"),
        ("The agency said 1.5 million people had fled the region.", 1.5e6, None, "1.5 million"),
        (
            "Washington has sent $5.9 billion in aid, according to the Pentagon.",
            5.9e9,
            "USD",
            "$5.9 billion",
        ),
        (
            "Brussels has set aside 50 billion euros, the commission said.",
            5e10,
            "EUR",
            "50 billion euros",
        ),
        ("Britain pledged £3bn, Anna Kovalenko said.", 3e9, "GBP", "£3bn"),
    ],
)
def test_amounts_are_scaled_and_keep_their_currency(
    nlp: Language, text: str, value: float, unit: str | None, shown: str
) -> None:
    figure = only_figure(nlp, text)
    assert figure.value == pytest.approx(value)
    assert figure.unit == unit
    assert figure.text == shown


@pytest.mark.parametrize(
    "text",
    [
        "Anna Kovalenko said 90 per cent of the town was destroyed.",
        "Anna Kovalenko said 90% of the town was destroyed.",
    ],
)
def test_percentages_have_the_percent_unit(nlp: Language, text: str) -> None:
    figure = only_figure(nlp, text)
    assert (figure.value, figure.unit) == (90, "%")


def test_areas_in_square_kilometres_have_the_km2_unit(nlp: Language) -> None:
    figure = only_figure(
        nlp, "Russian troops have seized 2,700 square kilometres, Maria Ivanova said."
    )
    assert (figure.value, figure.unit, figure.text) == (2700, "km²", "2,700 square kilometres")


# -- qualifiers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "qualifier", "shown"),
    [
        ("About 200 soldiers were captured, Petro Bondar said.", "about", "About 200"),
        (
            "More than 3,000 drones were launched, Petro Bondar said.",
            "more than",
            "More than 3,000",
        ),
        (
            "At least 12 civilians were killed in the strike, officials said.",
            "at least",
            "At least 12",
        ),
        ("An estimated 8,000 homes lost power, the ministry said.", "about", "An estimated 8,000"),
        (
            "Upwards of 600 tanks have been destroyed, Oleh Marchenko said.",
            "more than",
            "Upwards of 600",
        ),
    ],
)
def test_qualifiers_are_normalised_and_kept_in_the_figure_text(
    nlp: Language, text: str, qualifier: str, shown: str
) -> None:
    figure = only_figure(nlp, text)
    assert figure.qualifier == qualifier
    assert figure.text == shown


def test_a_bare_number_has_no_qualifier(nlp: Language) -> None:
    assert (
        only_figure(nlp, "Ivan Petrenko said 5,000 prisoners had been exchanged.").qualifier is None
    )


# -- claimants -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ivan Petrenko said 5,000 prisoners had been exchanged.",
        "5,000 prisoners have been exchanged, Ivan Petrenko said.",
    ],
)
def test_the_speaker_of_said_claims_the_figure(nlp: Language, text: str) -> None:
    assert only_figure(nlp, text).claimed_by == "Ivan Petrenko"


@pytest.mark.parametrize(
    "text",
    [
        "According to Olena Hrytsenko, 900 schools have been damaged.",
        "900 schools have been damaged, according to Olena Hrytsenko.",
    ],
)
def test_according_to_names_the_claimant(nlp: Language, text: str) -> None:
    assert only_figure(nlp, text).claimed_by == "Olena Hrytsenko"


def test_the_agent_of_a_passive_put_at_claims_the_figure(nlp: Language) -> None:
    figure = only_figure(nlp, "The death toll was put at 350 by Andriy Koval.")
    assert figure.claimed_by == "Andriy Koval"


def test_the_subject_of_put_the_toll_at_claims_the_figure(nlp: Language) -> None:
    assert only_figure(nlp, "Andriy Koval put the toll at 350.").claimed_by == "Andriy Koval"


def test_he_said_resolves_to_the_last_named_speaker(nlp: Language) -> None:
    text = "Mykola Savchenko arrived in Lviv on Tuesday. He said 4,200 buildings had been hit."
    assert only_figure(nlp, text).claimed_by == "Mykola Savchenko"


def test_she_said_skips_a_person_named_later_who_did_not_speak(nlp: Language) -> None:
    text = (
        "Oksana Hrytsenko said the convoy had been stopped at a checkpoint run by Taras Melnyk. "
        "She said 70 lorries were turned back."
    )
    assert only_figure(nlp, text).claimed_by == "Oksana Hrytsenko"


@pytest.mark.parametrize(
    "text",
    [
        '"We counted 640 craters in one field. The harvest is lost," Iryna Melnyk said.',
        '"Our engineers have cleared 640 mines this week." Iryna Melnyk said the work would go on.',
    ],
)
def test_a_quote_is_claimed_by_the_speaker_named_next_in_the_paragraph(
    nlp: Language, text: str
) -> None:
    assert only_figure(nlp, text).claimed_by == "Iryna Melnyk"


def test_a_quote_is_not_claimed_by_a_speaker_in_the_next_paragraph(nlp: Language) -> None:
    text = '"We counted 640 craters in one field."\n\nIryna Melnyk said the harvest was lost.'
    assert only_figure(nlp, text).claimed_by is None


# -- what is not a figure -------------------------------------------------------


def no_figures(nlp: Language, text: str) -> None:
    assert extract_text(nlp, text).figures == ()


@pytest.mark.parametrize(
    "text",
    ["The war began in 2022, Petro Bondar said.", "In the summer of 2023 the offensive stalled."],
)
def test_a_year_is_not_a_figure(nlp: Language, text: str) -> None:
    no_figures(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The talks were held on 18 October in Geneva.",
        "Talks resumed on October 18 in Geneva.",
        "The summit on Friday, 7 March, ended early.",
    ],
)
def test_a_date_is_not_a_figure(nlp: Language, text: str) -> None:
    no_figures(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Petro Bondar, 54, said the village was empty.",
        "The mayor, Oksana Hrytsenko, 38, said the shelter was full.",
        "The 70-year-old said the village was empty.",
    ],
)
def test_an_age_is_not_a_figure(nlp: Language, text: str) -> None:
    no_figures(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Officials said a 45-year-old man was killed.",
        "Rescuers found a 62-year-old under the rubble.",
    ],
)
def test_an_age_after_an_indefinite_article_is_not_a_figure(nlp: Language, text: str) -> None:
    no_figures(nlp, text)


@pytest.mark.parametrize(
    "text",
    ["A woman aged 54 was evacuated from the village.", "Her husband is 81 years old."],
)
def test_an_age_in_words_is_not_a_figure(nlp: Language, text: str) -> None:
    no_figures(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The embassy at 12 Baker Street was closed.",
        "A shell hit the school at 5 Shevchenko Avenue.",
    ],
)
def test_a_street_number_is_not_a_figure(nlp: Language, text: str) -> None:
    no_figures(nlp, text)


@pytest.mark.parametrize(
    "text",
    ["The 15th package of sanctions was adopted.", "It was the third package of aid."],
)
def test_an_ordinal_is_not_a_figure(nlp: Language, text: str) -> None:
    no_figures(nlp, text)


def test_one_of_them_is_not_a_figure(nlp: Language) -> None:
    no_figures(nlp, "One of them said the village was empty.")


@pytest.mark.parametrize(
    "text",
    [
        "The sirens sounded at 4am and again at 6.30pm.",
        "The meeting is at 14:00 in Brussels.",
        "The strike came at 9 o'clock on Friday.",
    ],
)
def test_a_time_of_day_is_not_a_figure(nlp: Language, text: str) -> None:
    no_figures(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The meeting started at 10.30 local time in Brussels.",
        "Air raid alerts sounded at 11.15 in Kyiv.",
    ],
)
def test_a_time_of_day_with_a_full_stop_is_not_a_figure(nlp: Language, text: str) -> None:
    no_figures(nlp, text)


# -- repeats ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Petro Bondar said 5,000 prisoners had been exchanged. The exchange of 5,000 took weeks.",
        "The exchange of 5,000 prisoners took weeks. Petro Bondar said 5,000 had been exchanged.",
    ],
)
def test_a_repeated_number_is_one_figure_with_the_best_claimant(nlp: Language, text: str) -> None:
    figure = only_figure(nlp, text)
    assert (figure.value, figure.claimed_by) == (5000, "Petro Bondar")
