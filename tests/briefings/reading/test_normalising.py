"""Tests for briefings.reading.normalising: characters, line breaks, and bounded symbol runs."""

from __future__ import annotations

import re
import sys
import time
import unicodedata

import pytest
from reading_builders import read
from spacy.language import Language

from briefings.errors import EmptyInputError
from briefings.reading.normalising import (
    FORMAT_CHARACTERS,
    MAX_TOKEN,
    normalise_characters,
    normalise_line,
)

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"

# --- characters and line breaks ----------------------------------------------------------


def test_newlines_and_composition_are_normalised() -> None:
    assert normalise_characters("a\r\nb\rc\u2028d\x85e\ff") == "a\nb\nc\nd\ne\nf"
    assert normalise_characters("Orba\u0301n") == "Orb\u00e1n"


def test_stray_controls_and_zero_width_characters_are_dropped() -> None:
    assert normalise_characters("Kyiv\u200b said\x07 no\ufeff.\x9b") == "Kyiv said no."


def test_a_format_character_between_letter_and_accent_does_not_stop_composition() -> None:
    assert normalise_characters("Orba\u200d\u0301n") == "Orb\u00e1n"


def test_runs_of_blank_lines_become_one() -> None:
    assert normalise_characters("One.\n\n\n \n\t\n\nTwo.\n\n\n") == "One.\n\nTwo.\n\n"


@pytest.mark.parametrize("control", [*BIDI_CONTROLS, "\u00ad", "\u2060", "\U000e0041"])
def test_bidi_and_other_format_characters_are_dropped(control: str) -> None:
    assert normalise_characters(f"Kyiv{control} said") == "Kyiv said"
    assert normalise_line(f"Kyiv{control} said") == "Kyiv said"


def test_the_format_character_list_covers_every_format_character_python_knows() -> None:
    listed = re.compile(f"[{FORMAT_CHARACTERS}]")
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" and not listed.fullmatch(chr(code))
    ]
    assert missing == []


# --- symbol runs and long tokens ----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Stop!!!!!!!!", "Stop!!!"),
        ("Wait...", "Wait..."),
        ("A --- B", "A --- B"),
        ("-----", "---"),
        ("====================", "==="),
        ("Why?!?!", "Why?!?!"),
        ("He said: \u201cNo.\u201d", "He said: \u201cNo.\u201d"),
        ("fill in ____________ here", "fill in ___ here"),
        ("&&&&&&&&&&&&&&&&&&&&&", "&&&"),
        ("* * * *", "* * * *"),
        ("|---|---|---|", "|---|---|---|"),
        ("* " * 40 + "Next", "* * * * Next"),
        (".,;:!?" * 10, ".,;:!?.,"),
        ("=-" * 30, "=-=-=-=-"),
        ("Kyiv." + "\u0301" * 50, "Kyiv." + "\u0301" * 3),
    ],
)
def test_symbol_runs_are_bounded(line: str, expected: str) -> None:
    assert normalise_line(line) == expected


def test_a_long_link_is_kept_and_a_longer_token_is_cut() -> None:
    link = "https://news.example/2025/03/14/talks?" + "utm_source=x&" * 12
    assert normalise_line(f"See {link} now") == f"See {link} now"
    token = "a" * 10_000
    assert normalise_line(f"See {token} now") == f"See {'a' * MAX_TOKEN}\u2026 now"


def test_normalising_twice_changes_nothing_more() -> None:
    line = "Talks!!!!!! " + ".,;:" * 20 + " " + "x" * 1000 + " \u202eend"
    once = normalise_line(line)
    assert normalise_line(once) == once


# --- through the reader ---------------------------------------------------------------------


def test_the_stored_text_is_the_normalised_text() -> None:
    article = read("Talks\u202e resume\n\nKyiv said no!!!!!!!!!!\u2066 Then\u00ad more.")
    assert (article.title, article.text) == ("Talks resume", "Kyiv said no!!! Then more.")


def test_html_entities_cannot_smuggle_bidi_controls_into_the_text() -> None:
    page = (
        "<html><head><title>Talks &#x202E;resume</title></head><body><article>"
        "<p>Kyiv &#8238;said the talks would resume next week in Geneva.</p></article></body></html>"
    )
    article = read(page, source="page.html")
    assert "\u202e" not in article.title + article.text
    assert article.text == "Kyiv said the talks would resume next week in Geneva."


@pytest.mark.parametrize("body", ["!" * 20_000, ".,;:!?" * 3_000, "* " * 10_000, "\u2014" * 9_000])
def test_a_text_of_only_punctuation_is_refused_in_one_sentence(body: str) -> None:
    with pytest.raises(EmptyInputError, match=r"^The file has no words in it, only punctuation"):
        read(body)


def test_a_title_over_a_body_of_only_punctuation_is_refused() -> None:
    with pytest.raises(EmptyInputError, match=r"^I found no article text, only punctuation and"):
        read("A real title\n\n" + "!?" * 10_000)


@pytest.mark.timing
@pytest.mark.parametrize(
    "hostile",
    [
        "!" * 20_000,
        ".,;:!?" * 3_400,
        "&" * 20_000,
        '"' * 20_000,
        "(" * 20_000,
        "a!" * 10_000,
        "!a" * 10_000,
        "https://x.example/" + "a/b?c=d&e=f." * 1_700,
        ("a " + ".,;:!?\"'()[]{}<>" * 2 + " ") * 600,
        ("word" + "?!" * 12 + "a") * 700,
    ],
)
def test_hostile_shapes_tokenise_quickly_once_read(hostile: str, nlp: Language) -> None:
    # Unread, each of these takes spaCy's tokenizer from seconds to minutes.
    article = read(f"Talks resume\n\nKyiv said {hostile} and left.")
    started = time.perf_counter()
    nlp.make_doc(article.text)
    assert time.perf_counter() - started < 1.0
