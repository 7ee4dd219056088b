"""Find bylines, dates and source links in an article's blocks, and strip page furniture."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from typing import cast
from urllib.parse import urlsplit

from briefings.reading.markup import Block, BlockKind

# Bylines sit with the title, standfirst and dateline, never deep in the body.
_HEAD_BLOCKS = 6
_MAX_BYLINE_WORDS = 8
_MAX_CAPTION_WORDS = 40
_SEPARATORS = re.compile(r"\s+[·•|]\s+")
_DASH = re.compile(r"\s+[\u2014\u2013]\s+")
# Bare names ("Anna Kovalenko, Petro Bondar") are a byline only beside a date on one head line.
_NAME = r"[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]+){1,3}"
_NAMES = re.compile(rf"{_NAME}(?:(?:,\s+|\s+and\s+){_NAME})*")
_URL_ONLY = re.compile(r"<?(https?://[^\s<>]+)>?")
_SENTENCE_END = (".", "!", "?", '"', "\u201d", "'", "\u2019", ":", "\u2026")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_CLOCK = re.compile(
    r"(?:,?\s+(?:at\s+)?\d{1,2}[.:]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)$", re.IGNORECASE
)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
# A date line, once weekday, clock, ordinals and full stops are gone: "December 8, 2024",
# "8 Dec 2024", "8 December, 2024" or "2024-12-08". Read with one regex, not by trying nine
# strptime formats in turn, each raising on a miss: tried on every line, they made most of
# the half minute that 190,000 short lines took to read. A line without four digits in a
# row is no date, and is not even cleaned.
_YEAR = re.compile(r"\d{4}")
_DATE = re.compile(
    r"(?P<month>[^\W\d_]+)\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})"
    r"|(?P<day_first>\d{1,2})\s+(?P<month_second>[^\W\d_]+),?\s+(?P<year_last>\d{4})"
    r"|(?P<iso_year>\d{4})-(?P<iso_month>\d{1,2})-(?P<iso_day>\d{1,2})"
)
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTHS = {
    name: number
    for number, month in enumerate(_MONTH_NAMES, start=1)
    for name in (month, month[:3])
} | {"sept": 9}
_MAX_DATE_CHARS = 80


@dataclass
class ArticleMeta:
    """What the page furniture says about an article."""

    byline: str | None = None
    published: date | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class _Rules:
    """The furniture data, compiled."""

    furniture: re.Pattern[str]
    source_label: re.Pattern[str]
    byline: re.Pattern[str]
    credit_only: re.Pattern[str]
    credit_tail: re.Pattern[str]
    date_prefix: re.Pattern[str]


def _alternatives(words: list[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@cache
def _rules() -> _Rules:
    """Load briefings/data/furniture.json once."""
    text = files("briefings").joinpath("data", "furniture.json").read_text(encoding="utf-8")
    data = cast(dict[str, list[str]], json.loads(text))
    labels = _alternatives(data["credit_labels"])
    # A credit names people and agencies; a full stop may only follow an initial.
    credit = rf"(?:{labels})(?:\s+by)?\s*:\s*(?:[^.!?:\n]|(?<=\b[A-Z])\.){{1,80}}"
    return _Rules(
        furniture=re.compile("|".join(f"(?:{p})" for p in data["furniture"]), re.IGNORECASE),
        source_label=re.compile(
            rf"(?:{_alternatives(data['source_labels'])})\s*:?\s*(?:{_URL_ONLY.pattern})?",
            re.IGNORECASE,
        ),
        byline=re.compile(rf"(?:{_alternatives(data['byline_prefixes'])})\s+(.+)", re.IGNORECASE),
        credit_only=re.compile(credit, re.IGNORECASE),
        credit_tail=re.compile(rf"(?:^|\s){credit}$", re.IGNORECASE),
        date_prefix=re.compile(
            rf"^(?:{_alternatives(data['date_prefixes'])})(?:\s+on)?\s*:?\s+", re.IGNORECASE
        ),
    )


def parse_date(text: str) -> date | None:
    """The date a line consisting only of a date gives ("December 08, 2024", "Thu 19 Dec 2024")."""
    if len(text) > _MAX_DATE_CHARS or _YEAR.search(text) is None:
        return None
    cleaned = _rules().date_prefix.sub("", text.strip())
    cleaned = _CLOCK.sub("", _WEEKDAY.sub("", cleaned))
    found = _DATE.fullmatch(_ORDINAL.sub("", cleaned.replace(".", "")))
    return _date_of(found) if found else None


def _date_of(found: re.Match[str]) -> date | None:
    """The date a match of _DATE spells, or None for a month or day that does not exist."""
    if found["iso_year"]:
        year, month, day = found["iso_year"], found["iso_month"], found["iso_day"]
    else:
        year, day = found["year"] or found["year_last"], found["day"] or found["day_first"]
        month = str(_MONTHS.get((found["month"] or found["month_second"]).lower(), 0))
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_byline(text: str) -> str | None:
    """The name in a byline line ("By Eurowire staff" gives "Eurowire staff")."""
    match = _rules().byline.fullmatch(text.strip())
    if match is None:
        return None
    name = match.group(1).strip()
    looks_like_prose = re.search(r"[!?;:,]|[^\sA-Z]\.", name) is not None
    return None if looks_like_prose or len(name.split()) > _MAX_BYLINE_WORDS else name


def host_of(url: str) -> str | None:
    """The host of a URL without its www. prefix."""
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def strip_furniture(blocks: list[Block]) -> tuple[list[Block], ArticleMeta]:
    """Remove furniture lines and captions, returning what bylines, dates and links said."""
    scanner = _Scanner()
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        in_head = index < _HEAD_BLOCKS
        lines = tuple(line for line in block.lines if not scanner.absorb(line, in_head=in_head))
        if lines == block.lines:
            kept.append(block)
        elif lines:
            kept.append(Block(lines, block.kind, block.level))
    return drop_captions(kept), scanner.meta


class _Scanner:
    """Reads lines one by one, keeping what furniture says and reporting what to drop."""

    def __init__(self) -> None:
        self.meta = ArticleMeta()
        self.expect_url = False

    def absorb(self, line: str, *, in_head: bool) -> bool:
        """Record a furniture line's information; True when the line is furniture."""
        # Patterns are written with single spaces; runs of spaces or tabs must not hide furniture.
        text = " ".join(line.split())
        url = _URL_ONLY.fullmatch(text)
        if url is not None:
            self._source_url(url.group(1) if self.expect_url else None)
            return True
        label = _rules().source_label.fullmatch(text)
        if label is not None:
            self._source_url(label.group(1))
            self.expect_url = label.group(1) is None
            return True
        return (in_head and self._dated_names(text)) or self._meta_line(text, in_head=in_head)

    def _dated_names(self, text: str) -> bool:
        """True (and record) for names, a dash and a date: "Anna Kovalenko — 14 March 2025"."""
        parts = _DASH.split(text, maxsplit=1)
        day = parse_date(parts[1]) if len(parts) == 2 and _NAMES.fullmatch(parts[0]) else None
        if day is None:
            return False
        self.meta.byline = self.meta.byline or parts[0]
        self.meta.published = self.meta.published or day
        return True

    def _source_url(self, url: str | None) -> None:
        """Take the outlet from the article's own URL."""
        self.expect_url = False
        if url is not None and self.meta.outlet is None:
            self.meta.outlet = host_of(url)

    def _meta_line(self, text: str, *, in_head: bool) -> bool:
        """True (and record) when every part of the line is a byline, a date or furniture."""
        parts = _SEPARATORS.split(text)
        bylines = [parse_byline(part) if in_head else None for part in parts]
        dates = [parse_date(part) for part in parts]
        furniture = [_rules().furniture.fullmatch(part) is not None for part in parts]
        if not all(b or d or f for b, d, f in zip(bylines, dates, furniture, strict=True)):
            return False
        self.meta.byline = self.meta.byline or next((b for b in bylines if b), None)
        self.meta.published = self.meta.published or next((d for d in dates if d), None)
        return True


def drop_captions(blocks: list[Block]) -> list[Block]:
    """Drop photo credits and the captions they end or follow."""
    rules = _rules()
    kept: list[Block] = []
    for block in blocks:
        text = block.text
        if rules.credit_only.fullmatch(text):
            if kept and _is_caption(kept[-1]):
                kept.pop()
        elif rules.credit_tail.search(text) and len(text.split()) <= _MAX_CAPTION_WORDS:
            if kept and _is_caption(kept[-1]) and not ends_sentence(kept[-1].text):
                kept.pop()
        else:
            kept.append(block)
    return kept


def _is_caption(block: Block) -> bool:
    """True when a block is short enough to be the caption above a credit."""
    return block.kind is BlockKind.PARAGRAPH and len(block.text.split()) <= _MAX_CAPTION_WORDS


def ends_sentence(text: str) -> bool:
    """True when the text ends with sentence-final punctuation or a closing quote."""
    return text.rstrip().endswith(_SENTENCE_END)
