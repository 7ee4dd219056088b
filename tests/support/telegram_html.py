"""Telegram's HTML parse mode for the test fakes: the plain text and entities it stores.

`render_text` gives what Telegram keeps of a sent text: HTML tags become entities (offsets
in UTF-16 code units), whitespace around the message is stripped, and tags Telegram does
not know are refused with its wording ("Unsupported start tag ...").
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

JSONDict = dict[str, Any]


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}


def _entity_for(tag: str, attrs: dict[str, str | None]) -> JSONDict | None:
    if tag == "a" and attrs.get("href"):
        return {"type": "text_link", "url": attrs["href"]}
    if tag == "span" and attrs.get("class") == "tg-spoiler":
        return {"type": "spoiler"}
    if tag == "blockquote" and "expandable" in attrs:
        return {"type": "expandable_blockquote"}
    if tag == "tg-emoji" and attrs.get("emoji-id"):
        return {"type": "custom_emoji", "custom_emoji_id": attrs["emoji-id"]}
    kind = _SIMPLE_TAGS.get(tag)
    return {"type": kind} if kind else None


class _TelegramHtml(HTMLParser):
    """Telegram's HTML parse mode: plain text plus entities; other tags are errors."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.parts: list[str] = []
        self.length = 0
        self.open: list[tuple[str, JSONDict | None]] = []
        self.entities: list[JSONDict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        language = (attributes.get("class") or "").removeprefix("language-")
        if tag == "code" and self.open and self.open[-1][0] == "pre" and language:
            # Telegram folds <pre><code class="language-x"> into one pre entity with a language.
            pre = self.open[-1][1]
            if pre is not None:
                pre["language"] = language
            self.open.append((tag, None))
            return
        entity = _entity_for(tag, attributes)
        if entity is None:
            raise ValueError(f'Unsupported start tag "{tag}" at byte offset {self._offset()}')
        self.open.append((tag, {**entity, "offset": self.length}))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1][0] != tag:
            expected = f'"</{self.open[-1][0]}>"' if self.open else "no end tag"
            raise ValueError(
                f'Unmatched end tag at byte offset {self._offset()}, expected {expected}, found "</{tag}>"'
            )
        _, entity = self.open.pop()
        if entity is not None and self.length > entity["offset"]:
            self.entities.append({**entity, "length": self.length - entity["offset"]})

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.length += utf16_len(data)

    def _offset(self) -> int:
        line, column = self.getpos()
        before = "\n".join(self.source.split("\n")[: line - 1])
        chars = len(before) + (1 if line > 1 else 0) + column
        return len(self.source[:chars].encode())


def parse_html(source: str) -> tuple[str, list[JSONDict]]:
    """Text and entities Telegram makes of an HTML message; ValueError as Telegram would refuse."""
    parser = _TelegramHtml(source)
    parser.feed(source)
    parser.close()
    if parser.open:
        raise ValueError(f'Can\'t find end tag corresponding to start tag "{parser.open[-1][0]}"')
    entities = sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
    return "".join(parser.parts), entities


def _trim(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    # Telegram strips whitespace around a message, so entities shift and clip with it.
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    stripped = text.strip()
    end = lead + utf16_len(stripped)
    kept = []
    for entity in entities:
        start, stop = max(entity["offset"], lead), min(entity["offset"] + entity["length"], end)
        if stop > start:
            kept.append({**entity, "offset": start - lead, "length": stop - start})
    return stripped, kept


def render_text(
    text: str, parse_mode: str | None, entities: list[JSONDict] | None = None
) -> tuple[str, list[JSONDict]]:
    """The text and entities Telegram stores for a sent text; Markdown modes are left as sent."""
    if parse_mode and parse_mode.upper() == "HTML":
        return _trim(*parse_html(text))
    return _trim(text, list(entities or []))
