"""The doc extensions the pipeline's components write, and typed readers of them.

Each component writes plain data under the extension it declares in `assigns`; extractors.py
reads them back through these functions, so no caller spells an extension name.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Doc

# The finders' types name what each reader returns; the finders import this module to write,
# so it must not import them at run time.
if TYPE_CHECKING:
    from briefings.extraction.attribution import Attribution
    from briefings.extraction.demands import FoundDemand
    from briefings.extraction.figures import FoundFigure
    from briefings.extraction.mentions import Mention
    from briefings.extraction.quotes import FoundQuote
    from briefings.extraction.timeline import FoundEvent

# Set by the caller before the pipeline runs: relative dates ("last Tuesday") are read from it.
PUBLISHED = "ceasefire_published"
MENTIONS = "ceasefire_mentions"
ATTRIBUTION = "ceasefire_attribution"
FIGURES = "ceasefire_figures"
DEMANDS = "ceasefire_demands"
QUOTES = "ceasefire_quotes"
EVENTS = "ceasefire_events"
NAMES = (PUBLISHED, MENTIONS, ATTRIBUTION, FIGURES, DEMANDS, QUOTES, EVENTS)


def register_extensions() -> None:
    """Declare every extension on Doc, empty by default; safe to call more than once."""
    for name in NAMES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def set_published(doc: Doc, published: date | None) -> None:
    """Give a doc, before the pipeline runs over it, the day its article was published."""
    doc._.set(PUBLISHED, published)


def published_of(doc: Doc) -> date | None:
    """The day the doc's article was published, if the caller said."""
    published: date | None = doc._.get(PUBLISHED)
    return published


def mentions_of(doc: Doc) -> list[Mention]:
    """The names found in the doc, in order."""
    mentions: list[Mention] = doc._.get(MENTIONS)
    return mentions


def attribution_of(doc: Doc) -> Attribution:
    """Who says what in the doc: the speakers the figures, demands and quotes share."""
    attribution: Attribution = doc._.get(ATTRIBUTION)
    return attribution


def figures_of(doc: Doc) -> list[FoundFigure]:
    """The reported figures found in the doc, in order."""
    figures: list[FoundFigure] = doc._.get(FIGURES)
    return figures


def demands_of(doc: Doc) -> list[FoundDemand]:
    """The demands found in the doc, in order."""
    demands: list[FoundDemand] = doc._.get(DEMANDS)
    return demands


def quotes_of(doc: Doc) -> list[FoundQuote]:
    """The direct quotes found in the doc, in order, with their speakers when known."""
    quotes: list[FoundQuote] = doc._.get(QUOTES)
    return quotes


def events_of(doc: Doc) -> list[FoundEvent]:
    """The dated events found in the doc, in order."""
    events: list[FoundEvent] = doc._.get(EVENTS)
    return events
