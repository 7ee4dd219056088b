"""End-to-end: each user answered in their language (help, figures, refusals, the apology),
/lang remembered, digests per subscriber's language, menus and descriptions per language,
through the Bot API double over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio
from app_builders import ADMIN_ID, make_settings, polling_application, runtime_of

from bot.core.commands import COMMANDS, respond
from bot.core.digest_delivery import send_due_digests
from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import Runtime
from bot.telegram_adapter.application import BriefApplication
from bot.telegram_adapter.digest_sender import TelegramDigestSender
from bot.telegram_adapter.error_handler import SORRY
from bot.telegram_adapter.menus import ADMIN_MENU, DESCRIPTION, MENU, SHORT_DESCRIPTION
from briefings.i18n import ENGLISH, UKRAINIAN, _, use_language
from briefings.replies.language_briefs import build_language_changed
from storage import get_language, get_subscription
from tests.support.bot_api_double import BotApiDouble

UK_CHAT = 7101
EN_CHAT = 7102


@pytest_asyncio.fixture
async def bot(
    double: BotApiDouble, seeded_store: Path, extraction_worker: ExtractionWorker
) -> AsyncIterator[BriefApplication]:
    """The bot polling the double; its admin has opened the bot before, so has a menu."""
    double.add_chat(ADMIN_ID)
    settings = make_settings(seeded_store, base_url=double.base_url)
    async with polling_application(settings, extraction_worker) as application:
        yield application


async def answer_in(runtime: Runtime, line: str, language: str) -> str:
    """What the console prints for a line in a language: what Telegram must show."""
    with use_language(language):
        return await respond(runtime, line)


async def stored_language(runtime: Runtime, user_id: int) -> str | None:
    """The /lang choice the store keeps for a user."""
    async with runtime.sessions() as session:
        return await get_language(session, user_id=user_id)


async def next_due(runtime: Runtime, chat_id: int) -> datetime:
    """When a chat's digest is next due."""
    async with runtime.sessions() as session:
        found = await get_subscription(session, chat_id=chat_id)
    assert found is not None
    return found.next_due_at


