"""Tests for briefings.reading.webpage: HTML pages through trafilatura."""

from __future__ import annotations

from datetime import date

import pytest

from briefings.errors import EmptyInputError
from briefings.i18n import UKRAINIAN, use_language
from briefings.reading.markup import BlockKind
from briefings.reading.webpage import fallback_title, read_html

PROSE = "The mayor said on Monday that the bridge over the river would reopen in March."


def page(body: str, head: str = "<title>Bridge to reopen | Daily Example</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_paragraphs_headings_items_and_tables_become_blocks() -> None:
    html = page(
        f"<article><h1>Bridge to reopen</h1><p>{PROSE}</p><h2>Costs</h2>"
        "<ul><li>Repairs: 2 million</li><li>Delay: 3 months</li></ul>"
        "<table><tr><td>Year</td><td>Cost</td></tr></table>"
        "<p>Residents said the delay<br>had cost them business.</p></article>"
    )
    found = read_html(html)
    assert found.title == "Bridge to reopen"
    assert [(b.text, b.kind) for b in found.blocks] == [
        ("Bridge to reopen", BlockKind.HEADING),
        (PROSE, BlockKind.PARAGRAPH),
        ("Costs", BlockKind.HEADING),
        ("Repairs: 2 million", BlockKind.ITEM),
        ("Delay: 3 months", BlockKind.ITEM),
        ("Year | Cost", BlockKind.PARAGRAPH),
        ("Residents said the delay had cost them business.", BlockKind.PARAGRAPH),
    ]


def test_metadata_comes_from_meta_tags() -> None:
    head = (
        '<title>Bridge | Daily Example</title><meta name="author" content="Jo Bloggs">'
        '<meta property="og:site_name" content="Daily Example">'
        '<meta property="article:published_time" content="2024-12-19T09:05:00Z">'
    )
    meta = read_html(page(f"<article><p>{PROSE}</p></article>", head)).meta
    assert (meta.byline, meta.outlet, meta.published) == (
        "Jo Bloggs",
        "Daily Example",
        date(2024, 12, 19),
    )


@pytest.mark.parametrize(
    "body",
    [
        "",
        "<nav><ul><li><a href='/a'>World</a></li><li><a href='/b'>Business</a></li></ul></nav>",
        "<header><nav><a href='/a'>World</a> <a href='/b'>Opinion</a></nav></header>"
        "<footer><p>(c) 2024 Media Ltd</p></footer>",
        "<div class='menu'><ul><li><a href='/a'>Baltic cable damage: 5 things we know so far</a>"
        "</li><li><a href='/b'>Rouble slides past 100 to the dollar as sanctions bite</a></li>"
        "</ul></div>",
    ],
)
def test_a_page_without_article_text_is_refused(body: str) -> None:
    with pytest.raises(EmptyInputError, match=r"^No article text found in the HTML page\.$"):
        read_html(page(body))


def test_fallback_title_prefers_og_title() -> None:
    head = '<title>Page | Site</title><meta property="og:title" content="The &amp; story">'
    assert fallback_title(page("", head)) == "The & story"
    assert fallback_title(page("", "<title>\n  Only  title </title>")) == "Only title"
    assert fallback_title("<p>no head</p>") is None


def test_a_short_article_is_read() -> None:
    found = read_html(page("<article><p>Kyiv said no to the plan.</p></article>"))
    assert [b.text for b in found.blocks] == ["Kyiv said no to the plan."]


def test_text_straight_in_the_body_is_read() -> None:
    found = read_html(page(f"{PROSE}<br><br>Residents welcomed the news on Tuesday."))
    assert [b.text for b in found.blocks] == [f"{PROSE} Residents welcomed the news on Tuesday."]


def test_a_page_without_article_text_is_refused_in_ukrainian_under_ukrainian() -> None:
    with use_language(UKRAINIAN), pytest.raises(EmptyInputError) as refused:
        read_html(page(""))
    assert str(refused.value) == "На HTML-сторінці не знайдено тексту статті."
