"""Turn a doc annotated by the pipeline into plain data: an ExtractedArticle."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from briefings.extraction import extensions
from briefings.extraction.actors import ActorGroup, group_actors
from briefings.extraction.chunks import CHUNK_CHARS, annotated_in_pieces
from briefings.extraction.mentions import Mention, Source
from briefings.identity.names import names_match
from briefings.model import (
    Actor,
    ActorKind,
    Demand,
    Event,
    ExtractedArticle,
    Figure,
    Precision,
    Provenance,
    Quote,
    Sentence,
    SourceText,
)
from briefings.vocabulary.lexicon import Lexicon, load_lexicon
from briefings.vocabulary.sides import side_of

# For annotations only: the finders run in the pipeline, this module reads what they wrote.
if TYPE_CHECKING:
    from briefings.extraction.demands import FoundDemand
    from briefings.extraction.figures import FoundFigure


class Extraction:
    """Maps the pipeline's annotations of one doc to model objects."""

    def __init__(self, doc: Doc, source: SourceText, lexicon: Lexicon) -> None:
        self.doc = doc
        self.source = source
        self.mentions = extensions.mentions_of(doc)
        self.figures_found = extensions.figures_of(doc)
        self.demands_found = extensions.demands_of(doc)
        self.attribution = extensions.attribution_of(doc)
        excluded = [n for n in (source.byline,) if n]
        kept = [m for m in self.mentions if not any(names_match(m.text, n) for n in excluded)]
        self.groups = group_actors(doc, kept, lexicon)
        # Each mention's group, the first that holds it, found by one look-up (not a scan of
        # every group's mentions per fact: that grew with the square of a long article).
        self._groups_of: dict[Mention, ActorGroup] = {}
        for group in self.groups:
            for mention in group.mentions:
                self._groups_of.setdefault(mention, group)
        parties = [f.claimant for f in self.figures_found] + [d.party for d in self.demands_found]
        for group in filter(None, map(self._group, parties)):
            group.acts = True
        self.sentences = tuple(
            Sentence(index=n, start=s.start_char, end=s.end_char, text=s.text)
            for n, s in enumerate(doc.sents)
        )

    def _group(self, source: Source | None) -> ActorGroup | None:
        if source is None or source.mention is None:
            return None
        return self._groups_of.get(source.mention)

    def _name(self, source: Source | None) -> str | None:
        group = self._group(source)
        if group is not None:
            return group.name
        return source.text if source is not None else None

    def _provenance(self, start: int, end: int) -> Provenance:
        span = self.doc[start:end]
        return Provenance(
            sentence_index=self.attribution.sentence_index(self.doc[start]),
            start=span.start_char,
            end=span.end_char,
        )

    def figures(self) -> tuple[Figure, ...]:
        """The figures as plain data."""
        return tuple(
            Figure(
                value=f.value,
                text=self.doc[f.start : f.end].text,
                unit=f.unit,
                what=f.what,
                qualifier=f.qualifier,
                claimed_by=self._name(f.claimant),
                provenance=self._provenance(f.start, f.end),
                measure=f.measure,
                measured_side=f.measured_side,
                **_kind_fields(f),
            )
            for f in self.figures_found
        )

    def _demand_text(self, demand: FoundDemand) -> str:
        own = self.doc[demand.start : demand.end].text
        if demand.context is None:
            return own
        return f"{own} ({self.doc[demand.context[0] : demand.context[1]].text})"

    def _side(self, source: Source) -> str | None:
        group = self._group(source)
        return _group_side(group) if group is not None else side_of(source.text)

    def demands(self) -> tuple[Demand, ...]:
        """The demands as plain data, each party on its side."""
        return tuple(
            Demand(
                party=self._name(d.party) or d.party.text,
                demand=self._demand_text(d),
                kind=d.kind,
                provenance=self._provenance(d.start, d.end),
                side=self._side(d.party),
            )
            for d in self.demands_found
        )

    def quotes(self) -> tuple[Quote, ...]:
        """The direct quotes whose speaker is known, as plain data, each speaker on its side."""
        return tuple(
            Quote(
                text=q.text,
                speaker=self._name(q.speaker),
                provenance=self._provenance(q.start, q.end),
                side=self._side(q.speaker),
            )
            for q in extensions.quotes_of(self.doc)
            if q.speaker is not None
        )

    def events(self) -> tuple[Event, ...]:
        """The dated events as plain data."""
        return tuple(
            Event(
                day=e.day,
                precision=Precision(e.precision.value),
                text=e.text,
                provenance=self._provenance(e.start, e.end),
            )
            for e in extensions.events_of(self.doc)
        )

    def actors(self) -> tuple[Actor, ...]:
        """People, plus organisations and countries that speak or act, as plain data."""
        kept = [g for g in self.groups if g.kind == ActorKind.PERSON or g.acts or _listed(g)]
        return tuple(
            Actor(
                name=g.name,
                kind=g.kind,
                role=g.role,
                aliases=tuple(n for n in g.names if n != g.name),
                provenance=self._provenance(g.mentions[0].start, g.mentions[0].end),
                side=_group_side(g),
            )
            for g in kept
        )


