"""The spaCy pipeline: the trained model plus this project's registered components."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from briefings.errors import BriefingError
from briefings.extraction.attribution import Attribution
from briefings.extraction.demands import find_demands
from briefings.extraction.figures import find_figures
from briefings.extraction.mentions import find_mentions
from briefings.vocabulary.lexicon import Lexicon, load_lexicon

FACTS_EXTENSION = "ceasefire_facts"


class PipelineError(BriefingError):
    """The configured spaCy pipeline cannot be loaded."""


@Language.component("ceasefire/paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a new sentence after every line break, so no sentence spans two paragraphs."""
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws:
            nxt = doc[tok.i + 1]
            nxt.is_sent_start = True
    return doc


class FactFinder:
    """Finds mentions, speakers, figures and demands and stores them on the doc."""

    def __init__(self) -> None:
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
        """Annotate a doc with the facts this project extracts."""
        lexicon = self.lexicon or load_lexicon()
        mentions = find_mentions(doc, lexicon)
        attribution = Attribution(doc, mentions, lexicon)
        doc._.set(
            FACTS_EXTENSION,
            {
                "mentions": mentions,
                "attribution": attribution,
                "figures": find_figures(doc, attribution, lexicon),
                "demands": find_demands(doc, attribution, lexicon),
            },
        )
        return doc


@Language.factory("ceasefire/facts", assigns=[f"doc._.{FACTS_EXTENSION}"], default_config={})
def make_fact_finder(nlp: Language, name: str) -> FactFinder:
    """Factory of the fact-finding component."""
    return FactFinder()


def build_pipeline(model_name: str) -> Language:
    """Load the trained model and add the project's components, initialised from data."""
    if not Doc.has_extension(FACTS_EXTENSION):
        Doc.set_extension(FACTS_EXTENSION, default=None)
    try:
        nlp = spacy.load(model_name)
    except OSError as error:
        raise PipelineError(f"spaCy pipeline {model_name!r} is not installed: {error}") from error
    nlp.add_pipe("ceasefire/paragraphs", before="parser")
    finder = nlp.add_pipe("ceasefire/facts", last=True)
    if isinstance(finder, FactFinder):
        finder.initialize(nlp=nlp)
    return nlp
