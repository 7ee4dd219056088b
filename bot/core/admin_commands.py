"""Admin commands of the command core: /load, /articles, /remove (after a confirm) and /stats."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path

from bot.core import arguments
from bot.core.article_inputs import ArticleInput, LocalFile, PastedText, WebAddress
from bot.core.callers import Caller
from bot.core.clock import utc_now
from bot.core.runtime import Runtime
from briefings.entries import SourceEntry
from briefings.i18n import N_, _
from briefings.replies.load_briefs import (
    build_articles,
    build_load_usage,
    build_no_article,
    build_remove_prompt,
    build_remove_usage,
    build_removed,
)
from briefings.replies.ops_briefs import build_stats
from briefings.replies.reply import Reply, text_reply
from storage import ArticleSummary, delete_article, get_source, list_sources, store_stats

ARTICLES_SHOWN = 40
ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm"})
REFUSED_CHANGE = N_("That button has expired; send the command again.")
# An address's scheme, read without parsing the rest: urlsplit raises on "http://[" (an
# unclosed IPv6 bracket); the fetcher refuses such an address in one sentence.
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")


AdminHandler = Callable[[Runtime, str, Caller], Awaitable[Reply]]


async def load(runtime: Runtime, argument: str, caller: Caller) -> Reply:
    """/load TEXT, /load URL, or (console) /load PATH: read, extract and save one article."""
    if not argument.strip():
        return build_load_usage()
    if not caller.may_change:
        return text_reply(_(REFUSED_CHANGE))
    # Imported at the first load: the loader brings spaCy, the HTML reader and the fetcher,
    # which the other commands never need (see tests/bot/terminal/test_cli_imports.py).
    from bot.core.loading import load_article

    return await load_article(runtime, article_input(argument, caller), caller.progress)


def article_input(argument: str, caller: Caller) -> ArticleInput:
    """What the text after /load names: a web address, a local file (console only), or text.

    An address loses its control and format characters (bot.core.arguments.clean): no address
    holds one unencoded, and text copied next to right-to-left script often carries marks.
    """
    word = argument.strip()
    if " " not in word and "\n" not in word:
        scheme = _SCHEME.match(word)
        if scheme is not None and scheme.group(1).lower() in {"http", "https"}:
            return WebAddress(arguments.clean(word))
        if caller.local_files and _looks_like_path(word):
            return LocalFile(Path(word).expanduser())
    return PastedText(argument)


def _looks_like_path(word: str) -> bool:
    """True for a word that names an existing file, has a folder in it, or an article's suffix."""
    path = Path(word).expanduser()
    return path.exists() or "/" in word or path.suffix.lower() in ARTICLE_SUFFIXES


async def articles(runtime: Runtime, argument: str, caller: Caller) -> Reply:
    """/articles: what is loaded, newest first (id, title, date, outlet)."""
    async with runtime.sessions() as session:
        return build_articles(await list_sources(session, limit=ARTICLES_SHOWN))


async def remove(runtime: Runtime, argument: str, caller: Caller) -> Reply:
    """/remove N asks to confirm; /remove N yes deletes article N and the facts only it supports."""
    asked = arguments.removal(argument)
    if asked is None:
        return build_remove_usage()
    article_id = asked.article_id
    if not asked.confirmed:
        async with runtime.sessions() as session:
            found = await get_source(session, article_id)
        return build_remove_prompt(found) if found else build_no_article(str(article_id))
    if not caller.may_change:
        return text_reply(_(REFUSED_CHANGE))
    async with runtime.write_lock, runtime.sessions.begin() as session:
        removed = await delete_article(session, article_id=article_id)
    return build_removed(_entry(removed)) if removed else build_no_article(str(article_id))


async def stats(runtime: Runtime, argument: str, caller: Caller) -> Reply:
    """/stats: what the store holds, and the digests sent and failed today (UTC) and waiting."""
    now = utc_now()
    day_start = datetime.combine(now.date(), datetime.min.time(), now.tzinfo)
    lease = timedelta(seconds=runtime.settings.digest_claim_lease_seconds)
    async with runtime.sessions() as session:
        figures = await store_stats(session, now=now, day_start=day_start, lease=lease)
    return build_stats(figures, _("today (UTC)"))


def _entry(summary: ArticleSummary) -> SourceEntry:
    """A removed article as the replies describe articles."""
    return SourceEntry(
        summary.id,
        summary.title,
        summary.outlet,
        summary.published,
        summary.n_actors,
        summary.n_figures,
        summary.n_demands,
    )


# Every admin command, by name.
ADMIN_HANDLERS: dict[str, AdminHandler] = {
    "load": load,
    "articles": articles,
    "remove": remove,
    "stats": stats,
}
