"""How well stored facts match a question's words: the rules that order and narrow an answer.

Pure functions over entries the store handed back; the core fetches, these decide which of
the fetched facts answer the question, and in which order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from briefings.entries import DemandEntry, FigureEntry, QuoteEntry, Slice
from briefings.questions.intents import Question, word_forms
from briefings.vocabulary.sides import load_sides

Entry = TypeVar("Entry")

# Words of a quote, an event or a claimant, for matching a question's words.
_TEXT_WORD = re.compile(r"[^\W_]+")


def count_held(text: str, words: Sequence[str]) -> int:
    """How many of the words (in any plain form) a text holds."""
    held = {form for token in _TEXT_WORD.findall(text.casefold()) for form in word_forms(token)}
    return sum(1 for word in words if word_forms(word) & held)


def holds_most(text: str, words: Sequence[str]) -> bool:
    """Whether a text holds at least half of the words."""
    return 2 * count_held(text, words) >= len(words)


def holding_most(
    entries: Iterable[Entry], text_of: Callable[[Entry], str], words: Sequence[str]
) -> list[Entry]:
    """The entries whose text holds at least half of the words, those holding most first (each
    text read once)."""
    held = [(count_held(text_of(entry), words), entry) for entry in entries]
    return [entry for count, entry in sorted(held, key=_most_held) if 2 * count >= len(words)]


def _most_held(pair: tuple[int, object]) -> int:
    """Sort key: more words held first; ties keep their order."""
    return -pair[0]


class Named(Protocol):
    """Anything with a name and other names: an actor's card or whom a question names."""

    @property
    def name(self) -> str: ...

    @property
    def aliases(self) -> tuple[str, ...]: ...


def names_actor(word: str, actor: Named | None) -> bool:
    """Whether a question word is part of the actor's name or aliases."""
    if actor is None:
        return False
    names = " ".join([actor.name, *actor.aliases]).casefold().split()
    return bool(word_forms(word) & set(names))


def subject_words(question: Question, actor: Named | None, *, by_country: bool) -> list[str]:
    """The question's topic words beside those that chose whose facts to show: the actor's
    name, or the country when the side was chosen by it ("Ukraine" in "does Ukraine reject…")."""
    book = load_sides()
    return [
        word
        for word in question.topic
        if not names_actor(word, actor)
        and not (by_country and book.country_in(word) == question.country)
    ]


def claimed_as_asked(figures: Sequence[FigureEntry], words: Sequence[str]) -> Sequence[FigureEntry]:
    """The figures whose claimant the words name ("western estimates"), else all of them."""
    named = [f for f in figures if f.claimant and count_held(f.claimant, words)]
    return named or figures


def newest_first(found: Slice[DemandEntry]) -> Slice[DemandEntry]:
    """Demands from the newest article first, each article's in the order it states them."""
    rows = sorted(found.rows, key=lambda demand: (-demand.article_id, demand.id))
    return Slice(tuple(rows), found.total, found.capped)


def on_topic(demands: Sequence[DemandEntry], words: Sequence[str]) -> list[DemandEntry]:
    """The positions holding most of the words, those holding more first; none without words."""
    if not words:
        return []
    held = [demand for demand in demands if holds_most(demand.demand, words)]
    return sorted(held, key=lambda demand: -count_held(demand.demand, words))


def by_topic(quotes: Sequence[QuoteEntry], words: Sequence[str]) -> list[QuoteEntry]:
    """Quotes holding more of the words first."""
    return sorted(quotes, key=lambda quote: -count_held(quote.text, words))
