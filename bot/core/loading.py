"""Load articles into the store: read, extract in the worker process, save in one transaction.

Every way in (pasted text, an uploaded file, a web address, a local file in the console or
the CLI) becomes an `ArticleInput`; `load_article` reads it into a `SourceText`, extracts its
facts in the extraction worker's process within `EXTRACTION_TIMEOUT_SECONDS` (the event loop
keeps answering other users meanwhile; an article over the limit is refused in one sentence,
see bot/core/extraction_worker.py), and saves the article with its facts in one transaction
under the store's write lock. Anything that fails before the commit leaves the store exactly
as it was.

A text already stored is recognised before extraction, by the address it was fetched from
(before fetching) or by its text's hash (once read), so a repeat costs no pipeline run. The
save refuses a duplicate again inside its transaction: two loads of one text at once both
pass the early check, and the store lets only one of them in.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from bot.core.article_inputs import (
    ArticleInput,
    LocalFile,
    PastedText,
    Progress,
    UploadedFile,
    WebAddress,
    no_progress,
)
from bot.core.disagreements import disagreements_before
from bot.core.fetching import fetch_page
from bot.core.runtime import Runtime
from bot.settings import Settings
from briefings.errors import DuplicateArticleError, InputError
from briefings.i18n import N_, _
from briefings.identity.rules import IDENTITY_RULES
from briefings.model import ExtractedArticle, SourceText
from briefings.reading.articles import check_size, read_article, read_path
from briefings.replies.load_briefs import (
    DOWNLOADING,
    EXTRACTING,
    FETCHING,
    READING,
    SAVING,
    Disagreement,
    LoadedArticle,
    build_already_loaded,
    build_load_failed,
    build_loaded,
)
from briefings.replies.reply import Reply
from storage import (
    ArticleSummary,
    SavedArticle,
    StoreError,
    describe_store_failure,
    figures_of_article,
    find_article_by_hash,
    find_article_by_source,
    is_unreachable,
    save_extracted,
)

log = logging.getLogger(__name__)

# The source name of pasted text: stored with the article (and its title when it has none),
# so in the store's one language, not the reader's.
PASTED = "pasted text"
# The sentences of a failure whose details go to the log, for one load or many (translated
# where the failure is told, by store_refusal).
REFUSED = N_("The database refused the article; the log has the details.")
UNEXPECTED = N_("Something unexpected went wrong; the log has the details.")


@dataclass(frozen=True)
class LoadOutcome:
    """What became of one input: saved, already there, or refused with a reason."""

    source: str
    saved: SavedArticle | None = None
    duplicate_of: int | None = None
    error: str | None = None

    @property
    def failed(self) -> bool:
        """True when the input was refused."""
        return self.error is not None


async def load_article(
    runtime: Runtime, article: ArticleInput, progress: Progress = no_progress
) -> Reply:
    """Load one article and say what happened; a failure leaves the store as it was."""
    try:
        known = await _already_loaded(runtime, article)
        if known is not None:
            return known
        source = await _read(runtime, article, progress)
        stored = await stored_copy(runtime, source)
        if stored is not None:
            return build_already_loaded(stored.id, stored.title)
        await progress(_(EXTRACTING))
        extracted = await _extract(runtime, source)
        await progress(_(SAVING))
        saved = await save_article(runtime, extracted)
        return build_loaded(_loaded(saved, source), await _disagreements(runtime, saved))
    except DuplicateArticleError as duplicate:
        return build_already_loaded(duplicate.article_id, duplicate.title)
    except InputError as error:
        return build_load_failed(str(error))
    except StoreError as error:
        log.exception("saving an article failed")
        return build_load_failed(store_refusal(error, otherwise=REFUSED))
    except Exception as error:
        # A store gone down mid-load may raise the driver's own error (a refused reconnect).
        log.exception("loading an article failed")
        return build_load_failed(store_refusal(error, otherwise=UNEXPECTED))


def store_refusal(error: BaseException, *, otherwise: str) -> str:
    """The sentence for a load the store failed: what failed, when known; otherwise `otherwise`
    (a catalog message, such as REFUSED)."""
    return describe_store_failure(error) if is_unreachable(error) else _(otherwise)


async def _already_loaded(runtime: Runtime, article: ArticleInput) -> Reply | None:
    """The reply for an address loaded before, without fetching it again; None otherwise."""
    if not isinstance(article, WebAddress):
        return None
    async with runtime.sessions() as session:
        found = await find_article_by_source(session, source=article.url)
    return build_already_loaded(found.id, found.title) if found else None


async def stored_copy(runtime: Runtime, source: SourceText) -> ArticleSummary | None:
    """The stored article with the same normalised text as source, if any."""
    async with runtime.sessions() as session:
        return await find_article_by_hash(session, content_hash=source.content_hash)


async def _read(runtime: Runtime, article: ArticleInput, progress: Progress) -> SourceText:
    """Turn an input into a SourceText, off the event loop; raises InputError."""
    max_bytes = runtime.settings.max_input_bytes
    if isinstance(article, LocalFile):
        await progress(_(READING))
        return await asyncio.to_thread(read_path, article.path, max_bytes=max_bytes)
    if isinstance(article, PastedText):
        await progress(_(READING))
        raw, name, content_type = article.text.encode(), PASTED, None
    elif isinstance(article, UploadedFile):
        await progress(_(DOWNLOADING).format(name=article.name))
        check_size(article.size or 0, max_bytes, source=article.name)
        raw, name, content_type = await article.download(), article.name, article.mime_type
    else:
        await progress(_(FETCHING).format(url=article.url))
        page = await fetch_page(article.url, runtime.settings)
        raw, name, content_type = page.body, article.url, page.content_type
    return await asyncio.to_thread(
        read_article, raw, source=name, max_bytes=max_bytes, content_type=content_type
    )


async def _extract(runtime: Runtime, source: SourceText) -> ExtractedArticle:
    """The article's facts from the worker process, within the time limit; raises InputError."""
    budget = extraction_budget(runtime.settings, source)
    return await runtime.extraction.extract(source, budget=budget)


