"""Plain data the domain produces: articles as read, and the facts extracted from them."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class ActorKind(StrEnum):
    """What sort of actor a name refers to."""

    PERSON = "person"
    ORGANISATION = "organisation"
    COUNTRY = "country"


class DemandKind(StrEnum):
    """How a party positions itself on something."""

    DEMAND = "demand"
    CONDITION = "condition"
    CALL = "call"
    PROPOSAL = "proposal"
    REJECTION = "rejection"


class FigureKind(StrEnum):
    """What sort of count a figure is: set side by side only with its own kind."""

    TOTAL = "total"  # a count as of a date, or over a stated period
    RATE = "rate"  # per day, week, month or year
    CHANGE = "change"  # an increase or decrease: "a further 500"
    EVENT = "event"  # one event's toll or one transaction: "in the attack", "a $500m package"


def normalise_for_hash(text: str) -> str:
    """Return text folded so that the same article hashes the same however it was formatted."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", folded).strip()


@dataclass(frozen=True)
class SourceText:
    """An article as read from a file, a paste or a URL, before extraction."""

    title: str
    text: str
    source: str
    outlet: str | None = None
    byline: str | None = None
    published: date | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the normalised body, used to refuse duplicates."""
        digest = hashlib.sha256(normalise_for_hash(self.text).encode("utf-8"))
        return digest.hexdigest()


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article's text, with its character span in that text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Provenance:
    """Where a fact comes from: a sentence and a character span in the article's text."""

    sentence_index: int
    start: int
    end: int


@dataclass(frozen=True)
class Actor:
    """A person or organisation that acts or speaks in one article."""

    name: str
    kind: ActorKind
    role: str | None
    aliases: tuple[str, ...]
    provenance: Provenance
    side: str | None = None


@dataclass(frozen=True)
class Figure:
    """A reported number, what it counts, and who claims it."""

    value: float
    text: str
    unit: str | None
    what: str | None
    qualifier: str | None
    claimed_by: str | None
    provenance: Provenance
    measure: str | None = None
    measured_side: str | None = None
    kind: FigureKind = FigureKind.TOTAL
    period: str | None = None
    holder: str | None = None


@dataclass(frozen=True)
class Demand:
    """What a party demands, proposes, conditions or rejects."""

    party: str
    demand: str
    kind: DemandKind
    provenance: Provenance
    side: str | None = None


@dataclass(frozen=True)
class Quote:
    """Words a speaker said, as the article quotes them."""

    text: str
    speaker: str | None
    provenance: Provenance
    side: str | None = None


class Precision(StrEnum):
    """How precisely an event is dated: to the day, the month or the year."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True)
class Event:
    """Something the article dates: the day (first of the month or year if less precise), the words."""

    day: date
    precision: Precision
    text: str
    provenance: Provenance


@dataclass(frozen=True)
class ExtractedArticle:
    """An article with every fact the pipeline found in it."""

    source: SourceText
    sentences: tuple[Sentence, ...]
    actors: tuple[Actor, ...] = field(default=())
    figures: tuple[Figure, ...] = field(default=())
    demands: tuple[Demand, ...] = field(default=())
    quotes: tuple[Quote, ...] = field(default=())
    events: tuple[Event, ...] = field(default=())
