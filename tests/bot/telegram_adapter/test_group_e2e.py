"""End-to-end: the bot in a group under Telegram's privacy mode, through the Bot API double:
commands answered in the group, other bots' commands and plain text left alone, a mention
answered with one sentence, the group's /settings changed by its administrators only, and
long answers sent to the asker privately when the group asks for that."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from app_builders import (
    ADMIN_ID,
    add_articles,
    make_settings,
    polling_application,
    runtime_of,
    shown_text,
)

from bot.core.commands import answer, respond
from bot.core.extraction_worker import ExtractionWorker
from bot.telegram_adapter.application import BriefApplication
from bot.telegram_adapter.rendering import render_pages
from briefings.i18n import UKRAINIAN, use_language
from briefings.replies.group_briefs import (
    LONG_HERE,
    LONG_PRIVATE,
    build_cannot_write_privately,
    build_group_hint,
    build_group_settings_changed,
    build_not_group_admin,
    build_sent_privately,
)
from briefings.replies.load_briefs import build_admin_only
from storage import get_group_settings
from tests.support.bot_api_double import BotApiDouble
from tests.support.bot_api_objects import BOT_USERNAME
from tests.support.double_groups import CANT_INITIATE

GROUP = -1001500
OWNER, ADMIN, MEMBER, STRANGER = 901, 902, 903, 904
PRIVATE_CHAT = f"https://t.me/{BOT_USERNAME}"


@pytest_asyncio.fixture
async def bot(
    double: BotApiDouble, seeded_store: Path, extraction_worker: ExtractionWorker
) -> AsyncIterator[BriefApplication]:
    """The bot polling the double; the group has a creator and one more administrator."""
    double.set_group_admins(GROUP, OWNER, ADMIN)
    settings = make_settings(seeded_store, base_url=double.base_url)
    async with polling_application(settings, extraction_worker) as application:
        yield application


async def in_group(
    double: BotApiDouble, text: str, user_id: int = MEMBER, language_code: str = "en"
) -> dict[str, object]:
    """A member's message in the group (a command, or text with its mentions); the bot's next
    message in the group."""
    before = len(double.sent_messages(GROUP))
    double.push_group_text(text, GROUP, user_id, language_code=language_code)
    await double.wait_for(
        "sendMessage", lambda c: c.params.get("chat_id") == GROUP and c.ok, before + 1, 10
    )
    return double.sent_messages(GROUP)[before]


def url_buttons(message: dict[str, object]) -> list[str]:
    """The URLs of a message's buttons."""
    markup = message.get("reply_markup") or {}
    assert isinstance(markup, dict)
    return [b["url"] for row in markup["inline_keyboard"] for b in row if "url" in b]


