"""Property tests (Hypothesis): any bytes, text, Markdown or HTML read as any format either
become a SourceText of visible words or are refused with an InputError in one sentence.

Never another exception, never a format character (bidi controls above all) in what is
kept. Examples are at most a few thousand characters, so the module runs in seconds.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.errors import InputError
from briefings.model import SourceText
from briefings.reading.articles import read_article
from briefings.reading.normalising import FORMAT_CHARACTERS

LIMIT = 64 * 1024
# (source, content type): every way a format is declared, or left to be sniffed.
SOURCES = [
    ("article.txt", None),
    ("article.md", None),
    ("article.html", None),
    ("pasted", None),
    ("https://news.example/story", "text/html; charset=utf-8"),
    ("https://news.example/story", "text/plain"),
    ("https://news.example/story", "text/markdown"),
    ("download", "application/octet-stream"),
]
WORDS = ["Kyiv", "said", "talks", "resume", "the", "ceasefire", "Zelensky", "2024", "By Anna Bond"]
TRICKY = (
    "!?.,;:-_*#[]()<>&\"'“”…—\u00ad\u200b\u200d\u202a\u202e\u2066\u2069\u061c\ufeff\x00\x1b\x85"
)
MARKDOWN = ["# ", "## ", "**", "*", "_", "__", "~~", "`", "[", "](", ")", "![", "> ", "- ", "1. "]
HTML = [
    "<html>", "<head>", "<title>", "</title>", "</head>", "<body>", "<p>", "</p>", "<div>",
    "</div>", "<br>", "<article>", "</article>", "<script>", "</script>", "<!--", "-->",
    "&amp;", "&#x202E;", "&#8238;", "&nbsp;", "&lt;", "<meta property='og:title' content='T'>",
    "<a href='https://x.example/'>", "</a>", "<?xml version='1.0'?>", "<!DOCTYPE html>",
]  # fmt: skip
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(MARKDOWN),
    st.sampled_from(HTML),
    st.text(alphabet=TRICKY, max_size=30),
    st.text(max_size=30),
    st.sampled_from([" ", "\n", "\n\n", "\r\n", "\t"]),
)
SNIPPETS = st.lists(PIECES, max_size=25).map("".join)
# Pages with a title and paragraphs around the pieces, so that some have an article to find.
PAGES = st.builds(
    lambda title, paragraphs: (
        f"<html><head><title>{title}</title></head><body><article>"
        + "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
        + "</article></body></html>"
    ),
    SNIPPETS,
    st.lists(
        st.builds(" ".join, st.lists(st.one_of(SNIPPETS, st.sampled_from(WORDS)))), max_size=8
    ),
)
DOCUMENTS = st.one_of(
    st.text(max_size=2_000),
    st.lists(PIECES, max_size=150).map("".join),
    PAGES,
)
FORMAT_CHARACTER = re.compile(f"[{FORMAT_CHARACTERS}]")
# One sentence: no line break, no sentence end followed by another sentence's start.
ANOTHER_SENTENCE = re.compile(r"[.!?]\s+[A-Z]")


@pytest.fixture(scope="module", autouse=True)
def warm_reader() -> None:
    """Read one page first, so that trafilatura's first-call setup is not in an example."""
    read_article(
        b"<html><head><title>Talks</title></head><body><p>Kyiv said the talks resume.</p></body></html>",
        source="a.html",
        max_bytes=LIMIT,
    )


def check(raw: bytes, source: str, content_type: str | None) -> None:
    """raw reads into a SourceText of visible words, or is refused in one sentence."""
    try:
        article = read_article(raw, source=source, max_bytes=LIMIT, content_type=content_type)
    except InputError as refused:
        message = str(refused)
        assert message.endswith(".") and "\n" not in message, message
        assert ANOTHER_SENTENCE.search(message) is None, message
        return
    assert isinstance(article, SourceText)
    assert article.text.strip() and re.search(r"[^\W_]", article.text)
    kept = " ".join(filter(None, (article.title, article.text, article.byline, article.outlet)))
    assert FORMAT_CHARACTER.search(kept) is None, kept


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=DOCUMENTS, where=st.sampled_from(SOURCES))
def test_any_text_is_read_or_refused_in_one_sentence(
    text: str, where: tuple[str, str | None]
) -> None:
    check(text.encode("utf-8", "surrogatepass"), *where)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=2_000), where=st.sampled_from(SOURCES))
def test_any_bytes_are_read_or_refused_in_one_sentence(
    raw: bytes, where: tuple[str, str | None]
) -> None:
    check(raw, *where)
