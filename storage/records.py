"""Plain records the repository returns, so that callers never hold ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time


@dataclass(frozen=True)
class SavedArticle:
    """What saving one extracted article did."""

    article_id: int
    title: str
    n_sentences: int
    n_actors_new: int
    n_actors: int
    n_figures: int
    n_demands: int


@dataclass(frozen=True)
class ArticleSummary:
    """A stored article's metadata and how many facts it holds."""

    id: int
    title: str
    outlet: str | None
    byline: str | None
    published: date | None
    source: str
    content_hash: str
    loaded_at: datetime
    n_sentences: int
    n_actors: int
    n_figures: int
    n_demands: int


@dataclass(frozen=True)
class FactCounts:
    """How many rows of each kind the store holds."""

    articles: int
    sentences: int
    actors: int
    figures: int
    demands: int


@dataclass(frozen=True)
class SubscriptionRecord:
    """A chat's digest subscription: its local time, zone and language, next due instant (UTC),
    progress."""

    id: int
    chat_id: int
    user_id: int | None
    local_time: time
    zone: str
    next_due_at: datetime
    active: bool
    seen_article_id: int
    failures: int
    deactivated_reason: str | None
    # The language its digest is built in (a code such as "uk").
    language: str = "en"


@dataclass(frozen=True)
class DeliveryRecord:
    """One day's digest for a subscription, and how far its sending got."""

    id: int
    subscription: SubscriptionRecord
    local_date: date
    status: str
    attempts: int
    # The process that claimed it (its host, pid and a random tag), or None.
    worker: str | None
    claimed_at: datetime


@dataclass(frozen=True)
class DueClaim:
    """A due subscription to claim: the due instant read, the local date it stands for, the next."""

    subscription_id: int
    expected_due: datetime
    local_date: date
    next_due_at: datetime


@dataclass(frozen=True)
class SentDigest:
    """A delivery whose digest Telegram accepted: when, as which message, up to which article."""

    delivery_id: int
    sent_at: datetime
    message_id: int | None
    seen_article_id: int
