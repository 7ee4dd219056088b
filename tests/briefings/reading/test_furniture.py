"""Tests for briefings.reading.furniture: bylines, dates, source links, furniture and captions."""

from __future__ import annotations

from datetime import date

import pytest

from briefings.reading.furniture import (
    drop_captions,
    host_of,
    parse_byline,
    parse_date,
    strip_furniture,
)
from briefings.reading.markup import Block, BlockKind


def blocks(*texts: str) -> list[Block]:
    return [Block((text,)) for text in texts]


def texts(found: list[Block]) -> list[str]:
    return [block.text for block in found]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("December 08, 2024", date(2024, 12, 8)),
        ("20 December 2024", date(2024, 12, 20)),
        ("Dec. 8, 2024", date(2024, 12, 8)),
        ("Thu 19 Dec 2024 12.40 GMT", date(2024, 12, 19)),
        ("Thursday, December 19, 2024 at 9:05 am", date(2024, 12, 19)),
        ("Published: 8th December 2024", date(2024, 12, 8)),
        ("Last updated on 2024-12-19", date(2024, 12, 19)),
        ("TALLINN/BERLIN/LONDON, 18 December", None),
        ("18 December", None),
        ("In December 2024 the talks began.", None),
    ],
)
def test_parse_date(line: str, expected: date | None) -> None:
    assert parse_date(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Eurowire staff", "Eurowire staff"),
        ("By AFP", "AFP"),
        ("by Anna Kovalenko in Kyiv", "Anna Kovalenko in Kyiv"),
        ("Words by J. R. Smith", "J. R. Smith"),
        ("By the end of the year, Russia had taken 4,000 sq km.", None),
        ("By then it was too late.", None),
        ("Byline without space", None),
    ],
)
def test_parse_byline(line: str, expected: str | None) -> None:
    assert parse_byline(line) == expected


def test_host_of_drops_www() -> None:
    assert host_of("https://www.themoscowtimes.com/2024/12/08/a") == "themoscowtimes.com"
    assert host_of("not a url") is None


def test_byline_and_date_lines_are_taken_and_removed() -> None:
    kept, meta = strip_furniture(blocks("By AFP", "December 08, 2024", "Body text."))
    assert texts(kept) == ["Body text."]
    assert (meta.byline, meta.published) == ("AFP", date(2024, 12, 8))


def test_a_line_of_byline_date_and_reading_time_is_split_at_separators() -> None:
    line = "By the Eastern Europe desk · 20 December 2024 · 9 min read"
    kept, meta = strip_furniture(blocks(line, "Body text."))
    assert texts(kept) == ["Body text."]
    assert (meta.byline, meta.published) == ("the Eastern Europe desk", date(2024, 12, 20))


def test_a_byline_deep_in_the_body_is_left_alone() -> None:
    body = [f"Paragraph {n}." for n in range(8)]
    kept, meta = strip_furniture(blocks(*body, "By Eurowire staff"))
    assert texts(kept)[-1] == "By Eurowire staff"
    assert meta.byline is None


@pytest.mark.parametrize(
    "line",
    [
        "4 min. read · View original",
        "9 min read",
        "skip past newsletter promotion",
        "after newsletter promotion",
        "Related article: Trump Says Zelensky is Ready for 'Deal' With Russia",
        "Advertisement",
        "Read also: How the grain corridor works",
        "Forwarded this? Subscribe · Share on Telegram · Reply to this email with tips.",
    ],
)
def test_furniture_lines_are_removed_anywhere(line: str) -> None:
    body = [f"Paragraph {n}." for n in range(8)]
    kept, _ = strip_furniture(blocks(*body, line, "Last paragraph."))
    assert line not in texts(kept)
    assert len(kept) == 9


def test_a_dateline_is_kept() -> None:
    kept, meta = strip_furniture(blocks("TALLINN/BERLIN/LONDON, 18 December", "Body."))
    assert texts(kept) == ["TALLINN/BERLIN/LONDON, 18 December", "Body."]
    assert meta.published is None


