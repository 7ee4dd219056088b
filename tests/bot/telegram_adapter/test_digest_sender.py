"""Tests for bot.telegram_adapter.digest_sender: Telegram's answers as outcomes, one render per digest."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from app_builders import TOKEN
from telegram import Bot
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

import bot.telegram_adapter.digest_sender as digest_sender
from bot.core.digest_composer import Digest
from bot.core.digest_sender import Failure, NotSent, Sent
from bot.telegram_adapter.digest_sender import (
    RenderedDigest,
    TelegramDigestSender,
    not_sent,
    render_digest,
)
from bot.telegram_adapter.rendering import render_pages
from briefings.i18n import ENGLISH, UKRAINIAN, current_language, use_language
from briefings.replies.reply import bold, line, reply
from tests.support.bot_api_calls import Fault
from tests.support.recording_request import RecordingRequest

CHAT = 3131
DIGEST = Digest(reply([line(bold("🗞 Ceasefire digest")), line("A & B")], ("/who",)), 7)


@pytest_asyncio.fixture
async def sender(recorder: RecordingRequest) -> AsyncIterator[TelegramDigestSender]:
    """A sender over a Bot whose calls the recorder answers."""
    async with Bot(TOKEN, request=recorder, get_updates_request=RecordingRequest()) as bot:
        recorder.clear()
        yield TelegramDigestSender(bot)


async def test_a_digest_is_sent_as_one_html_page_with_its_buttons(
    sender: TelegramDigestSender, recorder: RecordingRequest
) -> None:
    assert await sender.send(CHAT, DIGEST) == Sent(1)
    assert await sender.send(CHAT, DIGEST) == Sent(2)
    call = recorder.calls("sendMessage")[0]
    assert (
        call.params["text"]
        == render_pages(DIGEST.reply)[0]
        == "<b>🗞 Ceasefire digest</b>\nA &amp; B"
    )
    assert call.params["parse_mode"] == "HTML"
    assert call.params["link_preview_options"] == {"is_disabled": True}
    [[button]] = call.params["reply_markup"]["inline_keyboard"]
    assert (button["text"], button["callback_data"]) == ("/who", "cmd:/who")


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (
            Fault.forbidden(),
            NotSent(Failure.BLOCKED, "blocked: Forbidden: bot was blocked by the user"),
        ),
        (Fault.bad_request("chat not found"), NotSent(Failure.GONE, "refused: Chat not found")),
        (
            Fault.bad_request("message is too long"),
            NotSent(Failure.REFUSED, "refused: Message is too long"),
        ),
        (Fault.server_error(), NotSent(Failure.RETRY_LATER, "NetworkError: Internal Server Error")),
        (
            Fault.too_many_requests(1),
            NotSent(Failure.RETRY_LATER, "RetryAfter: Flood control exceeded. Retry in 0:00:01"),
        ),
    ],
)
async def test_each_telegram_refusal_is_an_outcome_with_the_error_recorded(
    sender: TelegramDigestSender, recorder: RecordingRequest, fault: Fault, expected: NotSent
) -> None:
    recorder.inject("sendMessage", fault)
    assert await sender.send(CHAT, DIGEST) == expected


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (Forbidden("Forbidden: bot was kicked"), Failure.BLOCKED),
        (BadRequest("Chat not found"), Failure.GONE),
        (BadRequest("Can't parse entities"), Failure.REFUSED),
        (RetryAfter(5), Failure.RETRY_LATER),
        (TimedOut(), Failure.RETRY_LATER),
        (NetworkError("connection reset"), Failure.RETRY_LATER),
    ],
)
def test_telegram_errors_map_to_failures(error: TelegramError, expected: Failure) -> None:
    assert not_sent(error).failure == expected


def test_a_network_error_is_recorded_with_its_type() -> None:
    assert not_sent(TimedOut()) == NotSent(Failure.RETRY_LATER, "TimedOut: Timed out")


async def test_a_digest_shared_by_many_chats_is_rendered_once(
    sender: TelegramDigestSender, recorder: RecordingRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[Digest] = []

    def counting(digest: Digest) -> RenderedDigest:
        rendered.append(digest)
        return render_digest(digest)

    monkeypatch.setattr(digest_sender, "render_digest", counting)
    other = Digest(reply([line("Another day")]), 8)
    for chat in range(10):
        await sender.send(CHAT + chat, DIGEST)
    await sender.send(CHAT, other)
    await sender.send(CHAT + 1, other)
    assert rendered == [DIGEST, other]
    assert len(recorder.calls("sendMessage")) == 12


@pytest.mark.parametrize(("paid", "flag"), [(True, True), (False, None)])
async def test_a_digest_is_a_paid_broadcast_only_when_allowed(
    sender: TelegramDigestSender, recorder: RecordingRequest, paid: bool, flag: bool | None
) -> None:
    # ALLOW_PAID_BROADCAST: Telegram charges Stars for these, so the default sender sends none.
    if paid:
        sender.paid_broadcast = True
    assert await sender.send(CHAT, DIGEST) == Sent(1)
    [call] = recorder.calls("sendMessage")
    assert call.params.get("allow_paid_broadcast") is flag


async def test_a_shared_digest_is_rendered_once_per_language_with_labels_in_each(
    sender: TelegramDigestSender, recorder: RecordingRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[str] = []

    def counting(digest: Digest) -> RenderedDigest:
        rendered.append(current_language())
        return render_digest(digest)

    monkeypatch.setattr(digest_sender, "render_digest", counting)
    charted = Digest(reply([line("Figures")], ("/chart killed",)), 9)
    for chat, language in enumerate([UKRAINIAN, ENGLISH, UKRAINIAN, ENGLISH]):
        with use_language(language):
            await sender.send(CHAT + chat, charted)

    labels = [
        c.params["reply_markup"]["inline_keyboard"][0][0]["text"]
        for c in recorder.calls("sendMessage")
    ]
    assert labels == ["📈 Графік", "📈 Chart", "📈 Графік", "📈 Chart"]
    assert rendered == [UKRAINIAN, ENGLISH]
