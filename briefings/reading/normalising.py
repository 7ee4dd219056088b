"""Normalise article text: one form for characters and line breaks, and bounded runs of symbols.

Two steps, both on every input's way to a SourceText (`articles.read_article`):

- `normalise_characters`, on the decoded text before it is parsed: \\n for every line break,
  NFC, no control characters, no invisible format characters (Unicode Cf: bidi embeddings,
  overrides, isolates and marks, zero-width spaces and joiners, soft hyphens, tags), which
  could make displayed text read in another order than it is stored; at most one blank line
  in a row.
- `normalise_line`, on each line of the article's title and body once Markdown or HTML is
  parsed (before, it would cut a long link inside Markdown syntax): the format characters
  again (an HTML entity can spell one), and bounds on what spaCy's tokenizer cannot take.
  The tokenizer strips a token's leading and trailing punctuation one character at a time,
  copying the rest each time, so a token of n punctuation characters costs n² (5,000 "!"
  took 2.8 s to tokenise, 20,000 about a minute). So a run of one punctuation or symbol
  character longer than three becomes three ("!!!!!!" → "!!!"; "..." and "---" stay), a
  stretch of more than 24 punctuation and symbol characters (spaces between them allowed,
  no letter or digit) is cut to its first 8 characters (a separator line "=-=-=-=-=-=-…"
  becomes "=-=-=-=-"), and a token without whitespace longer than 256 characters (a long
  link can reach 200) is cut to 256 and ends in "…".

The stored text, its hash and every character offset refer to the normalised text.
"""

from __future__ import annotations

import re
import unicodedata

from briefings.reading.markup import Block

# Unicode's format characters (category Cf, as of Unicode 15.1): invisible, and some of them
# reorder the display of the text around them. tests/briefings/reading checks this list
# against the running Python's Unicode database.
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
# C0 and C1 control characters other than tab and the line breaks (made \n before this runs).
_CONTROLS = "\x00-\x08\x0b\x0e-\x1f\x7f-\x84\x86-\x9f"
_INVISIBLE = re.compile(f"[{FORMAT_CHARACTERS}]+")
_INVISIBLE_OR_CONTROL = re.compile(f"[{FORMAT_CHARACTERS}{_CONTROLS}]+")
_LINE_BREAKS = re.compile("\r\n?|[\f\x85\u2028]")
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n){2,}")

MAX_REPEAT = 3
MAX_SYMBOLS = 24
KEPT_OF_SYMBOLS = 8
MAX_TOKEN = 256
# A punctuation or symbol character: neither a word character nor whitespace, or "_".
_SYMBOL = r"(?:[^\w\s]|_)"
_REPEATED = re.compile(rf"({_SYMBOL})\1{{{MAX_REPEAT},}}")
_SYMBOL_STRETCH = re.compile(rf"{_SYMBOL}(?:[^\S\n]*{_SYMBOL}){{{MAX_SYMBOLS},}}")
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN + 1},}}")
_WORD_CHARACTER = re.compile(r"[^\W_]")


def normalise_characters(text: str) -> str:
    """\\n line breaks, NFC, no control or format characters, at most one blank line in a row."""
    unified = _LINE_BREAKS.sub("\n", text).replace("\u2029", "\n\n")
    composed = unicodedata.normalize("NFC", _INVISIBLE_OR_CONTROL.sub("", unified))
    return _BLANK_LINES.sub("\n\n", composed)


def normalise_line(line: str) -> str:
    """One line of title or body without format characters, its symbol runs and tokens bounded."""
    visible = _INVISIBLE.sub("", line)
    if len(visible) <= MAX_REPEAT:
        return visible
    shortened = _REPEATED.sub(lambda run: run.group(1) * MAX_REPEAT, visible)
    shortened = _SYMBOL_STRETCH.sub(_first_symbols, shortened)
    return _LONG_TOKEN.sub(lambda token: token.group()[:MAX_TOKEN] + "\u2026", shortened)


def _first_symbols(stretch: re.Match[str]) -> str:
    """The first few characters of a long stretch of symbols."""
    return stretch.group()[:KEPT_OF_SYMBOLS].rstrip()


def has_words(text: str) -> bool:
    """True when the text has a letter or a digit, not only punctuation and symbols."""
    return _WORD_CHARACTER.search(text) is not None


def normalise_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks with every line normalised, dropping lines and blocks left empty."""
    normalised: list[Block] = []
    for block in blocks:
        lines = tuple(kept for line in block.lines if (kept := normalise_line(line).strip()))
        if lines == block.lines:
            normalised.append(block)
        elif lines:
            normalised.append(Block(lines, block.kind, block.level))
    return normalised
