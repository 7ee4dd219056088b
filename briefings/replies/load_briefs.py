"""Compose the admin replies: a load's progress and summary, /articles, and /remove with its confirm."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefings.entries import FigureEntry, Slice, SourceEntry
from briefings.replies.citations import cite
from briefings.replies.counts import counted
from briefings.replies.figure_briefs import CONTESTED_MARK, short_label
from briefings.replies.figure_comparison import contradicts
from briefings.replies.figure_wording import figure_words
from briefings.replies.reply import Line, Reply, blank, bold, italic, line, reply, text_reply
from briefings.vocabulary.measures import measure_family

MAX_DISAGREEMENTS = 6
CONFIRM_WORD = "yes"

READING = "📥 Reading the article…"
FETCHING = "🌐 Fetching {url}…"
DOWNLOADING = "📥 Downloading {name}…"
EXTRACTING = "🔎 Extracting actors, figures and demands…"
SAVING = "💾 Saving…"

LOAD_USAGE = (
    "To load an article, send one of:\n"
    "• /load followed by the article's text (or reply /load to a message holding it)\n"
    "• a .txt, .md or .html file with /load as its caption (or reply /load to the file)\n"
    "• /load https://… to fetch a web page"
)


@dataclass(frozen=True)
class LoadedArticle:
    """What a load stored: the article and how much of it is new to the store."""

    article_id: int
    title: str
    outlet: str | None
    published: str | None
    n_actors: int
    n_actors_new: int
    n_figures: int
    n_demands: int


@dataclass(frozen=True)
class Disagreement:
    """A new figure and the earlier figures of other claimants that give another value."""

    figure: FigureEntry
    earlier: tuple[FigureEntry, ...]


def find_disagreements(
    new: Sequence[FigureEntry], earlier: Sequence[FigureEntry]
) -> list[Disagreement]:
    """Each new figure that earlier claimants contradict on a comparable measure and side."""
    found = []
    for figure in new:
        against = tuple(other for other in earlier if contradicts(figure, other))
        if against:
            found.append(Disagreement(figure, against))
    return found


def build_loaded(article: LoadedArticle, disagreements: Sequence[Disagreement]) -> Reply:
    """The summary of a saved article, with the figures that disagree with earlier sources."""
    meta = ", ".join(part for part in (article.outlet, article.published) if part)
    lines = [
        line("✅ ", bold(f"Loaded as article [{article.article_id}]")),
        line(f"“{article.title}”", f" — {meta}" if meta else ""),
        line(
            f"{counted(article.n_actors, 'actor')} ({article.n_actors_new} new), "
            f"{counted(article.n_figures, 'figure')}, {counted(article.n_demands, 'demand')}."
        ),
    ]
    if disagreements:
        lines += [blank(), line(bold(f"{CONTESTED_MARK}Disagrees with earlier sources"))]
        lines += [disagreement_line(d) for d in disagreements[:MAX_DISAGREEMENTS]]
        if len(disagreements) > MAX_DISAGREEMENTS:
            hidden = len(disagreements) - MAX_DISAGREEMENTS
            lines.append(line(italic(f"…and {hidden} more; /figures shows them all.")))
    lines += [blank(), line(italic("Answers and the next digest include it from now on."))]
    return reply(lines, (f"/sources {article.article_id}", "/figures"))


def disagreement_line(disagreement: Disagreement) -> Line:
    """A new figure against the earlier claims it contradicts, in one line."""
    figure = disagreement.figure
    side = f" — {figure.measured_side}" if figure.measured_side else ""
    label = short_label(measure_family(figure.measure or ""))
    others = "; ".join(
        f"{claim_words(other)} by {other.claimant} {cite([other.article_id])}"
        for other in _distinct_claims(disagreement.earlier)
    )
    mine = f"{claim_words(figure)} by {figure.claimant} {cite([figure.article_id])}"
    return line("• ", bold(f"{label[:1].upper()}{label[1:]}{side}"), f": {mine} against {others}")


def claim_words(figure: FigureEntry) -> str:
    """A figure's words with its own measure where it is narrower than its family's."""
    measure = figure.measure or ""
    narrower = measure and measure != measure_family(measure)
    return figure_words(figure, f" {short_label(measure)}" if narrower else "")


def _distinct_claims(figures: Sequence[FigureEntry], limit: int = 3) -> list[FigureEntry]:
    """The newest figure of each earlier (claimant, value), the newest few of them."""
    seen: dict[tuple[str | None, float], FigureEntry] = {}
    for figure in figures:
        seen[(figure.claimant, figure.value)] = figure
    return list(seen.values())[-limit:]


def build_already_loaded(article_id: int, title: str) -> Reply:
    """The reply when the same text or address is already stored."""
    return text_reply(
        f"Already loaded as article [{article_id}] “{title}”; nothing changed.",
        (f"/sources {article_id}",),
    )


def build_load_failed(reason: str) -> Reply:
    """The reply when a load fails: the reason in one sentence, and that nothing changed."""
    failed = reply([line("❌ ", bold("Not loaded. "), reason, " The store is unchanged.")])
    return replace(failed, failed=True)


def build_load_usage() -> Reply:
    """How to load an article, for a bare /load."""
    return text_reply(LOAD_USAGE)


def build_admin_only(command: str) -> Reply:
    """The reply to a non-admin who sends an admin command."""
    return text_reply(f"/{command} is for admins. /help lists what you can use.", ("/help",))


def build_articles(articles: Slice[SourceEntry]) -> Reply:
    """The loaded articles, newest first: id, title, date and outlet."""
    if not articles.rows:
        return text_reply("No articles loaded yet. /load adds one.")
    shown = f"the newest {len(articles.rows)} of {articles.total:,}" if articles.hidden else ""
    lines = [line(bold("Loaded articles"), f" — {shown}" if shown else ""), blank()]
    lines += [_article_line(article) for article in articles.rows]
    lines += [blank(), line(italic("/remove N removes article N, after you confirm."))]
    return reply(lines)


def _article_line(article: SourceEntry) -> Line:
    published = article.published.isoformat() if article.published else "undated"
    outlet = f", {article.outlet}" if article.outlet else ""
    return line(bold(f"{article.id}."), f" {article.title} — {published}{outlet}")


def build_remove_prompt(article: SourceEntry) -> Reply:
    """Ask to confirm a removal, saying what goes with the article."""
    confirm = f"/remove {article.id} {CONFIRM_WORD}"
    return reply(
        [
            line("Remove article ", bold(f"[{article.id}]"), f" “{article.title}”?"),
            line(
                f"Its {article.n_figures} figures and {article.n_demands} demands go with it, "
                "and so do actors no other article mentions."
            ),
            line(italic(f"Press the button or send {confirm} to confirm.")),
        ],
        (confirm,),
    )


def build_removed(article: SourceEntry) -> Reply:
    """The reply after a removal."""
    return text_reply(
        f"🗑 Removed article [{article.id}] “{article.title}” with its "
        f"{counted(article.n_figures, 'figure')} and {counted(article.n_demands, 'demand')}. "
        "Answers no longer cite it."
    )


def build_no_article(wanted: str) -> Reply:
    """The reply when /remove names no stored article."""
    return text_reply(f"There is no article {wanted}. /articles lists them.", ("/articles",))


def build_remove_usage() -> Reply:
    """How to remove an article, for a bare or malformed /remove."""
    return text_reply("Send /remove N, where N is an article's number in /articles.")
