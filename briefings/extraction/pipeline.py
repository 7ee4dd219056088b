"""The spaCy pipeline: the trained model plus this project's registered components.

Every finder runs in a component of its own that writes plain data under the extension it
declares in `assigns` (see extensions.py); extractors.py only reads those. The order matters:
`ceasefire/attribution` finds the names and speakers that figures, demands and quotes share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Generic, TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from briefings.errors import BriefingError
from briefings.extraction import extensions
from briefings.extraction.attribution import Attribution
from briefings.extraction.demands import FoundDemand, find_demands
from briefings.extraction.figures import FoundFigure, find_figures
from briefings.extraction.layout import label_colon
from briefings.extraction.mentions import find_mentions
from briefings.extraction.quotes import FoundQuote, find_quotes
from briefings.extraction.timeline import FoundEvent, find_events
from briefings.vocabulary.lexicon import Lexicon, load_lexicon

Found = TypeVar("Found")

# The finders, in the order they run after the trained components.
FINDERS = (
    "ceasefire/attribution",
    "ceasefire/figures",
    "ceasefire/demands",
    "ceasefire/quotes",
    "ceasefire/events",
)


class PipelineError(BriefingError):
    """The configured spaCy pipeline cannot be loaded."""


@Language.component("ceasefire/paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a new sentence after every line break and after a paragraph's speaker label."""
    starts = [0] + [tok.i + 1 for tok in doc[:-1] if "\n" in tok.text_with_ws]
    for start in starts:
        doc[start].is_sent_start = True
        colon = label_colon(doc[start:])
        if colon is not None and colon.i + 1 < len(doc):
            doc[colon.i + 1].is_sent_start = True
    return doc


class Finder(Generic[Found]):
    """A component that finds one kind of fact in a doc and writes it under its extension."""

    extension: ClassVar[str]

    def __init__(self) -> None:
        extensions.register_extensions()
        self.lexicon: Lexicon | None = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
    ) -> None:
        """Load the cue words, places and known actors from the data files."""
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        """Find the facts in a doc and store them on it."""
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> Found:
        """The facts of this finder's kind in the doc."""
        raise NotImplementedError

    def set_annotations(self, doc: Doc, found: Found) -> None:
        """Store the facts found under this finder's extension."""
        doc._.set(self.extension, found)

    def _lexicon(self) -> Lexicon:
        # A pipeline assembled without initialize() still reads the data files, once.
        return self.lexicon or load_lexicon()


class AttributionFinder(Finder[Attribution]):
    """Finds the names in a doc and who says what, for the finders after it."""

    extension = extensions.ATTRIBUTION

    def match(self, doc: Doc) -> Attribution:
        """The doc's names and speakers."""
        lexicon = self._lexicon()
        return Attribution(doc, find_mentions(doc, lexicon), lexicon)

    def set_annotations(self, doc: Doc, found: Attribution) -> None:
        """Store the names and the attribution built on them."""
        doc._.set(extensions.MENTIONS, found.mentions)
        doc._.set(self.extension, found)


class FigureFinder(Finder[list[FoundFigure]]):
    """Finds reported figures and who claims them."""

    extension = extensions.FIGURES

    def match(self, doc: Doc) -> list[FoundFigure]:
        """The doc's figures."""
        return find_figures(doc, extensions.attribution_of(doc), self._lexicon())


class DemandFinder(Finder[list[FoundDemand]]):
    """Finds what each party demands, proposes, conditions or rejects."""

    extension = extensions.DEMANDS

    def match(self, doc: Doc) -> list[FoundDemand]:
        """The doc's demands."""
        return find_demands(doc, extensions.attribution_of(doc), self._lexicon())


class QuoteFinder(Finder[list[FoundQuote]]):
    """Finds direct quotes and who spoke them."""

    extension = extensions.QUOTES

    def match(self, doc: Doc) -> list[FoundQuote]:
        """The doc's direct quotes."""
        return find_quotes(doc, extensions.attribution_of(doc))


class EventFinder(Finder[list[FoundEvent]]):
    """Finds dated events, placing relative dates by the doc's publication day."""

    extension = extensions.EVENTS

    def match(self, doc: Doc) -> list[FoundEvent]:
        """The doc's dated events."""
        return find_events(doc, extensions.published_of(doc))


_ATTRIBUTION = [f"doc._.{extensions.MENTIONS}", f"doc._.{extensions.ATTRIBUTION}"]
_NEEDS_ATTRIBUTION = [f"doc._.{extensions.ATTRIBUTION}"]


@Language.factory("ceasefire/attribution", assigns=_ATTRIBUTION, default_config={})
def make_attribution_finder(nlp: Language, name: str) -> AttributionFinder:
    """Factory of the component that finds names and speakers."""
    return AttributionFinder()


@Language.factory(
    "ceasefire/figures",
    assigns=[f"doc._.{extensions.FIGURES}"],
    requires=_NEEDS_ATTRIBUTION,
    default_config={},
)
def make_figure_finder(nlp: Language, name: str) -> FigureFinder:
    """Factory of the figure-finding component."""
    return FigureFinder()


@Language.factory(
    "ceasefire/demands",
    assigns=[f"doc._.{extensions.DEMANDS}"],
    requires=_NEEDS_ATTRIBUTION,
    default_config={},
)
def make_demand_finder(nlp: Language, name: str) -> DemandFinder:
    """Factory of the demand-finding component."""
    return DemandFinder()


@Language.factory(
    "ceasefire/quotes",
    assigns=[f"doc._.{extensions.QUOTES}"],
    requires=_NEEDS_ATTRIBUTION,
    default_config={},
)
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    """Factory of the quote-finding component."""
    return QuoteFinder()


@Language.factory("ceasefire/events", assigns=[f"doc._.{extensions.EVENTS}"], default_config={})
def make_event_finder(nlp: Language, name: str) -> EventFinder:
    """Factory of the component that finds dated events."""
    return EventFinder()


def build_pipeline(model_name: str) -> Language:
    """Load the trained model and add the project's components, initialised from data."""
    extensions.register_extensions()
    try:
        nlp = spacy.load(model_name)
    except OSError as error:
        raise PipelineError(f"spaCy pipeline {model_name!r} is not installed: {error}") from error
    nlp.add_pipe("ceasefire/paragraphs", before="parser")
    for name in FINDERS:
        finder = nlp.add_pipe(name, last=True)
        if isinstance(finder, Finder):
            finder.initialize(nlp=nlp)
    return nlp