def _group_side(group: ActorGroup) -> str | None:
    """The side of an actor: of the country the data gives it, else its name's, else its role's."""
    country = next((m.known.country for m in group.mentions if m.known is not None), None)
    return side_of(group.name, group.role, country)


def _listed(group: ActorGroup) -> bool:
    return group.kind == ActorKind.ORGANISATION and any(m.known is not None for m in group.mentions)


def extract(
    nlp: Language, source: SourceText, *, chunk_chars: int = CHUNK_CHARS
) -> ExtractedArticle:
    """Run the pipeline over an article's body and return every fact found, with provenance.

    A body longer than `chunk_chars` goes through the trained components in paragraph
    batches of at most that many characters; the finders then see the whole text as one doc.
    """
    if len(source.text) > chunk_chars:
        return extract_doc(annotated_in_pieces(nlp, source, chunk_chars), source)
    return extract_doc(nlp(_prepared(nlp, source)), source)


def extract_many(
    nlp: Language, sources: Iterable[SourceText], *, batch_size: int, chunk_chars: int = CHUNK_CHARS
) -> Iterator[ExtractedArticle]:
    """What `extract` gives for each source, in order, the pipeline run with `nlp.pipe` in batches."""
    for long, run in groupby(sources, key=lambda source: len(source.text) > chunk_chars):
        if long:
            yield from (extract(nlp, source, chunk_chars=chunk_chars) for source in run)
        else:
            yield from _piped(nlp, run, batch_size)


def _piped(
    nlp: Language, sources: Iterable[SourceText], batch_size: int
) -> Iterator[ExtractedArticle]:
    """Each source's facts, the pipeline run over them together with `nlp.pipe`."""
    # Docs, not texts, go in: each carries its publication day for the events finder, and
    # pipe hands back a source's doc together with the source it came from.
    docs = ((_prepared(nlp, source), source) for source in sources)
    for doc, source in nlp.pipe(docs, batch_size=batch_size, as_tuples=True):
        yield extract_doc(doc, source)


def _prepared(nlp: Language, source: SourceText) -> Doc:
    """The tokenised body of a source, its publication day set, ready for the pipeline."""
    doc = nlp.make_doc(source.text)
    extensions.set_published(doc, source.published)
    return doc


def extract_doc(doc: Doc, source: SourceText) -> ExtractedArticle:
    """Turn a doc the pipeline processed, its publication day set, into an ExtractedArticle."""
    extraction = Extraction(doc, source, load_lexicon())
    return ExtractedArticle(
        source=source,
        sentences=extraction.sentences,
        actors=extraction.actors(),
        figures=extraction.figures(),
        demands=extraction.demands(),
        quotes=extraction.quotes(),
        events=extraction.events(),
    )


def _kind_fields(figure: FoundFigure) -> dict[str, Any]:
    """A figure's kind, period and holder, as read from the parse."""
    reading = figure.reading
    if reading is None:
        return {}
    return {"kind": reading.kind, "period": reading.period, "holder": reading.holder}