def extraction_budget(settings: Settings, source: SourceText) -> float:
    """Seconds allowed to find a source's facts: the largest article's limit, scaled by length.

    A text of MAX_INPUT_BYTES characters gets EXTRACTION_TIMEOUT_SECONDS; a shorter one its
    share, but at least EXTRACTION_MIN_SECONDS (never more than the limit itself). So a
    hostile page of a few kilobytes holds the worker for seconds, not for the largest
    article's twenty minutes.
    """
    limit = settings.extraction_timeout_seconds
    share = limit * len(source.text) / settings.max_input_bytes
    return min(limit, max(settings.extraction_min_seconds, share))


async def save_article(runtime: Runtime, extracted: ExtractedArticle) -> SavedArticle:
    """Save an article and its facts in one transaction; raises DuplicateArticleError."""
    # One save at a time in this process; the store's write lock covers other processes.
    async with runtime.write_lock, runtime.sessions.begin() as session:
        return await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)


async def _disagreements(runtime: Runtime, saved: SavedArticle) -> list[Disagreement]:
    """The new article's figures that earlier articles' claimants contradict."""
    async with runtime.sessions() as session:
        new = await figures_of_article(session, saved.article_id)
        return await disagreements_before(session, new, before_article=saved.article_id)


def _loaded(saved: SavedArticle, source: SourceText) -> LoadedArticle:
    """The summary of a save, with the metadata the reader found."""
    return LoadedArticle(
        article_id=saved.article_id,
        title=saved.title,
        outlet=source.outlet,
        published=source.published.isoformat() if source.published else None,
        n_actors=saved.n_actors,
        n_actors_new=saved.n_actors_new,
        n_figures=saved.n_figures,
        n_demands=saved.n_demands,
    )