async def test_commands_in_a_group_are_answered_in_the_group(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    expected = await respond(runtime_of(bot), "/who")
    assert (await in_group(double, "/who"))["text"] == expected
    assert (await in_group(double, f"/who@{BOT_USERNAME}"))["text"] == expected
    assert (await in_group(double, f"/WHO@{BOT_USERNAME.upper()}"))["text"] == expected
    assert double.sent_messages(MEMBER) == []


async def test_other_bots_commands_and_plain_text_are_left_alone(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    for text in ("/who@other_bot", "/nosuch@other_bot", "/nosuch", "who proposed a ceasefire?"):
        double.push_group_text(text, GROUP, MEMBER)
    double.push_group_text("@someone_else what do you think?", GROUP, MEMBER)
    # An unknown command addressed to this bot is its own to answer: it gets the hint.
    hint = await in_group(double, f"/nosuch@{BOT_USERNAME}")
    assert hint["text"] == await respond(runtime_of(bot), "/nosuch")
    assert len(double.sent_messages(GROUP)) == 1


async def test_a_mention_or_a_reply_gets_one_sentence_and_a_private_chat_button(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    hint = await in_group(double, f"@{BOT_USERNAME} who proposed a ceasefire?")
    assert hint["text"] == build_group_hint().plain
    assert url_buttons(hint) == [PRIVATE_CHAT]
    before = len(double.sent_messages(GROUP))
    double.push_group_text("thanks!", GROUP, MEMBER, reply_to=int(str(hint["message_id"])))
    await double.wait_for("sendMessage", lambda c: c.params.get("chat_id") == GROUP, before + 1)
    assert double.sent_messages(GROUP)[-1]["text"] == build_group_hint().plain
    # In the member's language.
    ukrainian = await in_group(double, f"@{BOT_USERNAME} привіт", language_code="uk")
    with use_language(UKRAINIAN):
        assert ukrainian["text"] == build_group_hint().plain != hint["text"]


async def test_only_the_groups_administrators_change_its_settings(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    runtime = runtime_of(bot)
    shown = await in_group(double, "/settings")
    assert "Long answers: in the group." in str(shown["text"])
    assert "Daily digest: none" in str(shown["text"])
    assert double.calls("getChatMember") == []  # showing them asks Telegram nothing
    refused = await in_group(double, "/settings long private")
    assert refused["text"] == build_not_group_admin().plain
    async with runtime.sessions() as session:
        assert not (await get_group_settings(session, chat_id=GROUP)).long_answers_private
    changed = await in_group(double, "/settings long private", OWNER)
    assert changed["text"] == build_group_settings_changed(True).plain
    kept = await in_group(double, "/settings довгі тут", ADMIN, language_code="uk")
    with use_language(UKRAINIAN):
        assert kept["text"] == build_group_settings_changed(False).plain
    statuses = [call.result["status"] for call in double.calls("getChatMember")]
    assert statuses == ["member", "creator", "administrator"]
    # The group's digest is one of its settings: a member cannot start or stop it.
    for line in ("/subscribe 08:00 Kyiv", "/unsubscribe"):
        assert (await in_group(double, line))["text"] == build_not_group_admin().plain
    await in_group(double, "/subscribe 08:00 Kyiv", ADMIN)
    # The button under /settings changes it too, for an administrator who presses it.
    shown = await in_group(double, "/settings")
    assert "Daily digest: every day at 08:00 Europe/Kyiv" in str(shown["text"])
    before = len(double.sent_messages(GROUP))
    double.push_callback(f"cmd:{LONG_PRIVATE}", chat_id=GROUP, user_id=ADMIN)
    await double.wait_for("sendMessage", lambda c: c.params.get("chat_id") == GROUP, before + 1)
    assert double.sent_messages(GROUP)[-1]["text"] == build_group_settings_changed(True).plain
    shown = await in_group(double, "/settings")
    assert "Long answers: sent to the asker privately." in str(shown["text"])
    [[button]] = shown["reply_markup"]["inline_keyboard"]  # type: ignore[index]
    assert button["callback_data"] == f"cmd:{LONG_HERE}"
    # In a private chat /settings is the user's own digest, as before.
    assert (await double.reply_to("/settings", chat_id=MEMBER)).startswith("You have no daily")


async def test_long_answers_go_to_the_asker_privately_when_the_group_asks(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    await add_articles(bot, 150)
    await in_group(double, LONG_PRIVATE, OWNER)
    await double.reply_to("/start", chat_id=MEMBER)  # the member has opened the bot
    in_private = len(double.sent_messages(MEMBER))
    note = await in_group(double, "/sources")
    assert note["text"] == build_sent_privately("Tester").plain
    [sent] = double.sent_messages(MEMBER)[in_private:]
    pages = render_pages(await answer(runtime_of(bot), "/sources"))
    assert len(pages) > 1 and sent["text"] == shown_text(pages[0])
    row = sent["reply_markup"]["inline_keyboard"][0]
    assert row[0]["text"].startswith("1/")
    # Its paging buttons work in the private chat.
    double.push_callback(row[-1]["callback_data"], chat_id=MEMBER, message_id=sent["message_id"])
    [edit] = await double.wait_for("editMessageText", timeout=10)
    assert edit.ok and edit.params["chat_id"] == MEMBER
    # Short answers stay in the group.
    assert (await in_group(double, "/help"))["text"] == await respond(runtime_of(bot), "/help")


async def test_a_user_who_never_started_the_bot_is_told_how_to_get_the_answer(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    await add_articles(bot, 150)
    await in_group(double, LONG_PRIVATE, OWNER)
    told = await in_group(double, "/sources", STRANGER)
    assert told["text"] == build_cannot_write_privately("Tester").plain
    assert url_buttons(told) == [PRIVATE_CHAT]
    [refused] = [c for c in double.calls("sendMessage") if c.params["chat_id"] == STRANGER]
    assert refused.fault is not None and refused.fault.status == 403
    assert refused.fault.description == CANT_INITIATE
    assert double.sent_messages(STRANGER) == []


async def test_the_groups_settings_survive_a_restart(
    double: BotApiDouble, seeded_store: Path, extraction_worker: ExtractionWorker
) -> None:
    double.set_group_admins(GROUP, OWNER)
    settings = make_settings(seeded_store, base_url=double.base_url)
    async with polling_application(settings, extraction_worker):
        await in_group(double, LONG_PRIVATE, OWNER)
    async with polling_application(settings, extraction_worker):
        shown = await in_group(double, "/settings")
    assert "Long answers: sent to the asker privately." in str(shown["text"])


async def test_a_document_captioned_for_another_bot_is_left_alone(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    article = b"Talks resumed in Geneva on Monday, officials said."
    double.push_document(article, "a.txt", "text/plain", GROUP, ADMIN_ID, "/load@other_bot")
    double.push_document(article, "a.txt", "text/plain", GROUP, MEMBER, f"/load@{BOT_USERNAME}")
    await double.wait_for("sendMessage", lambda c: c.params.get("chat_id") == GROUP, 1, 10)
    await asyncio.sleep(0.5)  # a reply to the first would have come before the second's
    [reply] = double.sent_messages(GROUP)
    assert reply["text"] == build_admin_only("load").plain
