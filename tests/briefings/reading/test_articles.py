"""Tests for briefings.reading.articles: files, pastes and pages into SourceText."""

from __future__ import annotations

import codecs
import os
from datetime import date
from pathlib import Path

import pytest
from reading_builders import LIMIT, MIB, paragraphs, read

from briefings.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    UnsupportedFormatError,
)
from briefings.i18n import UKRAINIAN, use_language
from briefings.reading.articles import TextFormat, format_of, read_article, read_path, sniff_format

# --- size, emptiness, binary ---------------------------------------------------------------


def test_over_the_limit_is_refused_before_decoding() -> None:
    with pytest.raises(InputTooLargeError, match=r"^The file is 20\.0 MB; the limit is 2\.0 MB\.$"):
        read_article(b"\x00" * (20 * MIB), source="big.pdf", max_bytes=LIMIT)


def test_small_limits_are_shown_in_kilobytes() -> None:
    with pytest.raises(
        InputTooLargeError, match=r"^The page is 1\.5 KB; the limit is 512 bytes\.$"
    ):
        read_article(b"a" * 1536, source="https://news.example/a", max_bytes=512)


def test_read_path_refuses_a_20_mb_file_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(20 * MIB)

    def no_reading(descriptor: int, count: int) -> bytes:
        raise AssertionError("read the file")

    monkeypatch.setattr(os, "read", no_reading)
    with pytest.raises(InputTooLargeError, match=r"20\.0 MB; the limit is 2\.0 MB"):
        read_path(big, max_bytes=LIMIT)


@pytest.mark.parametrize("raw", [b"", b" \n\t \r\n"])
def test_empty_and_whitespace_files_are_refused(raw: bytes) -> None:
    with pytest.raises(EmptyInputError):
        read_article(raw, source="empty.txt", max_bytes=LIMIT)


def test_a_png_with_a_txt_name_is_refused_as_binary() -> None:
    with pytest.raises(BinaryInputError, match="PNG"):
        read_article(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", source="photo.txt", max_bytes=LIMIT)


def test_random_bytes_with_nuls_are_refused() -> None:
    raw = os.urandom(4096) + b"\x00"
    with pytest.raises(BinaryInputError):
        read_article(raw, source="paste", max_bytes=LIMIT)


# --- formats ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["report.pdf", "memo.docx", "photo.png", "data.csv"])
def test_unsupported_extensions_are_refused_naming_what_works(name: str) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"\.txt.*\.md.*\.html"):
        read_article(b"text", source=name, max_bytes=LIMIT)


def test_unsupported_content_type_is_refused() -> None:
    with pytest.raises(UnsupportedFormatError, match="application/pdf"):
        read_article(
            b"%PDF-1.7",
            source="https://x.example/a",
            max_bytes=LIMIT,
            content_type="application/pdf",
        )


@pytest.mark.parametrize(
    ("source", "content_type", "expected"),
    [
        ("a.txt", None, TextFormat.PLAIN),
        ("a.MD", None, TextFormat.MARKDOWN),
        ("a.markdown", None, TextFormat.MARKDOWN),
        ("a.htm", None, TextFormat.HTML),
        ("https://x.example/story.html?id=1", None, TextFormat.HTML),
        ("https://x.example/story.php", None, None),
        ("https://x.example/story", "text/html; charset=utf-8", TextFormat.HTML),
        ("a.txt", "text/markdown", TextFormat.MARKDOWN),
        ("a.html", "application/octet-stream", TextFormat.HTML),
        ("paste", None, None),
    ],
)
def test_format_of(source: str, content_type: str | None, expected: TextFormat | None) -> None:
    assert format_of(source, content_type) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body></body></html>", TextFormat.HTML),
        ("\n  <html lang='en'><body></body></html>", TextFormat.HTML),
        ("<!-- saved --><!doctype HTML>", TextFormat.HTML),
        ('<?xml version="1.0" encoding="utf-8"?>\n<html>', TextFormat.HTML),
        ("Title\n\n<html> is a tag.", TextFormat.PLAIN),
    ],
)
def test_sniff_format(text: str, expected: TextFormat) -> None:
    assert sniff_format(text) is expected


def test_a_paste_that_starts_like_html_is_read_as_html() -> None:
    html = (
        "<!doctype html><html><head><title>Bridge to reopen</title></head><body><article>"
        "<p>The mayor said on Monday that the bridge would reopen in March.</p></article></body>"
        "</html>"
    )
    article = read(html, source="paste")
    assert (article.title, article.text) == (
        "Bridge to reopen",
        "The mayor said on Monday that the bridge would reopen in March.",
    )


@pytest.mark.parametrize(
    "body",
    [
        "",
        "<nav><ul><li><a href='/w'>World</a></li><li><a href='/b'>Business</a></li></ul></nav>",
    ],
)
def test_html_without_an_article_is_refused(body: str) -> None:
    html = f"<!DOCTYPE html><html><head><title>Home</title></head><body>{body}</body></html>"
    with pytest.raises(EmptyInputError, match=r"^No article text found in the HTML page\.$"):
        read(html, source="https://news.example/", content_type="text/html")