def test_the_original_url_gives_the_outlet_and_is_removed() -> None:
    found = blocks("Body.", "Original url:", "https://www.themoscowtimes.com/2024/12/08/a")
    kept, meta = strip_furniture(found)
    assert texts(kept) == ["Body."]
    assert meta.outlet == "themoscowtimes.com"


def test_an_original_url_on_its_label_line_counts_too() -> None:
    _, meta = strip_furniture(blocks("Body.", "Original URL: <https://news.example.org/x>"))
    assert meta.outlet == "news.example.org"


def test_a_bare_url_without_label_is_removed_but_not_the_outlet() -> None:
    kept, meta = strip_furniture(blocks("Body.", "https://elsewhere.example/x"))
    assert texts(kept) == ["Body."]
    assert meta.outlet is None


def test_furniture_lines_inside_a_block_are_removed_from_it() -> None:
    block = Block(("By Eurowire staff", "December 08, 2024"))
    kept, meta = strip_furniture([block, *blocks("Body.")])
    assert texts(kept) == ["Body."]
    assert meta.byline == "Eurowire staff"


def test_a_caption_split_before_its_credit_is_dropped() -> None:
    found = blocks(
        "Zelenskyy said on Sunday that he was open to talks.",
        "Wounded soldiers are evacuated from Donetsk by a volunteer battalion,",
        "6 December 2024. Photograph: Maria Senovilla/EPA",
        "Zelenskyy said 43,000 soldiers had been killed.",
    )
    assert texts(drop_captions(found)) == [
        "Zelenskyy said on Sunday that he was open to talks.",
        "Zelenskyy said 43,000 soldiers had been killed.",
    ]


def test_a_credit_line_drops_the_caption_above_it() -> None:
    found = blocks("Para one.", "Putin at the Kremlin on Thursday.", "Photo: A. Zemlianichenko/AP")
    assert texts(drop_captions(found)) == ["Para one."]


def test_a_whole_caption_with_its_credit_is_dropped_alone() -> None:
    found = blocks("Para one.", "Kyiv at night. Photograph: Alex Babenko/AP", "Para two.")
    assert texts(drop_captions(found)) == ["Para one.", "Para two."]


def test_a_credit_does_not_drop_a_heading_or_a_long_paragraph() -> None:
    long_paragraph = " ".join(["word"] * 50) + "."
    found = [
        Block(("Heading",), BlockKind.HEADING, 2),
        Block((long_paragraph,)),
        Block(("Photograph: Reuters",)),
    ]
    assert texts(drop_captions(found)) == ["Heading", long_paragraph]


def test_prose_mentioning_a_photograph_is_kept() -> None:
    found = blocks("The photograph: it showed troops crossing the river at dawn.")
    assert texts(drop_captions(found)) == texts(found)


def test_names_beside_a_date_on_a_head_line_are_the_byline() -> None:
    line = "Anna Kovalenko, Petro Bondar — Friday, 14 March 2025, 09:30"
    kept, meta = strip_furniture(blocks(line, "Body text."))
    assert texts(kept) == ["Body text."]
    assert (meta.byline, meta.published) == ("Anna Kovalenko, Petro Bondar", date(2025, 3, 14))


def test_names_and_a_dash_without_a_date_are_kept() -> None:
    line = "Anna Kovalenko — Petro Bondar"
    kept, _ = strip_furniture(blocks(line, "Body text."))
    assert texts(kept)[0] == line


@pytest.mark.parametrize(
    "line", ["— Nadia Petrenko in Warsaw", "– Karl Olsen", "Posted at 10:05 CET by Karl Olsen"]
)
def test_a_live_entrys_byline_is_removed(line: str) -> None:
    body = [f"Paragraph {n}." for n in range(8)]
    entry = Block(("Entry text.", line))
    kept, _ = strip_furniture([*blocks(*body), entry, *blocks("Next entry.")])
    assert texts(kept)[8:] == ["Entry text.", "Next entry."]


def test_a_dash_before_lower_case_words_is_prose() -> None:
    body = [f"Paragraph {n}." for n in range(8)]
    kept, _ = strip_furniture(blocks(*body, "— and then the talks ended."))
    assert texts(kept)[-1] == "— and then the talks ended."
