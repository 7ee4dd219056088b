"""End-to-end: an article over the extraction time limit, sent to the polling bot via the Bot API
double, is refused in one sentence while other users keep being answered."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from app_builders import (
    ADMIN_ID,
    make_settings,
    polling_application,
    shown_text,
    store_snapshot,
)

from bot.core.extraction_worker import ExtractionWorker
from bot.telegram_adapter.application import BriefApplication
from briefings.replies.load_briefs import EXTRACTING
from tests.support.bot_api_calls import Call
from tests.support.bot_api_double import BotApiDouble
from tests.support.long_articles import make_long_article

# Timed against the wall clock: run alone, not beside other tests (scripts/test).
pytestmark = pytest.mark.timing

VISITOR = 7373
BUDGET = 3.0


@pytest.fixture
def double(double: BotApiDouble) -> BotApiDouble:
    """The Bot API double; the admin has opened the bot, so their chat is known."""
    double.add_chat(ADMIN_ID)
    return double


@pytest_asyncio.fixture
async def hurried_bot(
    double: BotApiDouble, seeded_store: Path, extraction_worker: ExtractionWorker
) -> AsyncIterator[BriefApplication]:
    """The bot polling the double on the seeded store, allowing each article three seconds."""
    settings = make_settings(seeded_store, base_url=double.base_url).model_copy(
        update={"extraction_timeout_seconds": BUDGET}
    )
    async with polling_application(settings, extraction_worker) as application:
        yield application


def in_chat(chat_id: int, starts: str = "") -> Any:
    """A predicate: a message to that chat whose text, as shown, starts so."""

    def matches(call: Call) -> bool:
        shown = shown_text(str(call.params.get("text", "")))
        return int(call.params.get("chat_id", 0)) == chat_id and shown.startswith(starts)

    return matches


async def test_a_slow_load_is_refused_while_other_users_are_answered(
    double: BotApiDouble, hurried_bot: BriefApplication
) -> None:
    before = await store_snapshot(hurried_bot)
    # A real article, but one the pipeline needs far more than three seconds for.
    dossier = make_long_article().encode()
    double.push_document(dossier, "dossier.txt", "text/plain", ADMIN_ID, caption="/load")
    await double.wait_for("editMessageText", in_chat(ADMIN_ID, EXTRACTING), timeout=10)
    asked = time.monotonic()
    double.push_command("/who", chat_id=VISITOR)
    [answer] = await double.wait_for("sendMessage", in_chat(VISITOR), timeout=5)
    answered_after = time.monotonic() - asked
    [refused] = await double.wait_for("editMessageText", in_chat(ADMIN_ID, "❌"), timeout=20)
    assert shown_text(answer.params["text"]).startswith("Who is who")
    assert answered_after < 2.0
    assert double.calls().index(answer) < double.calls().index(refused)
    assert shown_text(refused.params["text"]) == (
        "❌ Not loaded. Finding the facts in this article took longer than the 3 seconds "
        "allowed, so it was not loaded. The store is unchanged."
    )
    assert await store_snapshot(hurried_bot) == before
    # The bot goes on loading articles: a fresh worker takes the next one.
    double.push_command("/load " + "\n\n".join(make_long_article(1).split("\n\n")[:4]), ADMIN_ID)
    await double.wait_for("editMessageText", in_chat(ADMIN_ID, "✅"), timeout=20)
