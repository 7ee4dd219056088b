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
from briefings.i18n import _, formats
from briefings.replies.citations import cite
from briefings.replies.counts import counted
from briefings.replies.demand_kinds import kind_label
from briefings.replies.figure_briefs import (
    CONTESTED_MARK,
    UNATTRIBUTED,
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
    was,
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
    heading = line("🗞 ", bold(_("Ceasefire digest — {day}").format(day=formats.full_day(day))))
    lines = [heading, blank()]
    if news.empty:
        lines += [line(_("Nothing new since your last digest.")), blank()]
    else:
        lines += _news_lines(news)
    lines += _state_lines(state)
    return reply(lines, MORE)


def _news_lines(news: DigestNews) -> list[Line]:
    """The new articles, figures, demands and disagreements, a few of each."""
    lines = _new_articles(news.articles)
    if news.disagreements:
        lines += [blank(), line(bold(CONTESTED_MARK + _("New disagreements")))]
        lines += [disagreement_line(d) for d in news.disagreements[:NEW_DISAGREEMENTS]]
    if news.figures:
        lines += [blank(), *_new_figures(news.figures, news.earlier)]
    if news.demands:
        lines += [blank(), *_new_demands(news.demands)]
    return [*lines, blank()]


def _new_articles(articles: Sequence[SourceEntry]) -> list[Line]:
    """How many articles are new, the first few, and how many more /sources lists."""
    count = counted(len(articles), "{n} article", "{n} articles")
    lines = [line(bold(_("New since your last digest: {articles}").format(articles=count)))]
    lines += [_article_line(a) for a in articles[:NEW_ARTICLES]]
    hidden = len(articles) - NEW_ARTICLES
    if hidden > 0:
        more = counted(
            hidden, "…and {n} more article: /sources", "…and {n} more articles: /sources"
        )
        lines.append(line(italic(more)))
    return lines


def _new_figures(figures: Sequence[FigureEntry], earlier: Sequence[FigureEntry]) -> list[Line]:
    """The first few new figures, and how many more /figures lists."""
    lines = [line(bold(_("New figures")))]
    lines += [_figure_line(f, earlier) for f in figures[:NEW_FIGURES]]
    hidden = len(figures) - NEW_FIGURES
    if hidden > 0:
        more = counted(hidden, "…and {n} more figure: /figures", "…and {n} more figures: /figures")
        lines.append(line(italic(more)))
    return lines


def _new_demands(demands: Sequence[DemandEntry]) -> list[Line]:
    """The first few new positions, and how many more /demands lists."""
    lines = [line(bold(_("New demands and positions")))]
    lines += [_demand_line(d) for d in demands[:NEW_DEMANDS]]
    hidden = len(demands) - NEW_DEMANDS
    if hidden > 0:
        more = counted(
            hidden, "…and {n} more position: /demands", "…and {n} more positions: /demands"
        )
        lines.append(line(italic(more)))
    return lines


def _state_lines(state: StoryState) -> list[Line]:
    """Key figures with their claimants (contested first), and each party's newest position."""
    lines = [line(bold(_("The story so far")))]
    groups = [g for g in group_figures(state.figures) if g.family is not None]
    lines += [_group_line(group) for group in groups[:STATE_GROUPS]]
    newest: dict[str, DemandEntry] = {}
    for demand in state.demands:
        newest[demand.party] = demand
    parties = sorted(newest, key=lambda party: -state.totals.get(party, 0))[:STATE_PARTIES]
    lines += [_demand_line(newest[party]) for party in parties]
    if len(lines) == 1:
        lines.append(line(_("No articles loaded yet.")))
    return lines


def _article_line(article: SourceEntry) -> Line:
    outlet = f" — {article.outlet}" if article.outlet else ""
    return line("• ", bold(f"[{article.id}]"), f" {clip(article.title)}{outlet}")


def _figure_line(figure: FigureEntry, earlier: Sequence[FigureEntry]) -> Line:
    """A new figure with what it counts, who claims it, and the claimant's value it changes."""
    words = figure_text(figure)
    if figure.claimant:
        # i18n: a new figure in the digest, and who claims it: "46,000 — soldiers killed by Kyiv"
        words = _("{figure} by {claimant}").format(figure=words, claimant=figure.claimant)
    before = previous_value(figure, earlier)
    if before is not None:
        words += " " + was(f"{value_words(before)} {cite([before.article_id])}")
    return line("• ", clip(words, CLIP + 40), " ", cite([figure.article_id]))


def _demand_line(demand: DemandEntry) -> Line:
    return line(
        "• ",
        bold(demand.party),
        " ",
        italic(kind_label(demand.kind)),
        f": {clip(demand.demand)} ",
        cite([demand.article_id]),
    )


def _group_line(group: FigureGroup) -> Line:
    """A measure's claims in one line: each claimant's newest value of each series, whole."""
    by_claimant: dict[str, list[FigureEntry]] = defaultdict(list)
    unattributed = _(UNATTRIBUTED)
    for figure in group.figures:
        by_claimant[figure.claimant or unattributed].append(figure)
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


def clip(text: str, limit: int = CLIP) -> str:
    """The text, cut at a word with an ellipsis when it is longer than limit."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"
