"""Inline mode's search (`@bot zelensky` typed in any chat): the cards and figure groups a query
names, each as the bot answers it, with the sources it cites listed for readers outside the bot.

A query names actors by name or alias, as /who NAME reads names (the whole query, then each of
its words), and figure groups by the measures and the country its words name, as /figures TOPIC
reads topics. An empty query offers the most cited actors and the largest figure groups. The
query comes from anyone: it is cleaned as arguments are and cut to Telegram's 256 characters,
and at most MOST_RESULTS results are built, each a few reads.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from typing import cast

from bot.core import arguments
from bot.core.actor_lookup import get_actor
from bot.core.deep_links import linked_figures
from bot.core.questions import actor_card
from bot.core.runtime import KeptAnswer, Runtime
from briefings.entries import FigureGroupCount
from briefings.i18n import current_language
from briefings.identity.lookup import actors_named
from briefings.identity.names import name_keys
from briefings.identity.reader_names import reader_spellings
from briefings.questions.terms import query_terms
from briefings.replies.figure_briefs import group_figures
from briefings.replies.reply import Line, Reply
from briefings.replies.share_briefs import (
    actor_description,
    build_group,
    build_source_notes,
    cited_articles,
    group_description,
    group_title,
)
from briefings.replies.share_links import ActorLink, GroupLink, group_measures, payload_of
from briefings.vocabulary.measures import measure_family, measures_for_topic
from briefings.vocabulary.sides import load_sides
from briefings.vocabulary.standing import place_kinds
from storage import (
    Session,
    actor_names,
    article_counts,
    figure_group_counts,
    list_actors,
    newest_article_id,
    source_dates,
)

# Telegram sends at most 256 characters of query.
QUERY_CHARS = 256
MOST_RESULTS = 10
# Of each kind, for an empty query; a query naming some gets up to MOST_RESULTS of them.
OFFERED = 5
# Words of a query tried as names, after the whole query.
NAME_WORDS = 8
# Groups read from figure_groups (measures × sides: a few hundred at most).
GROUP_ROWS = 500
# How long an empty query's offers are kept (as long as Telegram keeps an answer, CACHE_SECONDS
# of bot.telegram_adapter.inline_queries).
OFFERS_SECONDS = 60.0


@dataclass(frozen=True)
class InlineResult:
    """One inline result: its payload (the result's id and its deep link's), a title and a
    line under it, the answer as the bot gives it, and the sources that answer cites."""

    payload: str
    title: str
    description: str
    answer: Reply
    notes: tuple[Line, ...]


def inline_query(text: str) -> str:
    """An inline query as read: cleaned as arguments are, at most QUERY_CHARS characters."""
    return arguments.clean(text[: QUERY_CHARS * 2])[:QUERY_CHARS]


async def inline_results(runtime: Runtime, text: str) -> list[InlineResult]:
    """The cards and figure groups a query names (an empty query: the most cited and largest),
    at most MOST_RESULTS, actors first."""
    query = inline_query(text)
    return await search(runtime, query) if query else await offers(runtime)


async def offers(runtime: Runtime) -> list[InlineResult]:
    """What an empty query offers, in the current language: made at most once a language per
    OFFERS_SECONDS, and again at once when a newer article is stored.

    Every user typing "@bot " sends the empty query, and its ten cards took 57 ms (p50) to
    make on SQLite at 100 articles, 124 ms on PostgreSQL at 1,000 (bench/answer.py "@").
    An article removed shows within OFFERS_SECONDS, as Telegram's own cache of the answer does.
    """
    async with runtime.readers() as session:
        newest = await newest_article_id(session)
    language, now = current_language(), time.monotonic()
    kept = runtime.kept_offers.get(language)
    if (
        kept is not None
        and kept.newest_article_id == newest
        and now - kept.made_at < OFFERS_SECONDS
    ):
        return list(cast(tuple[InlineResult, ...], kept.results))
    results = await search(runtime, "")
    runtime.kept_offers[language] = KeptAnswer(newest, now, tuple(results))
    return results


async def search(runtime: Runtime, query: str) -> list[InlineResult]:
    """The cards and figure groups a cleaned query names, at most MOST_RESULTS, actors first."""
    async with runtime.readers() as session:
        actor_ids = await named_actors(session, query)
        groups = await named_groups(session, query)
        results = [await _actor_result(session, actor_id) for actor_id in actor_ids]
        results += [await _group_result(session, link) for link in groups]
        return [result for result in results if result is not None][:MOST_RESULTS]


async def named_actors(session: Session, query: str) -> list[int]:
    """The actors a query names, most cited first; an empty query's: the most cited."""
    if not query:
        found = await list_actors(session, limit=OFFERED, place_kinds=place_kinds())
        return [actor.id for actor in found.rows]
    typed = [query, *query.split()[:NAME_WORDS]]
    # A Cyrillic name also stands for the actor its Ukrainian spelling names ("Трамп").
    phrases = list(
        dict.fromkeys(spelling for phrase in typed for spelling in reader_spellings(phrase))
    )
    names = await actor_names(session, [name_keys(phrase) for phrase in phrases])
    ids = list(dict.fromkeys(i for phrase in phrases for i in actors_named(phrase, names)))
    counts = await article_counts(session, ids)
    return sorted(ids, key=lambda i: (-counts.get(i, 0), i))[:MOST_RESULTS]


async def named_groups(session: Session, query: str) -> list[GroupLink]:
    """The figure groups a query names by measure words ("killed", "aid") and a country
    ("ukraine", "russian"), largest first; an empty query's: the largest."""
    counts = _group_sizes(await figure_group_counts(session, limit=GROUP_ROWS))
    if query:
        families = {measure_family(m) for m in measures_for_topic(query_terms(query))}
        country = load_sides().country_in(query)
        if not families and country is None:
            return []
        counts = Counter(
            {
                link: size
                for link, size in counts.items()
                if (not families or link.measure in families)
                and (country is None or link.side == country)
            }
        )
    wanted = MOST_RESULTS if query else OFFERED
    return [link for link, _size in counts.most_common(wanted)]


def _group_sizes(rows: list[FigureGroupCount]) -> Counter[GroupLink]:
    """How many figures each group /figures shows holds: its measures' counts, by family."""
    sizes: Counter[GroupLink] = Counter()
    for row in rows:
        family = measure_family(row.measure) if row.measure else None
        if family is not None and family in group_measures():
            sizes[GroupLink(family, row.measured_side)] += row.n_figures
    return sizes


async def _actor_result(session: Session, actor_id: int) -> InlineResult | None:
    """An actor's card as a result, titled with its name; None for an actor gone meanwhile."""
    actor = await get_actor(session, actor_id)
    payload = payload_of(ActorLink(actor_id))
    if actor is None or payload is None:
        return None
    card = await actor_card(session, actor)
    return await _result(session, payload, actor.name, actor_description(actor), card)


async def _group_result(session: Session, link: GroupLink) -> InlineResult | None:
    """A figure group as a result, titled with its heading; None when it has no figures."""
    figures = await linked_figures(session, link)
    groups = group_figures(figures)
    answer = build_group(figures)
    if len(groups) != 1 or answer.share is None:
        return None
    group = groups[0]
    return await _result(
        session, answer.share.payload, group_title(group), group_description(group), answer
    )


async def _result(
    session: Session, payload: str, title: str, description: str, answer: Reply
) -> InlineResult:
    """A result with the sources its answer cites."""
    cited = cited_articles(answer)
    notes = build_source_notes(cited, await source_dates(session, cited))
    return InlineResult(payload, title, description, answer, tuple(notes))
