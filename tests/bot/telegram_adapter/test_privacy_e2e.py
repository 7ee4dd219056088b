"""End-to-end: /privacy in the user's language, and /forget through its confirmation button
deleting every row of that user, through the Bot API double over HTTP, on SQLite and on
PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from app_builders import REPO, make_settings, polling_application, runtime_of
from sqlalchemy import text

from bot.core.digest_delivery import send_due_digests
from bot.core.extraction_worker import ExtractionWorker
from bot.core.privacy_commands import retention
from bot.core.runtime import Runtime, open_runtime
from bot.core.seeding import ensure_seeded
from bot.settings import Settings
from bot.telegram_adapter.application import BriefApplication
from bot.telegram_adapter.digest_sender import TelegramDigestSender
from briefings.i18n import ENGLISH, UKRAINIAN, _, use_language
from briefings.identity.rules import IDENTITY_RULES
from briefings.replies.privacy_briefs import (
    NOT_YOURS,
    build_forget_question,
    build_forgotten,
    build_privacy,
)
from storage import get_subscription, save_extracted
from storage.tables import Base
from tests.storage.extracted_builders import make_draft, make_extracted
from tests.support.bot_api_double import BotApiDouble
from tests.support.postgres import postgres_url
from tests.support.user_rows import orphans, rows_about

USER = 7301
OTHER = 7302
# A question too long to ride in its page buttons, whose answer runs over two pages: its
# pager is stored.
QUESTION = "What did the ceasefire monitors in Zaporizhzhia report about the monitoring mission?"
# What may name the user after forgetting: nothing; on PostgreSQL, whose workers share the send
# budget in send_slots, also the pacing key the confirmation's own send takes afresh (deleted
# once idle, as /privacy says; forgetting deleted the earlier one: tests/storage/test_forgetting).
NOTHING_LEFT = ({}, {"send_slots.key": 1})


@pytest_asyncio.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
    ]
)
async def bot(
    request: pytest.FixtureRequest,
    double: BotApiDouble,
    seeded_store: Path,
    extraction_worker: ExtractionWorker,
) -> AsyncIterator[BriefApplication]:
    """The bot polling the double on a seeded store (a SQLite copy, or the PostgreSQL test
    store emptied and seeded), holding long monitors' reports to page through."""
    settings = make_settings(seeded_store, base_url=double.base_url)
    if request.param == "postgresql":
        settings = settings.model_copy(update={"database_url": postgres_url()})
        await seed_afresh(settings.database_url, extraction_worker)
    async with polling_application(settings, extraction_worker) as application:
        await add_monitor_reports(runtime_of(application))
        yield application


async def seed_afresh(url: str, extraction_worker: ExtractionWorker) -> None:
    """Empty the PostgreSQL test store, then migrate and seed it."""
    runtime = await open_runtime(Settings(database_url=url), extraction_worker)
    async with runtime.engine.begin() as connection:
        await connection.run_sync(Base.metadata.drop_all)
        await connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    await runtime.close()
    runtime = await open_runtime(
        Settings(database_url=url, seeds_dir=REPO / "seeds"), extraction_worker
    )
    try:
        await ensure_seeded(runtime)
    finally:
        await runtime.close()


async def add_monitor_reports(runtime: Runtime) -> None:
    """Articles with one long sentence each, so that QUESTION's answer needs two pages."""
    async with runtime.sessions.begin() as session:
        for n in range(8):
            words = " ".join(f"observers{n} noted detail{k} of the mission" for k in range(25))
            draft = make_draft(f"The ceasefire monitors in Zaporizhzhia reported {words}.")
            extracted = make_extracted(draft, title=f"Monitors report {n}", source=f"m{n}.txt")
            await save_extracted(session, extracted=extracted, rules=IDENTITY_RULES)


async def stored_rows(runtime: Runtime, user_id: int) -> dict[str, int]:
    """The rows of any table that name the user."""
    async with runtime.sessions() as session:
        return await rows_about(session, user_id)


async def press(double: BotApiDouble, data: str, user_id: int, language_code: str) -> None:
    """Press a button under the bot's latest message to USER, as `user_id`; wait for the
    press to be answered."""
    answered = len(double.calls("answerCallbackQuery"))
    double.push_callback(data, chat_id=USER, user_id=user_id, language_code=language_code)
    await double.wait_for("answerCallbackQuery", count=answered + 1)


async def test_privacy_then_forget_leaves_no_row_of_the_user(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    runtime = runtime_of(bot)
    await double.reply_to("/subscribe 08:00 Kyiv", chat_id=USER, language_code="uk")
    await double.reply_to("/lang uk", chat_id=USER, language_code="uk")
    await double.reply_to(QUESTION, chat_id=USER, language_code="uk")
    async with runtime.sessions() as session:
        subscription = await get_subscription(session, chat_id=USER)
    assert subscription is not None
    sender = TelegramDigestSender(bot.bot)
    assert (await send_due_digests(runtime, sender, now=subscription.next_due_at)).sent == 1
    assert set(await stored_rows(runtime, USER)) >= {
        "user_languages.user_id",
        "subscriptions.chat_id",
        "subscriptions.user_id",
        "pagers.chat_id",
    }

    with use_language(UKRAINIAN):
        privacy = build_privacy(retention()).plain
        question = build_forget_question(USER).plain
        done, nothing = build_forgotten(True).plain, build_forgotten(False).plain
    with use_language(ENGLISH):
        assert privacy != build_privacy(retention()).plain
        not_yours = _(NOT_YOURS)
    assert await double.reply_to("/privacy", chat_id=USER, language_code="uk") == privacy
    assert await double.reply_to("/forget", chat_id=USER, language_code="uk") == question
    [button] = double.sent_messages(USER)[-1]["reply_markup"]["inline_keyboard"][0]
    assert button["callback_data"] == f"forget:{USER}"

    # Someone else pressing it is told it is not theirs, and nothing is deleted.
    before = await stored_rows(runtime, USER)
    sent = len(double.sent_messages(USER))
    await press(double, button["callback_data"], OTHER, "en")
    [alert] = double.calls("answerCallbackQuery")[-1:]
    assert alert.params.get("text") == not_yours and alert.params.get("show_alert") is True
    assert await stored_rows(runtime, USER) == before
    assert len(double.sent_messages(USER)) == sent

    # The user's own press deletes it all, said in the language they had chosen.
    await press(double, button["callback_data"], USER, "uk")
    await double.wait_for("sendMessage", lambda c: c.params.get("chat_id") == USER, sent + 1)
    assert double.sent_messages(USER)[-1]["text"] == done
    assert await stored_rows(runtime, USER) in NOTHING_LEFT
    async with runtime.sessions() as session:
        assert await orphans(session) == {}

    # A second press finds nothing left.
    await press(double, button["callback_data"], USER, "uk")
    await double.wait_for("sendMessage", lambda c: c.params.get("chat_id") == USER, sent + 2)
    assert double.sent_messages(USER)[-1]["text"] == nothing
    assert await stored_rows(runtime, USER) in NOTHING_LEFT
