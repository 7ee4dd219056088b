"""Digests composed for subscribers: built once per (articles seen, local date, language), as
plain data; the story's state and the news are read once per tick, whatever the language."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date

from bot.core.disagreements import earlier_figures
from bot.core.positions import overview
from bot.core.runtime import Runtime
from briefings.i18n import ENGLISH, use_language
from briefings.replies.digest_briefs import DigestNews, StoryState, build_digest
from briefings.replies.load_briefs import find_disagreements
from briefings.replies.reply import Reply
from briefings.vocabulary.standing import party_totals
from storage import (
    demands_after,
    figures_after,
    figures_overview,
    newest_article_id,
    sources_after,
)

STATE_FIGURES_PER_MEASURE = 4
STATE_PARTIES = 6
NEWS_LIMIT = 200


@dataclass(frozen=True)
class Digest:
    """One digest: the reply, the newest article it covers (the subscriber's new progress), and
    the language it is written in."""

    reply: Reply
    newest_article_id: int
    language: str = ENGLISH


@dataclass
class Composer:
    """Composes digests, sharing the story's state and each distinct piece of news in one tick."""

    runtime: Runtime
    _state: StoryState | None = None
    _news: dict[int, tuple[DigestNews, int]] = field(default_factory=dict)
    # Subscribers who saw the same articles get the same digest on the same day in the same
    # language: built once, and the same object given to each, so that a front end can render
    # it once too.
    _digests: dict[tuple[int, date, str], Digest] = field(default_factory=dict)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def digest(self, seen_article_id: int, day: date, language: str = ENGLISH) -> Digest:
        """The digest for a subscriber who has seen articles up to one id, on a local date, in
        their language."""
        key = (seen_article_id, day, language)
        if key in self._digests:
            return self._digests[key]
        async with self._lock:
            if self._state is None:
                self._state = await self._load_state()
            if seen_article_id not in self._news:
                self._news[seen_article_id] = await self._load_news(seen_article_id)
            if key not in self._digests:
                news, newest = self._news[seen_article_id]
                with use_language(language):
                    built = build_digest(day, news, self._state)
                self._digests[key] = Digest(built, newest, language)
        return self._digests[key]

    async def _load_state(self) -> StoryState:
        async with self.runtime.sessions() as session:
            figures = await figures_overview(session, per_measure=STATE_FIGURES_PER_MEASURE)
            # Each party's newest position; the people quoted are no party (see positions).
            demands, choice = await overview(session, parties=STATE_PARTIES, per_party=1)
        return StoryState(tuple(figures), tuple(demands), party_totals(choice.shown))

    async def _load_news(self, seen: int) -> tuple[DigestNews, int]:
        async with self.runtime.sessions() as session:
            newest = await newest_article_id(session)
            articles = await sources_after(session, seen, limit=NEWS_LIMIT)
            figures = await figures_after(session, seen, limit=NEWS_LIMIT)
            demands = await demands_after(session, seen, limit=NEWS_LIMIT)
            earlier = await earlier_figures(session, figures, before_article=seen + 1)
        contradicted = find_disagreements(figures, earlier)
        news = DigestNews(
            articles.rows, tuple(figures), tuple(demands), tuple(contradicted), tuple(earlier)
        )
        return news, newest
