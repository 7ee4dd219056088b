"""Extract an article's body and metadata from an HTML page with trafilatura."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

import trafilatura

from briefings.errors import EmptyInputError
from briefings.i18n import N_, _
from briefings.reading.furniture import ArticleMeta
from briefings.reading.markup import Block, BlockKind

NO_ARTICLE = N_("No article text found in the HTML page.")
# A page whose longest paragraph is shorter than this is navigation, not an article.
_MIN_PROSE_WORDS = 5
_CONTAINERS = frozenset({"main", "div", "quote", "table", "list"})
_BLOCK_TAGS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "code", "div"})


@dataclass(frozen=True)
class WebPage:
    """What trafilatura found on a page: title, body blocks and metadata."""

    title: str
    blocks: list[Block]
    meta: ArticleMeta


def read_html(html: str) -> WebPage:
    """Extract title, body blocks, byline, outlet and date from an HTML page."""
    doc = _extract(html)
    if doc is None:
        raise EmptyInputError(_(NO_ARTICLE))
    meta = ArticleMeta(
        byline=doc.get("author") or None,
        published=_iso_date(doc.get("date")),
        outlet=doc.get("sitename") or doc.get("hostname") or None,
    )
    title = doc.get("title") or fallback_title(html) or ""
    return WebPage(title=title, blocks=_blocks_of(doc), meta=meta)


def _extract(html: str) -> ET.Element | None:
    """trafilatura's XML document for the page, or None when it holds no prose paragraph."""
    # Precision mode returns nothing for pages of links only, where the default mode
    # returns the links as text.
    xml = trafilatura.extract(
        html,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_formatting=False,
        include_links=False,
        include_images=False,
        favor_precision=True,
    )
    if not xml:
        return None
    doc = ET.fromstring(xml)
    return doc if _has_prose(_blocks_of(doc)) else None


def _has_prose(blocks: list[Block]) -> bool:
    """True when some paragraph is long enough to be article text."""
    return any(
        block.kind is BlockKind.PARAGRAPH and len(block.text.split()) >= _MIN_PROSE_WORDS
        for block in blocks
    )


def _blocks_of(doc: ET.Element) -> list[Block]:
    """The blocks of the <main> element of trafilatura's XML."""
    main = doc.find("main")
    if main is None:
        return []
    for line_break in main.iter("lb"):
        line_break.text = " "
    return list(_walk(main))


def _walk(element: ET.Element) -> list[Block]:
    """Blocks of an element: its block children in turn, or itself as one block."""
    children = [child for child in element if child.tag in _BLOCK_TAGS]
    if element.tag in _CONTAINERS and children:
        return [block for child in children for block in _walk(child)]
    pieces = (_text_of(cell) for cell in element) if element.tag == "row" else [_text_of(element)]
    text = " | ".join(piece for piece in pieces if piece)
    if not text:
        return []
    return [Block((text,), *_kind_of(element))]


def _text_of(element: ET.Element) -> str:
    """All text inside an element, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


def _kind_of(element: ET.Element) -> tuple[BlockKind, int]:
    """Block kind and heading level of a trafilatura XML element."""
    if element.tag == "head":
        rend = element.get("rend", "h2")
        return BlockKind.HEADING, int(rend[1:]) if rend[1:].isdigit() else 2
    if element.tag == "item":
        return BlockKind.ITEM, 0
    return BlockKind.PARAGRAPH, 0


def _iso_date(value: str | None) -> date | None:
    """A date from trafilatura's YYYY-MM-DD, or None."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


class _TitleFinder(HTMLParser):
    """Collects og:title and the <title> element's text."""

    def __init__(self) -> None:
        super().__init__()
        self.og_title: str | None = None
        self.title_parts: list[str] = []
        self._in_title = False
        self._title_seen = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note og:title and the start of <title>."""
        values = dict(attrs)
        if tag == "meta" and values.get("property") == "og:title" and self.og_title is None:
            self.og_title = values.get("content")
        if tag == "title" and not self._title_seen:
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        """Note the end of <title>."""
        if tag == "title" and self._in_title:
            self._in_title, self._title_seen = False, True

    def handle_data(self, data: str) -> None:
        """Collect the text of <title>."""
        if self._in_title:
            self.title_parts.append(data)


def fallback_title(html: str) -> str | None:
    """The page's og:title, else its <title>, when trafilatura found no title."""
    finder = _TitleFinder()
    finder.feed(html)
    finder.close()
    title = finder.og_title or "".join(finder.title_parts)
    return " ".join(title.split()) or None
