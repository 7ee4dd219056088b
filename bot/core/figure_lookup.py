"""Find the figures about a topic, as /figures TOPIC and /chart TOPIC read them, and head them."""

from __future__ import annotations

from briefings.entries import FigureEntry, Slice
from briefings.i18n import _, n_
from briefings.questions.terms import query_terms
from briefings.replies.counts import amount
from briefings.vocabulary.measures import measures_for_topic, with_wholes_and_parts
from storage import Session, figures_about


async def figures_on_topic(session: Session, topic: str, *, limit: int) -> Slice[FigureEntry]:
    """The newest figures of the measures the topic's words name (with the wholes and parts
    that decide whether they are disputed), or whose counted thing has one of the words."""
    words = query_terms(topic)
    measures = with_wholes_and_parts(measures_for_topic(words))
    return await figures_about(session, measures=measures, words=words, limit=limit)


def topic_heading(topic: str, found: Slice[FigureEntry]) -> str:
    """The heading of /figures TOPIC, saying how many of the figures found it shows."""
    if not found.hidden:
        return _("Figures about “{topic}”").format(topic=topic)
    shown = len(found.rows)
    # The Ukrainian adjective agrees with the number shown ("20 найновіших").
    heading = n_(
        "Figures about “{topic}” (the newest {shown} of {total})",
        "Figures about “{topic}” (the newest {shown} of {total})",
        shown,
    )
    return heading.format(
        topic=topic, shown=amount(shown), total=amount(found.total, over=found.capped)
    )
