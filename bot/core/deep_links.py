"""/start with a deep-link payload: open the card or figure group a shared link names.

`https://t.me/<bot>?start=a12` reaches the bot as "/start a12" (and `briefbot ask "/start a12"`
is the same line): the payload is parsed in one place (briefings.replies.share_links), and
resolved here against the store as it is now. /start without a payload is the help; a payload
that names nothing gets one sentence, and one whose actor or figures are gone another.
"""

from __future__ import annotations

from bot.core.actor_lookup import get_actor
from bot.core.questions import actor_card
from briefings.entries import FigureEntry
from briefings.replies.help_briefs import build_help
from briefings.replies.reply import Reply
from briefings.replies.share_briefs import build_bad_link, build_gone_link, build_group
from briefings.replies.share_links import ActorLink, GroupLink, Shared, group_members, parse_payload
from storage import Session, figures_of_group

# As many figures as /figures TOPIC shows.
GROUP_FIGURES = 60


async def start(session: Session, payload: str) -> Reply:
    """/start: the help; /start PAYLOAD: what a shared link names, or why it opens nothing."""
    if not payload:
        return build_help()
    subject = parse_payload(payload)
    if subject is None:
        return build_bad_link()
    opened = await open_shared(session, subject)
    return opened if opened is not None else build_gone_link()


async def open_shared(session: Session, subject: Shared) -> Reply | None:
    """The reply a link opens: an actor's card as /who NAME gives it, or a figure group's
    figures; None when the store no longer holds it."""
    if isinstance(subject, ActorLink):
        actor = await get_actor(session, subject.actor_id)
        return await actor_card(session, actor) if actor is not None else None
    return await group_reply(session, subject)


async def group_reply(session: Session, link: GroupLink) -> Reply | None:
    """A figure group's figures, each claimant's with its history; None when it has none."""
    figures = await linked_figures(session, link)
    return build_group(figures) if figures else None


async def linked_figures(session: Session, link: GroupLink) -> tuple[FigureEntry, ...]:
    """The newest figures of the group a link names (its family's measures, on its side)."""
    found = await figures_of_group(
        session, measures=group_members(link.measure), side=link.side, limit=GROUP_FIGURES
    )
    return found.rows
