"""Tests for briefings.extraction.timeline: dated events, their calendar dates, precision and words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from briefings.extraction.dates import Precision
from briefings.extraction.timeline import FoundEvent, find_events
from briefings.reading.articles import read_path

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
# Monday 9 December 2024, the week of the Paris meeting.
MONDAY = date(2024, 12, 9)


def events_in(nlp: Language, text: str, published: date | None = MONDAY) -> list[FoundEvent]:
    return find_events(nlp(text), published)


def only_event(nlp: Language, text: str, published: date | None = MONDAY) -> FoundEvent:
    found = events_in(nlp, text, published)
    assert len(found) == 1, found
    return found[0]


def dated(found: list[FoundEvent]) -> list[tuple[date, Precision]]:
    return [(e.day, e.precision) for e in found]


# -- calendar dates ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Trump met Zelenskyy in Paris on Saturday.",
        "Trump met Zelenskyy in Paris last Saturday.",
        "On Saturday, Trump met Zelenskyy in Paris.",
    ],
)
def test_a_weekday_is_the_latest_one_before_publication(nlp: Language, text: str) -> None:
    event = only_event(nlp, text)
    assert (event.day, event.precision) == (date(2024, 12, 7), Precision.DAY)


def test_a_weekday_that_is_the_publication_day_is_that_day(nlp: Language) -> None:
    event = only_event(nlp, "The foreign ministry said on Monday that talks were possible.")
    assert event.day == MONDAY


def test_a_future_weekday_looks_ahead(nlp: Language) -> None:
    event = only_event(nlp, "The two leaders will meet again on Friday, officials said.")
    assert event.day == date(2024, 12, 13)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The ministry said yesterday that 12 drones were shot down.", date(2024, 12, 8)),
        ("Moscow replied today that it was ready to talk.", MONDAY),
    ],
)
def test_yesterday_and_today_count_from_publication(nlp: Language, text: str, day: date) -> None:
    assert only_event(nlp, text).day == day


def test_a_month_day_without_a_year_may_fall_in_the_year_before(nlp: Language) -> None:
    event = only_event(nlp, "Trump met Zelenskyy in Paris on December 7.", date(2025, 1, 6))
    assert (event.day, event.precision) == (date(2024, 12, 7), Precision.DAY)


def test_a_coming_month_day_falls_in_the_next_year(nlp: Language) -> None:
    event = only_event(nlp, "Trump, who is sworn in on Jan. 20, has called for a ceasefire.")
    assert event.day == date(2025, 1, 20)


@pytest.mark.parametrize(
    "text",
    [
        "Talks began in Geneva on December 7, 2024.",
        "Talks began in Geneva on 7 December 2024.",
        "Talks began in Geneva on Dec. 7, 2024.",
        "Talks began in Geneva on 2024-12-07.",
    ],
)
def test_explicit_full_dates(nlp: Language, text: str) -> None:
    event = only_event(nlp, text, date(2025, 3, 1))
    assert (event.day, event.precision) == (date(2024, 12, 7), Precision.DAY)


def test_a_month_and_year_have_month_precision(nlp: Language) -> None:
    event = only_event(nlp, "Russia launched its full-scale invasion in February 2022.")
    assert (event.day, event.precision) == (date(2022, 2, 1), Precision.MONTH)


def test_a_month_alone_in_a_past_clause_is_the_last_one_before_publication(
    nlp: Language,
) -> None:
    event = only_event(nlp, "In February, Zelenskyy gave a figure for the first time.")
    assert (event.day, event.precision) == (date(2024, 2, 1), Precision.MONTH)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Russia annexed Crimea in 2014, the ministry said.", date(2014, 1, 1)),
        ("Germany has delivered military aid since 2022.", date(2022, 1, 1)),
    ],
)
def test_a_year_alone_has_year_precision(nlp: Language, text: str, day: date) -> None:
    event = only_event(nlp, text)
    assert (event.day, event.precision) == (day, Precision.YEAR)


def test_next_month_and_next_year_count_from_publication(nlp: Language) -> None:
    found = events_in(
        nlp,
        "Zelenskyy will travel to Brussels next month. Elections are expected to be held next year.",
    )
    assert dated(found) == [(date(2025, 1, 1), Precision.MONTH), (date(2025, 1, 1), Precision.YEAR)]


# -- what is not an event ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The 48-year-old soldier has fought for 10 years.",
        "Nearly three years of war have ravaged Ukraine.",
        "The town has endured 1,000 days of shelling.",
        "Kellogg, 80, told reporters that a deal was possible within 100 days.",
        "The meeting came two days after ministers adopted new sanctions.",
    ],
)
def test_durations_and_ages_are_not_events(nlp: Language, text: str) -> None:
    assert events_in(nlp, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "In recent weeks the fighting has intensified around Pokrovsk.",
        "Over the past year the front line barely moved.",
        "Talks could start in the coming months, diplomats said.",
        "Officials from both sides met this week in Istanbul.",
    ],
)
def test_vague_periods_are_not_events(nlp: Language, text: str) -> None:
    assert events_in(nlp, text) == []


@pytest.mark.parametrize(
    "head",
    [
        "Published 8 December 2024",
        "Updated: 8 December 2024",
        "8 December 2024",
        "By Anna Kovalenko · 8 December 2024 · 4 min read",
        "Soldiers rest near Pokrovsk, 6 December 2024. Photograph: Anna Kovalenko/Reuters",
    ],
)
def test_bylines_datelines_and_credits_are_not_events(nlp: Language, head: str) -> None:
    text = f"{head}\n\nUkraine's air force said it had downed 20 drones overnight."
    assert events_in(nlp, text) == []


@pytest.mark.parametrize(
    "dateline", ["KYIV, Dec 8 (Reuters) - ", "KYIV, Ukraine, Dec 8 — ", "Dec 8 (Reuters) – "]
)
def test_a_wire_dateline_is_not_an_event_nor_part_of_the_text(nlp: Language, dateline: str) -> None:
    text = f"{dateline}Ukraine's air force said on Sunday it had downed 20 drones."
    event = only_event(nlp, text)
    assert event.day == date(2024, 12, 8)
    assert event.text.startswith("Ukraine's air force said")


def test_a_dated_entry_of_a_timeline_is_an_event(nlp: Language) -> None:
    event = only_event(nlp, "7 December – Trump meets Zelenskyy and Macron in Paris.")
    assert event.day == date(2024, 12, 7)


def test_an_end_date_is_not_an_event(nlp: Language) -> None:
    event = only_event(nlp, "Parliament voted on Tuesday to extend martial law until February.")
    assert event.day == date(2024, 12, 3)


def test_a_sentence_without_a_verb_is_not_an_event(nlp: Language) -> None:
    assert events_in(nlp, "Talks in Geneva on 7 December 2024, with no agreement.") == []


# -- without a publication date ------------------------------------------------


def test_without_a_publication_date_only_explicit_dates_are_kept(nlp: Language) -> None:
    text = (
        "Trump met Zelenskyy on Saturday. Kyiv said yesterday it was ready. "
        "The talks of 7 December 2024 were cordial, officials said. Talks resumed on December 9. "
        "Russia invaded in February 2022."
    )
    assert dated(events_in(nlp, text, None)) == [
        (date(2024, 12, 7), Precision.DAY),
        (date(2022, 2, 1), Precision.MONTH),
    ]


# -- clauses and text ----------------------------------------------------------


def test_two_dated_clauses_are_two_events_with_their_own_words(nlp: Language) -> None:
    text = "Trump met Zelenskyy in Paris on Saturday, and Putin spoke to reporters on Sunday."
    first, second = events_in(nlp, text)
    assert (first.day, second.day) == (date(2024, 12, 7), date(2024, 12, 8))
    assert first.text == "Trump met Zelenskyy in Paris on Saturday"
    assert second.text.startswith("Putin spoke to reporters on Sunday")
    assert first.end <= second.start


def test_a_date_in_a_relative_clause_dates_that_phrase_not_the_sentence(nlp: Language) -> None:
    text = "He listed his demands, which include the four regions Moscow annexed in 2022."
    event = only_event(nlp, text)
    assert (event.day.year, event.precision) == (2022, Precision.YEAR)
    assert "Moscow annexed in 2022" in event.text
    assert "He listed" not in event.text


def test_a_date_repeated_in_a_sentence_is_one_event(nlp: Language) -> None:
    text = "On Saturday Trump met Zelenskyy, and on Saturday Macron hosted them both."
    assert len(events_in(nlp, text)) == 1


def test_the_spans_point_at_the_sentence_and_the_date(nlp: Language) -> None:
    doc = nlp("The ceasefire was agreed. Trump met Zelenskyy in Paris on Saturday.")
    (event,) = find_events(doc, MONDAY)
    assert doc[event.date_start : event.date_end].text == "Saturday"
    assert doc[event.start : event.end].text == "Trump met Zelenskyy in Paris on Saturday."
    assert event.text == "Trump met Zelenskyy in Paris on Saturday."


def test_a_quoted_sentence_loses_its_quote_marks(nlp: Language) -> None:
    event = only_event(nlp, "“The talks on Saturday went well.”")
    assert event.text == "The talks on Saturday went well."


def test_a_long_sentence_is_cut_at_a_word_boundary(nlp: Language) -> None:
    filler = ", ".join(f"the town of Verkhnia Sosnivka number {n}" for n in range(12))
    event = only_event(nlp, f"Russian forces shelled {filler} on Saturday, officials said.")
    assert len(event.text) <= 240
    assert event.text.endswith("…")
    assert event.text[:-1] == event.text[:-1].rstrip()
    assert f"Russian forces shelled {filler}".startswith(event.text[:-1])


def test_events_are_in_document_order(nlp: Language) -> None:
    text = (
        "Russia invaded in February 2022. Trump met Zelenskyy on Saturday. "
        "Crimea was annexed in 2014."
    )
    found = events_in(nlp, text)
    assert [e.precision for e in found] == [Precision.MONTH, Precision.DAY, Precision.YEAR]
    assert [e.start for e in found] == sorted(e.start for e in found)


# -- seeds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fallback"),
    # The Guardian seed has no date line; it reports Sunday 8 December 2024.
    [("000_80d53bb89c1a5903.txt", date(2024, 12, 8)), ("004_7cff107318d3781a.txt", None)],
)
def test_each_seed_has_a_day_in_december_2024(
    nlp: Language, name: str, fallback: date | None
) -> None:
    article = read_path(SEEDS / name, max_bytes=1_000_000)
    published = article.published or fallback
    assert published is not None
    found = find_events(nlp(article.text), published)
    days = [e.day for e in found if e.precision is Precision.DAY]
    assert any((d.year, d.month) == (2024, 12) for d in days), found
