"""Stored facts as the briefings read them: plain records the store hands back for answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class SourceEntry:
    """An article behind the answers, with how many facts it holds."""

    id: int
    title: str
    outlet: str | None
    published: date | None
    n_actors: int
    n_figures: int
    n_demands: int


# A role entry keeps the days of its newest few articles (an actor card shows them).
NEWEST_ROLE_DAYS = 3


@dataclass(frozen=True)
class RoleEntry:
    """A role the articles give an actor: as the newest writes it, the newest few of their days
    (newest first) and how many days there are, the first few articles, how many there are, and
    the newest."""

    role: str
    days: tuple[date, ...]
    n_days: int
    articles: tuple[int, ...]
    n_articles: int
    last_article: int


@dataclass(frozen=True)
class ActorEntry:
    """An actor with its role, other names, the articles that mention it (the first few), and its roles."""

    id: int
    name: str
    kind: str
    role: str | None
    aliases: tuple[str, ...]
    articles: tuple[int, ...]
    n_articles: int
    roles: tuple[RoleEntry, ...] = ()


@dataclass(frozen=True)
class NamedActor:
    """Whom a question names: an actor's id, kind and names, without its card."""

    id: int
    name: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class FigureEntry:
    """A figure as written, what it counts, who claims it, and its source."""

    id: int
    text: str
    value: float
    unit: str | None
    what: str | None
    measure: str | None
    measured_side: str | None
    claimant: str | None
    article_id: int
    qualifier: str | None = None
    kind: str | None = None
    period: str | None = None
    holder: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class DemandEntry:
    """A party's demand, proposal, condition, call or rejection, and its source."""

    id: int
    party: str
    kind: str
    demand: str
    article_id: int
    party_actor_id: int | None = None
    side: str | None = None


@dataclass(frozen=True)
class PartyEntry:
    """A party to demands: its linked actor (name, kind, role) or its name as written, its side, its count."""

    actor_id: int | None
    name: str
    kind: str | None
    role: str | None
    side: str | None
    n_demands: int


@dataclass(frozen=True)
class PartyTally:
    """Parties past those an answer reads one by one, counted on one side: how many, how many
    positions; with `over`, the store stopped counting parties (there are more on some side)."""

    side: str | None
    n_parties: int
    n_demands: int
    over: bool = False


@dataclass(frozen=True)
class SentenceEntry:
    """A sentence found for a question: how many of its terms it holds, its rank, its facts."""

    article_id: int
    text: str
    matched_terms: int
    rank: float
    figures: tuple[FigureEntry, ...] = ()
    demands: tuple[DemandEntry, ...] = ()


@dataclass(frozen=True)
class Slice(Generic[T]):
    """Some rows of a longer list: the rows shown and how many there are in all.

    With `capped`, the store stopped counting: there are more than `total` rows in all.
    """

    rows: tuple[T, ...]
    total: int
    capped: bool = False

    @property
    def hidden(self) -> int:
        """How many rows are not shown."""
        return self.total - len(self.rows)


@dataclass(frozen=True)
class Count:
    """How many of something the store holds; with `over`, it stopped counting there."""

    total: int
    over: bool = False


@dataclass(frozen=True)
class QuoteEntry:
    """A direct quote, its speaker (canonical name when linked), side and source."""

    id: int
    text: str
    speaker: str
    side: str | None
    article_id: int


@dataclass(frozen=True)
class EventEntry:
    """A dated event: the day, how precisely it is known, the words, and the source."""

    id: int
    day: date
    precision: str
    text: str
    article_id: int


@dataclass(frozen=True)
class SourceDate:
    """When an article was published (if it says) and loaded, with its title and outlet."""

    id: int
    title: str
    outlet: str | None
    published: date | None
    loaded_at: datetime


@dataclass(frozen=True)
class StoreStats:
    """The store and the digests at a glance, for /stats: counts since a day's start, and the queue.

    `queued` counts the digests the next tick would take: subscriptions due and not claimed,
    retries, and claims past their lease. `lag` is how late the oldest of them is (None: none).
    """

    articles: int
    figures: int
    demands: int
    quotes: int
    events: int
    actors: int
    subscribers: int
    sent_today: int
    failed_today: int
    queued: int
    lag: timedelta | None


@dataclass(frozen=True)
class FigureGroupCount:
    """A measure and side that figures measure, and how many figures do (figure_groups)."""

    measure: str | None
    measured_side: str | None
    n_figures: int
