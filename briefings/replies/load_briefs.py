"""Compose the admin replies: a load's progress and summary, /articles, and /remove with its confirm."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefings.entries import FigureEntry, Slice, SourceEntry
from briefings.i18n import N_, _, n_
from briefings.replies.citations import cite
from briefings.replies.counts import amount, counted
from briefings.replies.figure_briefs import CONTESTED_MARK, label_after_number, short_label
from briefings.replies.figure_comparison import contradicts
from briefings.replies.figure_wording import figure_words
from briefings.replies.reply import (
    Line,
    Reply,
    Segment,
    blank,
    bold,
    italic,
    line,
    reply,
    text_reply,
)
from briefings.vocabulary.measures import measure_family
from briefings.vocabulary.sides import country_label

MAX_DISAGREEMENTS = 6
# A word of the /remove command (typed, and in its button): the same in every language.
CONFIRM_WORD = "yes"

# A load's stages, shown as it goes: translated where shown, `_(READING)`.
READING = N_("📥 Reading the article…")
FETCHING = N_("🌐 Fetching {url}…")
DOWNLOADING = N_("📥 Downloading {name}…")
EXTRACTING = N_("🔎 Extracting actors, figures and demands…")
SAVING = N_("💾 Saving…")

LOAD_USAGE = N_(
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
        line("✅ ", bold(_("Loaded as article [{id}]").format(id=article.article_id))),
        line(quoted(article.title), f" — {meta}" if meta else ""),
        line(_found(article)),
    ]
    if disagreements:
        lines += [blank(), line(bold(CONTESTED_MARK + _("Disagrees with earlier sources")))]
        lines += [disagreement_line(d) for d in disagreements[:MAX_DISAGREEMENTS]]
        if len(disagreements) > MAX_DISAGREEMENTS:
            hidden = amount(len(disagreements) - MAX_DISAGREEMENTS)
            lines.append(
                line(italic(_("…and {n} more; /figures shows them all.").format(n=hidden)))
            )
    lines += [blank(), line(italic(_("Answers and the next digest include it from now on.")))]
    return reply(lines, (f"/sources {article.article_id}", "/figures"))


def _found(article: LoadedArticle) -> str:
    """What the load found: '9 actors (4 new), 6 figures, 3 demands.'"""
    return _("{actors} ({new} new), {figures}, {demands}.").format(
        actors=counted(article.n_actors, "{n} actor", "{n} actors"),
        new=amount(article.n_actors_new),
        figures=counted(article.n_figures, "{n} figure", "{n} figures"),
        demands=counted(article.n_demands, "{n} demand", "{n} demands"),
    )


def quoted(title: str) -> str:
    """An article's title in the language's quotation marks: “Talks in Paris”."""
    # i18n: an article's title in quotation marks (Ukrainian: «{title}»)
    return _("“{title}”").format(title=title)


def disagreement_line(disagreement: Disagreement) -> Line:
    """A new figure against the earlier claims it contradicts, in one line."""
    figure = disagreement.figure
    side = f" — {country_label(figure.measured_side)}" if figure.measured_side else ""
    label = short_label(measure_family(figure.measure or ""))
    others = "; ".join(_claimed(other) for other in _distinct_claims(disagreement.earlier))
    against = _("{new} against {earlier}").format(new=_claimed(figure), earlier=others)
    return line("• ", bold(f"{label[:1].upper()}{label[1:]}{side}"), ": ", against)


def _claimed(figure: FigureEntry) -> str:
    """A figure with who claims it and where: '43,000 soldiers killed by Zelenskyy [3]'."""
    # i18n: a figure, who claims it, and the article it comes from ("[3]")
    return _("{figure} by {claimant} {source}").format(
        figure=claim_words(figure), claimant=figure.claimant, source=cite([figure.article_id])
    )


def claim_words(figure: FigureEntry) -> str:
    """A figure's words with its own measure where it is narrower than its family's."""
    measure = figure.measure or ""
    narrower = measure and measure != measure_family(measure)
    return figure_words(figure, f" {label_after_number(measure)}" if narrower else "")


def _distinct_claims(figures: Sequence[FigureEntry], limit: int = 3) -> list[FigureEntry]:
    """The newest figure of each earlier (claimant, value), the newest few of them."""
    seen: dict[tuple[str | None, float], FigureEntry] = {}
    for figure in figures:
        seen[(figure.claimant, figure.value)] = figure
    return list(seen.values())[-limit:]


def build_already_loaded(article_id: int, title: str) -> Reply:
    """The reply when the same text or address is already stored."""
    return text_reply(
        _("Already loaded as article [{id}] “{title}”; nothing changed.").format(
            id=article_id, title=title
        ),
        (f"/sources {article_id}",),
    )


def build_load_failed(reason: str) -> Reply:
    """The reply when a load fails: the reason in one sentence, and that nothing changed."""
    unchanged = _("The store is unchanged.")
    failed = reply([line("❌ ", bold(_("Not loaded.") + " "), reason, " " + unchanged)])
    return replace(failed, failed=True)


def build_load_usage() -> Reply:
    """How to load an article, for a bare /load."""
    return text_reply(_(LOAD_USAGE))


def build_admin_only(command: str) -> Reply:
    """The reply to a non-admin who sends an admin command."""
    refusal = _("/{command} is for admins. /help lists what you can use.")
    return text_reply(refusal.format(command=command), ("/help",))


def build_articles(articles: Slice[SourceEntry]) -> Reply:
    """The loaded articles, newest first: id, title, date and outlet."""
    if not articles.rows:
        return text_reply(_("No articles loaded yet. /load adds one."))
    shown = ""
    if articles.hidden:
        count = len(articles.rows)
        # The Ukrainian adjective agrees with the number shown ("найновіші 20").
        newest = n_("the newest {shown} of {total}", "the newest {shown} of {total}", count)
        shown = newest.format(shown=amount(count), total=amount(articles.total))
    lines = [line(bold(_("Loaded articles")), f" — {shown}" if shown else ""), blank()]
    lines += [_article_line(article) for article in articles.rows]
    lines += [blank(), line(italic(_("/remove N removes article N, after you confirm.")))]
    return reply(lines)


def _article_line(article: SourceEntry) -> Line:
    published = article.published.isoformat() if article.published else _("undated")
    outlet = f", {article.outlet}" if article.outlet else ""
    return line(bold(f"{article.id}."), f" {article.title} — {published}{outlet}")


def build_remove_prompt(article: SourceEntry) -> Reply:
    """Ask to confirm a removal, saying what goes with the article."""
    confirm = f"/remove {article.id} {CONFIRM_WORD}"
    question = _("Remove article {number} “{title}”?")
    going = _("Its {figures} and {demands} go with it, and so do actors no other article mentions.")
    return reply(
        [
            line(*_bold_within(question, "number", f"[{article.id}]", title=article.title)),
            line(
                going.format(
                    figures=counted(article.n_figures, "{n} figure", "{n} figures"),
                    demands=counted(article.n_demands, "{n} demand", "{n} demands"),
                )
            ),
            line(
                italic(_("Press the button or send {command} to confirm.").format(command=confirm))
            ),
        ],
        (confirm,),
    )


def _bold_within(message: str, field: str, text: str, **values: str) -> list[Segment | str]:
    """A translated message as segments, its `{field}` placeholder filled with bold text (the
    translation may move it) and the others with values."""
    before, marker, after = message.partition("{" + field + "}")
    if not marker:
        return [message.format(**values)]
    return [before.format(**values), bold(text), after.format(**values)]


def build_removed(article: SourceEntry) -> Reply:
    """The reply after a removal."""
    removed = _(
        "🗑 Removed article [{id}] “{title}” with its {figures} and {demands}. "
        "Answers no longer cite it."
    )
    return text_reply(
        removed.format(
            id=article.id,
            title=article.title,
            figures=counted(article.n_figures, "{n} figure", "{n} figures"),
            demands=counted(article.n_demands, "{n} demand", "{n} demands"),
        )
    )


def build_no_article(wanted: str) -> Reply:
    """The reply when /remove names no stored article."""
    missing = _("There is no article {number}. /articles lists them.").format(number=wanted)
    return text_reply(missing, ("/articles",))


def build_remove_usage() -> Reply:
    """How to remove an article, for a bare or malformed /remove."""
    return text_reply(_("Send /remove N, where N is an article's number in /articles."))
