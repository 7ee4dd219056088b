"""Take the title off an article's blocks, mend broken paragraphs, and render the body text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

from briefings.reading.furniture import ends_sentence
from briefings.reading.markup import Block, BlockKind

# Headlines are short; a longer first line is the article's first paragraph, not its title.
_MAX_TITLE_WORDS = 30
_DERIVED_TITLE_WORDS = 12
_INNER_SENTENCE_END = re.compile("[.!?][\"\u201d\u2019']?\\s+[\"\u201c\u2018']?[A-Z]")


def split_title(blocks: list[Block], *, prefer_heading: bool) -> tuple[str, list[Block]]:
    """The title (first level-1 heading if preferred, else first line) and the remaining blocks."""
    if not blocks:
        return "", []
    if prefer_heading:
        for index, block in enumerate(blocks):
            if block.kind is BlockKind.HEADING and block.level == 1:
                return block.text, blocks[:index] + blocks[index + 1 :]
    first, rest = blocks[0], blocks[1:]
    line = " ".join(first.lines[0].split())
    if len(line.split()) > _MAX_TITLE_WORDS:
        return _derived_title(line), blocks
    remaining = first.lines[1:]
    return line, ([replace(first, lines=remaining)] if remaining else []) + rest


def _derived_title(line: str) -> str:
    """A title made from the opening words of a paragraph."""
    words = line.split()
    return " ".join(words[:_DERIVED_TITLE_WORDS]) + "…"


def drop_repeated_title(title: str, blocks: list[Block]) -> list[Block]:
    """Blocks without a leading copy of the title (web pages repeat it as their first heading)."""
    wanted = title.casefold().split()
    if blocks and blocks[0].text.casefold().split() == wanted:
        return blocks[1:]
    return blocks


@dataclass
class _Joined:
    """A paragraph being joined: its lines, its last part's text, whether a sentence ends in it."""

    block: Block
    lines: list[str]
    last: str
    inner_end: bool

    @classmethod
    def of(cls, block: Block, text: str) -> _Joined:
        """A paragraph of one block, whose text is given."""
        inner_end = _INNER_SENTENCE_END.search(text) is not None
        return cls(block, list(block.lines), text, inner_end)

    def extend(self, block: Block, text: str) -> None:
        """Add the next block's lines; no sentence end can straddle the seam (see _continues)."""
        self.lines.extend(block.lines)
        self.inner_end = self.inner_end or _INNER_SENTENCE_END.search(text) is not None
        self.last = text

    def joined(self) -> Block:
        """The paragraph as one block."""
        if len(self.lines) == len(self.block.lines):
            return self.block
        return Block(tuple(self.lines), self.block.kind, self.block.level)


def join_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    """Rejoin paragraphs split mid-sentence (see _continues), in time linear in the text."""
    joined: list[_Joined] = []
    for block in blocks:
        text = block.text
        if joined and _continues(joined[-1], block, text, first=len(joined) == 1):
            joined[-1].extend(block, text)
        else:
            joined.append(_Joined.of(block, text))
    return [part.joined() for part in joined]


def _continues(previous: _Joined, block: Block, after: str, *, first: bool) -> bool:
    """True when block (its text is after) reads as the rest of the sentence previous leaves open.

    That is so when previous ends without punctuation and block starts in lower case, or
    when previous ends on a bare word after whole sentences. A standfirst (the first block)
    often ends without a full stop, so only the first test applies to it. Only what ends
    previous is read: it ends no sentence, so no sentence end spans the seam of a join.
    """
    kinds = (previous.block.kind, block.kind)
    if kinds != (BlockKind.PARAGRAPH, BlockKind.PARAGRAPH) or ends_sentence(previous.last):
        return False
    if after[:1].islower():
        return True
    if _speaker_label().match(after):
        return False  # "Part One. Opening remarks" then "Name: ..." is a heading, then a turn
    cut_mid_sentence = previous.last[-1:].isalpha() and previous.inner_end
    return not first and cut_mid_sentence and after[:1].isalnum()


@cache
def _speaker_label() -> re.Pattern[str]:
    """A speaker label opening a block: capitalised words and joiners, an aside, a colon
    (the words of briefings/data/speakers.json; extraction/layout.py reads labels on tokens)."""
    text = files("briefings").joinpath("data", "speakers.json").read_text(encoding="utf-8")
    joiners = "|".join(re.escape(w) for w in json.loads(text)["joiners"])
    word = rf"(?:[A-Z][\w'\u2019.-]*|{joiners})"
    return re.compile(rf"{word}(?:,?\s+{word})*(?:\s*\([^()]{{1,60}}\))?:\s")


def render(blocks: list[Block]) -> str:
    """The body text: one paragraph per block, separated by one blank line."""
    return "\n\n".join(text for block in blocks if (text := block.text))
