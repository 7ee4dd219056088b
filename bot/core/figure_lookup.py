"""Find the figures about a topic, as /figures TOPIC and /chart TOPIC read them."""

from __future__ import annotations

from briefings.entries import FigureEntry, Slice
from briefings.questions.terms import query_terms
from briefings.vocabulary.measures import measures_for_topic, with_wholes_and_parts
from storage import Session, figures_about


async def figures_on_topic(session: Session, topic: str, *, limit: int) -> Slice[FigureEntry]:
    """The newest figures of the measures the topic's words name (with the wholes and parts
    that decide whether they are disputed), or whose counted thing has one of the words."""
    words = query_terms(topic)
    measures = with_wholes_and_parts(measures_for_topic(words))
    return await figures_about(session, measures=measures, words=words, limit=limit)
