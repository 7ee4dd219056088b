"""Digests in each subscriber's language: composed once per language in a tick, sent in it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest_asyncio
from app_builders import make_settings

from bot.core.digest_composer import Composer
from bot.core.digest_delivery import send_due_digests
from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import Runtime, open_runtime
from briefings.i18n import ENGLISH, UKRAINIAN, current_language
from storage import subscribe
from tests.support.recording_digest_sender import RecordingDigestSender

DUE = datetime(2025, 3, 21, 6, 0, tzinfo=UTC)
DAY = date(2025, 3, 21)


@pytest_asyncio.fixture
async def runtime(
    seeded_store: Path, extraction_worker: ExtractionWorker
) -> AsyncIterator[Runtime]:
    """A runtime on the seeded store."""
    runtime = await open_runtime(make_settings(seeded_store), extraction_worker)
    try:
        yield runtime
    finally:
        await runtime.close()


async def add_subscribers(runtime: Runtime, languages: dict[int, str]) -> None:
    """Subscribers at 08:00 in Kyiv, due at DUE, each chat in its language."""
    async with runtime.sessions.begin() as session:
        for chat_id, language in languages.items():
            await subscribe(
                session,
                chat_id=chat_id,
                user_id=chat_id,
                local_time=time(8),
                zone="Europe/Kyiv",
                next_due_at=DUE,
                now=DUE - timedelta(days=1),
                language=language,
            )


async def test_a_digest_is_built_in_the_language_asked_once_per_language(
    runtime: Runtime,
) -> None:
    composer = Composer(runtime)
    english = await composer.digest(0, DAY)
    ukrainian = await composer.digest(0, DAY, UKRAINIAN)
    assert current_language() == ENGLISH
    assert (english.language, ukrainian.language) == (ENGLISH, UKRAINIAN)
    assert english.reply.plain.startswith("🗞 Ceasefire digest — Friday 21 March 2025")
    assert ukrainian.reply.plain != english.reply.plain
    assert await composer.digest(0, DAY, UKRAINIAN) is ukrainian
    assert english.newest_article_id == ukrainian.newest_article_id > 0


async def test_one_tick_sends_each_subscriber_their_language(runtime: Runtime) -> None:
    await add_subscribers(runtime, {301: UKRAINIAN, 302: ENGLISH, 303: UKRAINIAN, 304: ENGLISH})
    sender = RecordingDigestSender()
    report = await send_due_digests(runtime, sender, now=DUE)
    assert report.sent == 4
    sent = {chat: sender.to(chat)[0] for chat in (301, 302, 303, 304)}
    # One digest object per language, shared by its subscribers, and sent in that language.
    assert sent[301].digest is sent[303].digest
    assert sent[302].digest is sent[304].digest
    assert [sent[chat].language for chat in (301, 302, 303, 304)] == [UKRAINIAN, ENGLISH] * 2
    fresh = Composer(runtime)
    assert sent[302].text == (await fresh.digest(0, DAY, ENGLISH)).reply.plain
    assert sent[301].text == (await fresh.digest(0, DAY, UKRAINIAN)).reply.plain
    assert sent[301].text != sent[302].text