# --- encodings -------------------------------------------------------------------------------

CURLY = "Kyiv\u2019s \u201cred lines\u201d \u2013 caf\u00e9 talk.\n\nThe envoy\u2019s trip is off."


@pytest.mark.parametrize(
    "raw",
    [
        CURLY.encode("cp1252"),
        codecs.BOM_UTF8 + CURLY.encode(),
        codecs.BOM_UTF16_LE + CURLY.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + CURLY.encode("utf-16-be"),
        CURLY.replace("\n", "\r\n").encode(),
    ],
)
def test_encodings_and_newlines_are_normalised(raw: bytes) -> None:
    article = read_article(raw, source="a.txt", max_bytes=LIMIT)
    assert article.title == "Kyiv\u2019s \u201cred lines\u201d \u2013 caf\u00e9 talk."
    assert article.text == "The envoy\u2019s trip is off."


# --- plain text ------------------------------------------------------------------------------


def test_plain_text_title_is_the_first_line_and_the_rest_is_body() -> None:
    article = read("\n\nHeadline here\n\nFirst paragraph.\n\nSecond paragraph.\n")
    assert article.title == "Headline here"
    assert paragraphs(article) == ["First paragraph.", "Second paragraph."]


def test_plain_text_byline_date_and_furniture_lines_are_removed() -> None:
    text = (
        "Headline\n\nBy Eurowire staff\n\nDecember 08, 2024\n\n4 min read\n\n"
        "KYIV, Dec 8 - The talks began.\n\nafter newsletter promotion\n\nThey ended."
    )
    article = read(text)
    assert (article.byline, article.published) == ("Eurowire staff", date(2024, 12, 8))
    assert paragraphs(article) == ["KYIV, Dec 8 - The talks began.", "They ended."]


def test_a_title_only_file_has_no_article_text() -> None:
    with pytest.raises(EmptyInputError):
        read("Just a headline\n\n4 min read\n")


# --- markdown --------------------------------------------------------------------------------


def test_markdown_is_cleaned_and_keeps_paragraph_structure() -> None:
    text = (
        "# The **Title**\n\n**By the desk** \u00b7 20 December 2024 \u00b7 9 min read\n\n"
        "> A standfirst.\n\n---\n\nFirst *para* with [a link](https://x.example).\n\n"
        "## A subhead\n\n- an item\n\n![img](a.png)\n\nLast _para_."
    )
    article = read(text, source="a.md")
    assert article.title == "The Title"
    assert (article.byline, article.published) == ("the desk", date(2024, 12, 20))
    assert paragraphs(article) == [
        "A standfirst.",
        "First para with a link.",
        "A subhead",
        "an item",
        "Last para.",
    ]


def test_txt_with_markdown_markers_is_cleaned_as_markdown() -> None:
    text = (
        "# Title\n\nBy [AFP](#)\n\nZelensky said on social\n\nmedia.\n\n"
        "Original url:\n\n<https://www.themoscowtimes.com/a>"
    )
    article = read(text)
    assert (article.title, article.byline, article.outlet) == ("Title", "AFP", "themoscowtimes.com")
    assert article.text == "Zelensky said on social media."


def test_output_text_has_single_blank_lines_and_no_outer_whitespace() -> None:
    article = read("Title\n\n\n\n  One.  \n\n\n\nTwo.\n\n\n")
    assert article.text == "One.\n\nTwo."


# --- read_path -------------------------------------------------------------------------------


def test_read_path_uses_the_file_name_as_source(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("# Title\n\nBody text.", encoding="utf-8")
    article = read_path(path, max_bytes=LIMIT)
    assert (article.source, article.title, article.text) == ("story.md", "Title", "Body text.")


def test_read_path_on_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^There is no file named nope\.txt\.$"):
        read_path(tmp_path / "nope.txt", max_bytes=LIMIT)


def test_read_path_on_a_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read_path(tmp_path, max_bytes=LIMIT)


# --- languages -------------------------------------------------------------------------------


def refusal(raw: bytes, source: str, content_type: str | None = None) -> str:
    """The sentence read_article refuses raw from source with."""
    with pytest.raises(InputError) as refused:
        read_article(raw, source=source, max_bytes=LIMIT, content_type=content_type)
    return str(refused.value)


def test_refusals_are_said_in_ukrainian_under_ukrainian() -> None:
    with use_language(UKRAINIAN):
        said = [
            refusal(b"Just a title\n", "story.txt"),
            refusal(b"!!! ... ???", "https://news.example/a"),
            refusal(b"text", "memo.docx"),
            refusal(b"text", "https://news.example/a", "application/pdf"),
        ]
    assert said == [
        "Є заголовок, але немає тексту статті.",
        "На сторінці немає слів — лише розділові знаки й символи.",
        "Не можу прочитати файли .docx; надішліть звичайний текст (.txt), Markdown (.md) або "
        "HTML (.html).",
        "Не можу прочитати application/pdf; надішліть звичайний текст (.txt), Markdown (.md) "
        "або HTML (.html).",
    ]
    assert refusal(b"Just a title\n", "story.txt") == "I found a title but no article text."
