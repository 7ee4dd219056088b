"""Read an article from the bytes of a file, a paste or a web page into a SourceText."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from briefings.errors import EmptyInputError, UnsupportedFormatError
from briefings.i18n import _
from briefings.model import SourceText
from briefings.reading.decoding import decode_text
from briefings.reading.files import read_file_bytes
from briefings.reading.furniture import ArticleMeta, strip_furniture
from briefings.reading.markup import Block, looks_like_markdown, parse_markdown, parse_plain
from briefings.reading.normalising import has_words, normalise_blocks, normalise_line
from briefings.reading.paragraphs import (
    drop_repeated_title,
    join_broken_paragraphs,
    render,
    split_title,
)
from briefings.reading.sizes import (
    check_lines,
    check_paragraphs,
    check_size,
    is_web_address,
    said_of,
)
from briefings.reading.webpage import read_html

__all__ = [
    "ARTICLE_SUFFIXES",
    "TextFormat",
    "check_size",
    "format_of",
    "read_article",
    "read_path",
    "sniff_format",
]


class TextFormat(StrEnum):
    """The formats the reader understands."""

    PLAIN = "plain"
    MARKDOWN = "markdown"
    HTML = "html"


_EXTENSIONS = {
    ".txt": TextFormat.PLAIN,
    ".text": TextFormat.PLAIN,
    ".md": TextFormat.MARKDOWN,
    ".markdown": TextFormat.MARKDOWN,
    ".html": TextFormat.HTML,
    ".htm": TextFormat.HTML,
}
# The file name endings of articles, as a folder is searched for them.
ARTICLE_SUFFIXES = frozenset(_EXTENSIONS)
_CONTENT_TYPES = {
    "text/plain": TextFormat.PLAIN,
    "text/markdown": TextFormat.MARKDOWN,
    "text/x-markdown": TextFormat.MARKDOWN,
    "text/html": TextFormat.HTML,
    "application/xhtml+xml": TextFormat.HTML,
}
# Content types that say nothing about the body; the source's name decides instead.
_VAGUE_CONTENT_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_HTML_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)


def read_article(
    raw: bytes, *, source: str, max_bytes: int, content_type: str | None = None
) -> SourceText:
    """Turn the bytes of a file, paste or page body into a SourceText, or raise an InputError."""
    check_size(len(raw), max_bytes, source=source)
    declared = format_of(source, content_type)
    text = decode_text(raw)
    if not has_words(text):
        no_words = said_of(
            source,
            file=_("The file has no words in it, only punctuation and symbols."),
            page=_("The page has no words in it, only punctuation and symbols."),
        )
        raise EmptyInputError(no_words)
    text_format = declared or sniff_format(text)
    if text_format is TextFormat.HTML:
        return _from_html(text, source)
    return _from_text(text, source, markdown=text_format is TextFormat.MARKDOWN)


def read_path(path: Path, *, max_bytes: int) -> SourceText:
    """Read an article file: a regular file of at most max_bytes (see reading/files.py)."""
    raw = read_file_bytes(path, max_bytes=max_bytes)
    return read_article(raw, source=path.name, max_bytes=max_bytes)


def format_of(source: str, content_type: str | None) -> TextFormat | None:
    """The format the content type or the source's extension declares; None if neither does."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type not in _VAGUE_CONTENT_TYPES:
        if media_type not in _CONTENT_TYPES:
            raise UnsupportedFormatError(
                # i18n: {media_type} is a content type such as "application/pdf".
                _(
                    "I cannot read {media_type}; send plain text (.txt), Markdown (.md) "
                    "or HTML (.html)."
                ).format(media_type=media_type)
            )
        return _CONTENT_TYPES[media_type]
    suffix = _suffix(source)
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    # Web addresses end in .php or .aspx as often as in nothing; only files are refused.
    if suffix and not is_web_address(source):
        raise UnsupportedFormatError(
            # i18n: {suffix} is a file name's ending such as ".pdf".
            _(
                "I cannot read {suffix} files; send plain text (.txt), Markdown (.md) "
                "or HTML (.html)."
            ).format(suffix=suffix)
        )
    return None


def sniff_format(text: str) -> TextFormat:
    """HTML when the text starts like an HTML document, else plain text."""
    return TextFormat.HTML if _HTML_START.match(text) else TextFormat.PLAIN


def _suffix(source: str) -> str:
    """The lower-case extension of a file name or of a URL's path."""
    path = urlsplit(source).path if is_web_address(source) else source
    return PurePosixPath(path.replace("\\", "/")).suffix.lower()


def _from_text(text: str, source: str, *, markdown: bool) -> SourceText:
    """A SourceText from plain text or Markdown."""
    check_lines(text, source=source)
    is_markdown = markdown or looks_like_markdown(text)
    blocks = parse_markdown(text) if is_markdown else parse_plain(text)
    title, body = split_title(blocks, prefer_heading=is_markdown)
    return _assemble(title, body, source, ArticleMeta())


def _from_html(html: str, source: str) -> SourceText:
    """A SourceText from an HTML page."""
    page = read_html(html)
    title, body = page.title, drop_repeated_title(page.title, page.blocks)
    if not title:
        title, body = split_title(body, prefer_heading=True)
    return _assemble(title, body, source, page.meta)


def _assemble(title: str, body: list[Block], source: str, known: ArticleMeta) -> SourceText:
    """Normalise the body, strip its furniture and build the SourceText, preferring known meta."""
    check_paragraphs(len(body), source=source)
    blocks, found = strip_furniture(normalise_blocks(body))
    text = render(join_broken_paragraphs(blocks))
    if not text:
        raise EmptyInputError(_("I found a title but no article text."))
    if not has_words(text):
        raise EmptyInputError(_("I found no article text, only punctuation and symbols."))
    return SourceText(
        title=normalise_line(title).strip() or source,
        text=text,
        source=source,
        outlet=_normalised(known.outlet or found.outlet),
        byline=_normalised(known.byline or found.byline),
        published=known.published or found.published,
    )


def _normalised(field: str | None) -> str | None:
    """A metadata field normalised as a line of text; None when nothing is left."""
    return (normalise_line(field).strip() or None) if field else None
