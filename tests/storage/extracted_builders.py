"""Builders of ExtractedArticle test data by hand (no spaCy); spans are located, not typed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from briefings.model import (
    Actor,
    ActorKind,
    Demand,
    DemandKind,
    ExtractedArticle,
    Figure,
    Provenance,
    Sentence,
    SourceText,
)


@dataclass(frozen=True)
class Draft:
    """An article's text split into sentences, to locate phrases in."""

    text: str
    sentences: tuple[Sentence, ...]

    def at(self, phrase: str) -> Provenance:
        """Provenance of the first occurrence of a phrase."""
        for sentence in self.sentences:
            offset = sentence.text.find(phrase)
            if offset >= 0:
                start = sentence.start + offset
                return Provenance(sentence.index, start, start + len(phrase))
        raise ValueError(f"{phrase!r} is not in the draft")


def make_draft(*sentence_texts: str) -> Draft:
    """A draft whose sentences are joined by single spaces."""
    sentences: list[Sentence] = []
    start = 0
    for index, sentence_text in enumerate(sentence_texts):
        sentences.append(Sentence(index, start, start + len(sentence_text), sentence_text))
        start += len(sentence_text) + 1
    return Draft(" ".join(sentence_texts), tuple(sentences))


def make_actor(
    draft: Draft,
    name: str,
    *,
    kind: ActorKind = ActorKind.PERSON,
    role: str | None = None,
    aliases: Sequence[str] = (),
    phrase: str | None = None,
) -> Actor:
    """An actor found where its name (or phrase) first occurs."""
    return Actor(name, kind, role, tuple(aliases), draft.at(phrase or name))


def make_figure(
    draft: Draft,
    text: str,
    *,
    value: float,
    unit: str | None = None,
    what: str | None = None,
    qualifier: str | None = None,
    claimed_by: str | None = None,
) -> Figure:
    """A figure found where its text first occurs."""
    return Figure(value, text, unit, what, qualifier, claimed_by, draft.at(text))


def make_demand(
    draft: Draft, party: str, demand: str, *, kind: DemandKind = DemandKind.DEMAND
) -> Demand:
    """A demand found where its wording first occurs."""
    return Demand(party, demand, kind, draft.at(demand))


def make_extracted(
    draft: Draft,
    *,
    title: str = "Ceasefire talks",
    source: str = "talks.txt",
    outlet: str | None = "Example News",
    byline: str | None = None,
    published: date | None = None,
    actors: Sequence[Actor] = (),
    figures: Sequence[Figure] = (),
    demands: Sequence[Demand] = (),
) -> ExtractedArticle:
    """An extracted article over a draft."""
    source_text = SourceText(title, draft.text, source, outlet, byline, published)
    return ExtractedArticle(
        source_text, draft.sentences, tuple(actors), tuple(figures), tuple(demands)
    )
