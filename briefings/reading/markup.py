"""Split plain text or Markdown into blocks (paragraphs, headings, list items) of clean text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum


class BlockKind(StrEnum):
    """What a block of article text is."""

    PARAGRAPH = "paragraph"
    HEADING = "heading"
    ITEM = "item"


@dataclass(frozen=True)
class Block:
    """One paragraph, heading or list item, as the source lines it was written on."""

    lines: tuple[str, ...]
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0

    @property
    def text(self) -> str:
        """The block's lines joined into one line with single spaces."""
        return " ".join(" ".join(self.lines).split())


# The closing hashes are taken off in _heading_text: a lazy (.*?) before them here would try
# them at every space of the line, each time across the spaces that follow (quadratic).
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+(?=\S)")
_FENCE = re.compile(r"^\s*(?:```|~~~)")
_BOLD_LINE = re.compile(r"\s*(\*\*|__)[^*_]+\1\s*")
# A wrapped line fills most of the width; a line under this share of the widest one is not wrapped.
_WRAP_SHARE = 0.6
_MAX_HEADLINE_WORDS = 12
_PROSE_END = re.compile("[.!?:;,\u2026][\"'\u201d\u2019)\\]]*$")

_MARKDOWN_SIGNS = re.compile(
    r"^\s{0,3}#{1,6}\s+\S|\[[^\[\]\n]+\]\((?:[^()\n]|\([^()\n]*\))*\)|\*\*[^*\n]+\*\*"
    r"|^\s{0,3}(?:-{3,}|\*{3,})\s*$",
    re.MULTILINE,
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Each span stops at the next place its own opening could start again (a bracket, a
# delimiter), so a line full of openings that never close is read in linear time, not
# scanned to its end from every one of them.
_DESTINATION = r"\((?:[^()]|\([^()]*\))*\)"  # one level of parentheses: .../Minsk_(city)
_INLINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"!\[[^\[\]]*\]{_DESTINATION}"), ""),
    (re.compile(rf"\[([^\[\]]*)\]{_DESTINATION}"), r"\1"),
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^<>\s]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^<>]*>"), ""),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"\*(?=\S)((?:[^*]|\*(?!\S))+?)(?<=\S)\*"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)((?:[^_]|_(?!\S)|(?<=\w)_)+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)((?:(?!~~).)+?)(?<=\S)~~"), r"\1"),
)
_PRIVATE_USE = 0xE000


def looks_like_markdown(text: str) -> bool:
    """True when the text carries Markdown headings, links, bold or rules."""
    return _MARKDOWN_SIGNS.search(text) is not None


def clean_inline(line: str) -> str:
    """Remove Markdown inline syntax (links, images, emphasis, code), keeping the words."""
    protected = _ESCAPE.sub(lambda m: chr(_PRIVATE_USE + ord(m.group(1))), line)
    for pattern, replacement in _INLINE_RULES:
        protected = pattern.sub(replacement, protected)
    return "".join(_unprotect(char) for char in protected)


def _unprotect(char: str) -> str:
    """Turn a protected escaped character back into itself."""
    code = ord(char) - _PRIVATE_USE
    return chr(code) if 0 <= code < 128 else char


def parse_plain(text: str) -> list[Block]:
    """Blocks of plain text: one per blank-line paragraph, or one per line if there are none."""
    lines = text.split("\n")
    content = [line.strip() for line in lines if line.strip()]
    if len(content) > 1 and not _has_blank_between(lines):
        return [block for line in content for block in _split_group([line])]
    return [block for group in _paragraph_groups(lines) for block in _split_group(group)]


def _split_group(group: list[str]) -> Iterator[Block]:
    """Blocks of one run of lines: wrapped lines join, but a list item, or the line after a
    short line that ends no sentence (a headline, a timestamp, a label), starts a new block."""
    widest = max(len(line) for line in group)
    current: list[str] = []
    kind = BlockKind.PARAGRAPH
    for line in group:
        item = _ITEM.match(line)
        if current and (item or _stands_alone(current[-1], widest)):
            yield Block(tuple(current), kind)
            current, kind = [], BlockKind.PARAGRAPH
        if item:
            line, kind = line[item.end() :], BlockKind.ITEM
        current.append(line)
    yield Block(tuple(current), kind)


