"""Tests for bot.telegram_adapter.replying: a status message turned into its answer, its notices
in the answer's language."""

from __future__ import annotations

from bot.telegram_adapter.application import BriefApplication
from bot.telegram_adapter.context import BriefContext
from bot.telegram_adapter.rendering import render_pages
from bot.telegram_adapter.replying import DONE_BELOW, finish_status
from briefings.i18n import ENGLISH, UKRAINIAN, _, use_language
from briefings.replies.reply import line, reply
from tests.support.recording_request import RecordingRequest

# An answer too long for one message: it follows the status message, paged.
LONG = reply([line(f"Line {number}: " + "x" * 300) for number in range(30)])
STATUS = "⏳ Reading…"


async def test_a_long_answer_follows_its_status_message_with_a_notice_in_its_language(
    app: BriefApplication, recorder: RecordingRequest
) -> None:
    context = BriefContext(app)
    for chat, language in [(8100, UKRAINIAN), (8101, ENGLISH)]:
        status = await app.bot.send_message(chat, STATUS)
        with use_language(language):
            await finish_status(context, status, "/sources", LONG)

    with use_language(UKRAINIAN):
        done = _(DONE_BELOW)
    assert done != DONE_BELOW
    assert [c.params["text"] for c in recorder.calls("editMessageText")] == [done, DONE_BELOW]
    answers = [c.params for c in recorder.calls("sendMessage") if c.params["text"] != STATUS]
    count = len(render_pages(LONG))
    assert count > 1
    assert [a["text"] for a in answers] == [render_pages(LONG)[0]] * 2
    [[counter, forward]] = answers[0]["reply_markup"]["inline_keyboard"]
    assert (counter["text"], forward["text"]) == (f"1/{count}", "▶")
