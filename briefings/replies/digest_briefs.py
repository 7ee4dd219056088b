"""Compose the daily digest: what changed since a subscriber's last one, then the story in brief.

Every part is bounded, so that a digest always fits one Telegram message; the buttons under
it (/figures, /demands, /sources) give the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from briefings.entries import DemandEntry, FigureEntry, SourceEntry
from briefings.replies.citations import cite
from briefings.replies.counts import counted
from briefings.replies.figure_briefs import (
    CONTESTED_MARK,
    FigureGroup,
    figure_text,
    group_figures,
    series_label,
)
from briefings.replies.figure_wording import (
    Stated,
    figure_words,
    previous_value,
    series_of,
    value_words,
)
from briefings.replies.load_briefs import Disagreement, disagreement_line
from briefings.replies.reply import Line, Reply, blank, bold, italic, line, reply

NEW_ARTICLES = 5
NEW_FIGURES = 5
NEW_DEMANDS = 5
NEW_DISAGREEMENTS = 3
STATE_GROUPS = 3
STATE_PARTIES = 4
# Longest text of one fact in a digest, in characters; longer ones are cut at a word.
CLIP = 160
MORE = ("/figures", "/demands", "/sources")


@dataclass(frozen=True)
class DigestNews:
    """What the store gained since a subscriber's last digest."""

    articles: tuple[SourceEntry, ...] = ()
    figures: tuple[FigureEntry, ...] = ()
    demands: tuple[DemandEntry, ...] = ()
    disagreements: tuple[Disagreement, ...] = ()
    # Figures stored before the news that measure what its figures measure: what they restate.
    earlier: tuple[FigureEntry, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing was added."""
        return not self.articles


@dataclass(frozen=True)
class StoryState:
    """The story as it stands: the newest figures of each measure, and each party's demands."""

    figures: tuple[FigureEntry, ...] = ()
    demands: tuple[DemandEntry, ...] = ()
    totals: dict[str, int] = field(default_factory=dict)


def build_digest(day: date, news: DigestNews, state: StoryState) -> Reply:
    """One digest: the news (or that there is none), then the state of the story."""
    heading = line("🗞 ", bold(f"Ceasefire digest — {day:%A} {day.day} {day:%B %Y}"))
    lines = [heading, blank()]
    if news.empty:
        lines += [line("Nothing new since your last digest."), blank()]
    else:
        lines += _news_lines(news)
    lines += _state_lines(state)
    return reply(lines, MORE)


def _news_lines(news: DigestNews) -> list[Line]:
    """The new articles, figures, demands and disagreements, a few of each."""
    count = len(news.articles)
    lines = [line(bold(f"New since your last digest: {counted(count, 'article')}"))]
    lines += [_article_line(a) for a in news.articles[:NEW_ARTICLES]]
    lines += _more(count - NEW_ARTICLES, "article", "/sources")
    if news.disagreements:
        lines += [blank(), line(bold(f"{CONTESTED_MARK}New disagreements"))]
        lines += [disagreement_line(d) for d in news.disagreements[:NEW_DISAGREEMENTS]]
    if news.figures:
        lines += [blank(), line(bold("New figures"))]
        lines += [_figure_line(f, news.earlier) for f in news.figures[:NEW_FIGURES]]
        lines += _more(len(news.figures) - NEW_FIGURES, "figure", "/figures")
    if news.demands:
        lines += [blank(), line(bold("New demands and positions"))]
        lines += [_demand_line(d) for d in news.demands[:NEW_DEMANDS]]
        lines += _more(len(news.demands) - NEW_DEMANDS, "position", "/demands")
    return [*lines, blank()]


def _state_lines(state: StoryState) -> list[Line]:
    """Key figures with their claimants (contested first), and each party's newest position."""
    lines = [line(bold("The story so far"))]
    groups = [g for g in group_figures(state.figures) if g.family is not None]
    lines += [_group_line(group) for group in groups[:STATE_GROUPS]]
    newest: dict[str, DemandEntry] = {}
    for demand in state.demands:
        newest[demand.party] = demand
    parties = sorted(newest, key=lambda party: -state.totals.get(party, 0))[:STATE_PARTIES]
    lines += [_demand_line(newest[party]) for party in parties]
    if len(lines) == 1:
        lines.append(line("No articles loaded yet."))
    return lines


def _article_line(article: SourceEntry) -> Line:
    outlet = f" — {article.outlet}" if article.outlet else ""
    return line("• ", bold(f"[{article.id}]"), f" {clip(article.title)}{outlet}")


def _figure_line(figure: FigureEntry, earlier: Sequence[FigureEntry]) -> Line:
    """A new figure with what it counts, who claims it, and the claimant's value it changes."""
    claimant = f" by {figure.claimant}" if figure.claimant else ""
    before = previous_value(figure, earlier)
    change = ""
    if before is not None:
        change = f" (was {value_words(before)} {cite([before.article_id])})"
    words = f"{figure_text(figure)}{claimant}{change}"
    return line("• ", clip(words, CLIP + 40), " ", cite([figure.article_id]))


def _demand_line(demand: DemandEntry) -> Line:
    return line(
        "• ",
        bold(demand.party),
        " ",
        italic(demand.kind),
        f": {clip(demand.demand)} ",
        cite([demand.article_id]),
    )


def _group_line(group: FigureGroup) -> Line:
    """A measure's claims in one line: each claimant's newest value of each series, whole."""
    by_claimant: dict[str, list[FigureEntry]] = defaultdict(list)
    for figure in group.figures:
        by_claimant[figure.claimant or "unattributed"].append(figure)
    claims = "; ".join(
        f"{name} " + ", ".join(_newest_words(group, values) for values in series_of(rows))
        for name, rows in by_claimant.items()
    )
    mark = CONTESTED_MARK if group.contested else ""
    return line("• ", bold(f"{mark}{group.title}"), f": {clip(claims, CLIP * 3)}")


def _newest_words(group: FigureGroup, values: Sequence[Stated]) -> str:
    """A series' newest value, what it counts where the heading does not say, sourced."""
    newest = values[-1]
    label = series_label(group, newest.figure)
    return f"{figure_words(newest.figure, label)} {cite(newest.article_ids, limit=2)}"


def _more(hidden: int, what: str, command: str) -> list[Line]:
    """ "…and 3 more figures: /figures", the noun agreeing; nothing when none is hidden."""
    return (
        [line(italic(f"…and {counted(hidden, f'more {what}')}: {command}"))] if hidden > 0 else []
    )


def clip(text: str, limit: int = CLIP) -> str:
    """The text, cut at a word with an ellipsis when it is longer than limit."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"
