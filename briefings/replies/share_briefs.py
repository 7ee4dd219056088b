"""Compose what sharing needs: replies marked with what they share, the sentences for a link
that opens nothing, and the sources a shared card or group carries outside the bot.

A reply shares one subject or nothing: an actor's card, or an answer whose figures make one
measured group (/figures TOPIC, /ask, a deep link). An answer of several groups, such as the
/figures overview, shares nothing: a "Share" button under it that sent one of its groups would
send less than the reader sees, and inline mode (@bot TOPIC) shares any one group of it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from briefings.entries import ActorEntry, FigureEntry, SourceDate
from briefings.i18n import N_, _, formats
from briefings.replies.counts import counted
from briefings.replies.figure_briefs import (
    CONTESTED_MARK,
    FigureGroup,
    build_figures,
    group_figures,
)
from briefings.replies.reply import Line, Reply, Share, blank, bold, italic, line, reply
from briefings.replies.share_links import ActorLink, GroupLink, payload_of

# The most sources a shared message lists, and the characters of each one's title.
SHARED_SOURCES = 10
SOURCE_TITLE_CHARS = 90
DESCRIPTION_CHARS = 120
_CITATION = re.compile(r"\[([1-9][0-9]{0,9})\]")
# i18n: the answer to /start with a link (t.me/…?start=…) that is not one the bot makes
BAD_LINK = N_("That link does not open anything here: it may have been cut or mistyped.")
# i18n: the answer to /start with a link to a card or figures no longer in the articles
GONE_LINK = N_("What that link opened is no longer in the articles.")
# i18n: the heading of figures opened by a shared link (the group's own heading follows)
GROUP_HEADING = N_("Figures and who claims them")


def share_card(card: Reply, actor: ActorEntry) -> Reply:
    """An actor's card, marked as sharing that card under the actor's name."""
    payload = payload_of(ActorLink(actor.id))
    return replace(card, share=Share(payload, actor.name)) if payload else card


def share_one_group(answer: Reply, figures: Sequence[FigureEntry]) -> Reply:
    """An answer of figures, marked as sharing their group when they make exactly one group
    of a measure; an answer of several groups, or of figures measuring nothing, shares none."""
    groups = group_figures(figures)
    if len(groups) != 1:
        return answer
    share = group_share(groups[0])
    return replace(answer, share=share) if share else answer


def group_share(group: FigureGroup) -> Share | None:
    """What sharing a figure group shares: its link and heading; None for unmeasured figures."""
    if group.family is None:
        return None
    payload = payload_of(GroupLink(group.family, group.side))
    return Share(payload, group.title) if payload else None


def build_group(figures: Sequence[FigureEntry]) -> Reply:
    """The figures of one group, as a link opens them: every claimant's values with their
    whole history, sourced, and marked as sharing the group."""
    return share_one_group(build_figures(figures, _(GROUP_HEADING), history=True), figures)


def build_bad_link() -> Reply:
    """The reply to /start with a payload that names nothing the bot makes, marked not done
    (as an argument refused: `briefbot ask` exits 1)."""
    answer = reply([line(_(BAD_LINK), " ", _("/help lists the commands."))], ("/help",))
    return replace(answer, failed=True)


def build_gone_link() -> Reply:
    """The reply to /start with a payload whose card or group is no longer in the store,
    marked not done."""
    answer = reply([line(_(GONE_LINK), " ", _("/help lists the commands."))], ("/help",))
    return replace(answer, failed=True)


def cited_articles(answer: Reply) -> list[int]:
    """The articles an answer cites as [n], by number."""
    return sorted({int(n) for n in _CITATION.findall(answer.plain)})


def build_source_notes(articles: Sequence[int], sources: Mapping[int, SourceDate]) -> list[Line]:
    """The sources an answer cites, for a message read outside the bot, where /sources is
    not at hand: "[1] Title — Outlet, 8 Dec 2024", the first few, then how many more."""
    known = [sources[n] for n in articles if n in sources]
    if not known:
        return []
    lines = [blank(), line(bold(_("Sources")))]
    lines += [_source_note(source) for source in known[:SHARED_SOURCES]]
    hidden = len(known) - SHARED_SOURCES
    if hidden > 0:
        lines.append(
            line(italic(counted(hidden, "…and {n} more article.", "…and {n} more articles.")))
        )
    return lines


def _source_note(source: SourceDate) -> Line:
    """One source: its number, title, outlet and publication day."""
    title = clip(source.title, SOURCE_TITLE_CHARS)
    # i18n: in place of an article's date, when it gives none
    day = formats.day(source.published) if source.published else _("undated")
    where = ", ".join(part for part in (source.outlet, day) if part)
    return line(bold(f"[{source.id}]"), f" {title} — {where}")


def actor_description(actor: ActorEntry) -> str:
    """One line under an actor in inline results: its role and how many articles cite it."""
    role = actor.roles[0].role if actor.roles else actor.role
    cited = counted(actor.n_articles, "{n} article", "{n} articles")
    return clip(f"{role} · {cited}" if role else cited, DESCRIPTION_CHARS)


def group_title(group: FigureGroup) -> str:
    """A figure group's title in inline results, ⚠️ when its sources disagree."""
    return f"{CONTESTED_MARK if group.contested else ''}{group.title}"


def group_description(group: FigureGroup) -> str:
    """One line under a figure group in inline results: its claimants and figures counted."""
    claimants = len({figure.claimant for figure in group.figures})
    parts = [
        counted(claimants, "{n} claimant", "{n} claimants"),
        counted(len(group.figures), "{n} figure", "{n} figures"),
    ]
    if group.contested:
        parts.append(_("sources disagree"))
    return clip(", ".join(parts), DESCRIPTION_CHARS)


def clip(text: str, most: int) -> str:
    """A text cut to at most `most` characters, with … where it was cut."""
    return text if len(text) <= most else f"{text[: most - 1].rstrip()}…"