async def test_a_ukrainian_app_gets_start_and_help_in_ukrainian(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    runtime = runtime_of(bot)
    ukrainian = await answer_in(runtime, "/help", UKRAINIAN)
    english = await answer_in(runtime, "/help", ENGLISH)
    assert ukrainian != english
    for line in ("/start", "/help"):
        assert await double.reply_to(line, chat_id=UK_CHAT, language_code="uk") == ukrainian
        assert await double.reply_to(line, chat_id=EN_CHAT, language_code="en") == english
    # An app in a language the bot does not speak, or none given, gets English.
    assert await double.reply_to("/help", chat_id=EN_CHAT, language_code="de") == english
    assert await double.reply_to("/help", chat_id=EN_CHAT, language_code=None) == english


async def test_lang_en_switches_a_ukrainian_user_and_is_remembered(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    runtime = runtime_of(bot)
    changed = await double.reply_to("/lang en", chat_id=UK_CHAT, language_code="uk")
    assert changed == build_language_changed(ENGLISH).plain
    assert await stored_language(runtime, UK_CHAT) == ENGLISH
    # Later updates, their app still in Ukrainian, come in English.
    help_text = await double.reply_to("/help", chat_id=UK_CHAT, language_code="uk")
    assert help_text == await answer_in(runtime, "/help", ENGLISH)
    shown = await double.reply_to("/lang", chat_id=UK_CHAT, language_code="uk")
    assert shown.startswith("🌐 Interface language: English")
    # The buttons under /lang switch back, the change said in Ukrainian.
    [message] = [m for m in double.sent_messages(UK_CHAT) if m["text"] == shown]
    buttons = [b["callback_data"] for b in message["reply_markup"]["inline_keyboard"][0]]
    assert buttons == ["cmd:/lang en", "cmd:/lang uk"]
    before = len(double.sent_messages(UK_CHAT))
    double.push_callback("cmd:/lang uk", chat_id=UK_CHAT, language_code="uk")
    await double.wait_for("sendMessage", lambda c: c.params.get("chat_id") == UK_CHAT, before + 1)
    assert double.sent_messages(UK_CHAT)[-1]["text"] == build_language_changed(UKRAINIAN).plain
    assert await stored_language(runtime, UK_CHAT) == UKRAINIAN


async def test_each_subscriber_gets_the_digest_in_their_language(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    runtime = runtime_of(bot)
    await double.reply_to("/subscribe 08:00 Kyiv", chat_id=UK_CHAT, language_code="uk")
    await double.reply_to("/subscribe 08:00 Kyiv", chat_id=EN_CHAT, language_code="en")
    due = await next_due(runtime, UK_CHAT)
    assert due == await next_due(runtime, EN_CHAT)
    sender = TelegramDigestSender(bot.bot)
    assert (await send_due_digests(runtime, sender, now=due)).sent == 2
    ukrainian, english = (double.sent_messages(chat)[-1]["text"] for chat in (UK_CHAT, EN_CHAT))
    assert english.startswith("🗞 Ceasefire digest — ")
    with use_language(UKRAINIAN):
        heading = _("Ceasefire digest — {day}").split("{day}")[0]
    assert ukrainian.startswith(f"🗞 {heading}") and heading != "Ceasefire digest — "
    # /lang moves that user's digest to English from the next one on.
    await double.reply_to("/lang en", chat_id=UK_CHAT, language_code="uk")
    tomorrow = due + timedelta(days=1)
    assert (await send_due_digests(runtime, sender, now=tomorrow)).sent == 2
    second = [double.sent_messages(chat)[-1]["text"] for chat in (UK_CHAT, EN_CHAT)]
    assert second[0] == second[1]
    assert second[0].startswith("🗞 Ceasefire digest — ")


async def test_menus_and_descriptions_are_set_in_each_language(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    admin = {"type": "chat", "chat_id": ADMIN_ID}
    for scope, menu in ((None, MENU), (admin, ADMIN_MENU)):
        english = double.commands(scope)
        ukrainian = double.commands(scope, language_code="uk")
        assert [c["command"] for c in english] == [c["command"] for c in ukrainian]
        assert [c["command"] for c in english] == [c.command for c in menu]
        assert [c["description"] for c in english] == [c.description for c in menu]
        with use_language(UKRAINIAN):
            expected = [_(c.description) for c in menu]
        assert [c["description"] for c in ukrainian] == expected
        assert set(expected).isdisjoint(c.description for c in menu)
    assert "lang" in {c["command"] for c in double.commands()}
    assert double.description() == DESCRIPTION
    assert double.description(short=True) == SHORT_DESCRIPTION
    with use_language(UKRAINIAN):
        assert double.description("uk") == _(DESCRIPTION) != DESCRIPTION
        assert double.description("uk", short=True) == _(SHORT_DESCRIPTION) != SHORT_DESCRIPTION


async def test_a_ukrainian_app_gets_figures_in_ukrainian(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    runtime = runtime_of(bot)
    ukrainian = await answer_in(runtime, "/figures", UKRAINIAN)
    with use_language(UKRAINIAN):
        heading = _("Figures and who claims them")
    assert heading != "Figures and who claims them"
    assert ukrainian.startswith(heading)
    shown = await double.reply_to("/figures", chat_id=UK_CHAT, language_code="uk")
    assert shown == ukrainian
    # Its chart button is labelled in Ukrainian too.
    [message] = double.sent_messages(UK_CHAT)
    labels = [b["text"] for row in message["reply_markup"]["inline_keyboard"] for b in row]
    with use_language(UKRAINIAN):
        assert _("📈 Chart") in labels


async def test_a_ukrainian_app_gets_refusals_and_the_apology_in_ukrainian(
    double: BotApiDouble, bot: BriefApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = runtime_of(bot)
    for line in ("/sources 0", "/nosuchcommand", "/who 99999999999999999999"):
        expected = await answer_in(runtime, line, UKRAINIAN)
        assert expected != await answer_in(runtime, line, ENGLISH)
        assert await double.reply_to(line, chat_id=UK_CHAT, language_code="uk") == expected

    async def crash(*_: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setitem(COMMANDS, "timeline", crash)
    with use_language(UKRAINIAN):
        apology = _(SORRY)
    assert apology != SORRY
    assert await double.reply_to("/timeline", chat_id=UK_CHAT, language_code="uk") == apology
