"""Render replies: HTML pages for Telegram (each within its message limit), plain text for terminals."""

from __future__ import annotations

import html
import re

from briefings.replies.reply import Line, Reply, Segment, Style

# Telegram's limit on a message's text; measured here on the HTML, which is never shorter.
PAGE_LIMIT = 4096
# Telegram's limit on a photo's caption, counted on the text shown (tags and escapes aside).
CAPTION_LIMIT = 1024
_TAGS = {Style.PLAIN: ("", ""), Style.BOLD: ("<b>", "</b>"), Style.ITALIC: ("<i>", "</i>")}
_PIECES = re.compile(r"\S+\s*|\s+")


def telegram_length(text: str) -> int:
    """A text's length as Telegram counts it: in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def render_segment(segment: Segment) -> str:
    """One segment as escaped HTML in its style's tags."""
    opening, closing = _TAGS[segment.style]
    return f"{opening}{html.escape(segment.text, quote=False)}{closing}" if segment.text else ""


def render_line(line: Line) -> str:
    """One line as HTML."""
    return "".join(render_segment(segment) for segment in line.segments)


def render_text(reply: Reply) -> str:
    """The reply as plain text, as the console prints it."""
    return reply.plain


def render_caption(reply: Reply) -> str:
    """The reply as one HTML caption; its text is cut at the caption limit (the core keeps within it)."""
    lines: list[str] = []
    size = 0
    for line in reply.lines:
        shown = telegram_length(line.plain) + (1 if lines else 0)
        if size + shown > CAPTION_LIMIT:
            break
        lines.append(render_line(line))
        size += shown
    return "\n".join(lines)


def render_pages(reply: Reply, limit: int = PAGE_LIMIT) -> list[str]:
    """The reply as HTML pages, each within the limit, broken between lines and never inside a tag."""
    pages: list[list[str]] = [[]]
    size = 0
    for rendered in (piece for line in reply.lines for piece in _fit_line(line, limit)):
        added = telegram_length(rendered) + (1 if pages[-1] else 0)
        if pages[-1] and size + added > limit:
            pages.append([])
            added = telegram_length(rendered)
            size = 0
        pages[-1].append(rendered)
        size += added
    texts = ["\n".join(page).strip("\n") for page in pages]
    return [text for text in texts if text.strip()] or [""]


def _fit_line(line: Line, limit: int) -> list[str]:
    """A line as HTML, split into several at spaces when it alone is over the limit."""
    rendered = render_line(line)
    if telegram_length(rendered) <= limit:
        return [rendered]
    chunks: list[str] = []
    current = ""
    for segment in line.segments:
        for piece in _pieces(segment, limit // 8):
            if current and telegram_length(current + piece) > limit:
                chunks.append(current)
                current = ""
            current += piece
    return [*chunks, current] if current else chunks


def _pieces(segment: Segment, most: int) -> list[str]:
    """A segment's words as separately tagged HTML pieces, none longer than `most` characters of text."""
    words = _PIECES.findall(segment.text)
    parts = [word[i : i + most] for word in words for i in range(0, len(word), most)]
    return [render_segment(Segment(part, segment.style)) for part in parts]
