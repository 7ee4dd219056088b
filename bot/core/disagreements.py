"""Which figures earlier articles contradict or restate: shown after a load and in the digest."""

from __future__ import annotations

from collections.abc import Sequence

from briefings.entries import FigureEntry
from briefings.replies.load_briefs import Disagreement, find_disagreements
from briefings.vocabulary.measures import comparable_measures
from storage import Session, figures_measuring

# Earlier figures compared with a new article's, at most.
COMPARED_FIGURES = 500


async def earlier_figures(
    session: Session, figures: Sequence[FigureEntry], *, before_article: int
) -> list[FigureEntry]:
    """The figures of articles stored before one that measure what these figures measure."""
    measures = {m for f in figures if f.measure for m in comparable_measures(f.measure)}
    if not measures:
        return []
    return await figures_measuring(
        session, measures, before_article=before_article, limit=COMPARED_FIGURES
    )


async def disagreements_before(
    session: Session, figures: Sequence[FigureEntry], *, before_article: int
) -> list[Disagreement]:
    """The figures that claimants in articles stored before one contradict (loads, digests)."""
    earlier = await earlier_figures(session, figures, before_article=before_article)
    return find_disagreements(figures, earlier)