def _stands_alone(line: str, widest: int) -> bool:
    """True for a line too short to be wrapped that ends no sentence: "19:47 CEST", "Key events"."""
    short = len(line) < _WRAP_SHARE * widest and len(line.split()) <= _MAX_HEADLINE_WORDS
    return short and _PROSE_END.search(line) is None


def _has_blank_between(lines: list[str]) -> bool:
    """True when some blank line separates two non-blank lines."""
    return "\n\n" in "\n".join(line.strip() for line in lines).strip()


def _paragraph_groups(lines: list[str]) -> Iterator[list[str]]:
    """Runs of non-blank lines, stripped."""
    group: list[str] = []
    for line in lines:
        if line.strip():
            group.append(line.strip())
        elif group:
            yield group
            group = []
    if group:
        yield group


def parse_markdown(text: str) -> list[Block]:
    """Blocks of a Markdown text, with its block and inline syntax removed."""
    builder = _MarkdownBlocks()
    for line in text.split("\n"):
        builder.feed(line)
    builder.flush()
    return builder.blocks


def _heading_text(text: str) -> str:
    """A heading's text without trailing spaces and closing hashes ("Talks ##" gives "Talks")."""
    text = text.rstrip()
    unclosed = text.rstrip("#")
    return unclosed.rstrip() if unclosed[-1:].isspace() else text


class _MarkdownBlocks:
    """Line-by-line state for parse_markdown: the open block and the finished ones."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.lines: list[str] = []
        self.kind = BlockKind.PARAGRAPH
        self.quoted = False

    def feed(self, line: str) -> None:
        """Take one source line."""
        if _SETEXT.match(line) and self.lines and self.kind is BlockKind.PARAGRAPH:
            self.kind = BlockKind.HEADING
            self.flush(level=1 if "=" in line else 2)
        elif not line.strip() or _RULE.match(line) or _FENCE.match(line) or _SETEXT.match(line):
            self.flush()
        elif heading := _HEADING.match(line):
            self.flush()
            text = _heading_text(heading.group(2))
            self._add(Block((text,), BlockKind.HEADING, len(heading.group(1))))
        elif quote := _QUOTE.match(line):
            self._continue(line[quote.end() :], quoted=True)
        elif item := _ITEM.match(line):
            self.flush()
            self.kind = BlockKind.ITEM
            self.lines.append(line[item.end() :])
        else:
            self._continue(line, quoted=False)

    def _continue(self, line: str, *, quoted: bool) -> None:
        """Add a line to the open block, starting a new one when quoting starts or stops."""
        if quoted != self.quoted and self.kind is BlockKind.PARAGRAPH:
            self.flush()
        self.quoted = quoted
        self.lines.append(line)

    def flush(self, level: int = 0) -> None:
        """Close the open block, if any."""
        if self.lines:
            kind, level = self._kind_of_open(level)
            self._add(Block(tuple(self.lines), kind, level))
        self.lines, self.kind, self.quoted = [], BlockKind.PARAGRAPH, False

    def _kind_of_open(self, level: int) -> tuple[BlockKind, int]:
        """A one-line paragraph written wholly in bold is a subheading."""
        one_line = self.kind is BlockKind.PARAGRAPH and len(self.lines) == 1
        if one_line and _BOLD_LINE.fullmatch(self.lines[0]):
            return BlockKind.HEADING, 4
        return self.kind, level

    def _add(self, block: Block) -> None:
        """Append a block with its inline syntax removed, dropping lines that become empty."""
        lines = tuple(cleaned for line in block.lines if (cleaned := clean_inline(line).strip()))
        if lines:
            self.blocks.append(Block(lines, block.kind, block.level))
