"""End-to-end: deep links open cards and figure groups, answers carry a share button whose link
opens the same card, and inline mode offers sourced cards and groups, in the asker's language,
through the Bot API double over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest_asyncio
from app_builders import make_settings, polling_application, runtime_of

from bot.core.commands import respond
from bot.core.extraction_worker import ExtractionWorker
from bot.core.runtime import Runtime
from bot.telegram_adapter.application import BriefApplication
from bot.telegram_adapter.buttons import SHARE
from bot.telegram_adapter.inline_queries import OPEN_IN_BOT
from briefings.i18n import ENGLISH, UKRAINIAN, _, use_language
from briefings.replies.share_briefs import BAD_LINK, GONE_LINK
from tests.support.bot_api_double import BotApiDouble, InlineAnswer
from tests.support.bot_api_objects import BOT_USERNAME

CHAT = 7201
UK_CHAT = 7202
LINK_PREFIX = f"https://t.me/{BOT_USERNAME}?start="


@pytest_asyncio.fixture
async def bot(
    double: BotApiDouble, seeded_store: Path, extraction_worker: ExtractionWorker
) -> AsyncIterator[BriefApplication]:
    """The bot polling the double, on a copy of the seeded store."""
    settings = make_settings(seeded_store, base_url=double.base_url)
    async with polling_application(settings, extraction_worker) as application:
        yield application


async def console(runtime: Runtime, line: str, language: str = ENGLISH) -> str:
    """What the console prints for a line: what Telegram must show."""
    with use_language(language):
        return await respond(runtime, line)


def buttons(double: BotApiDouble, chat_id: int, text: str) -> list[dict[str, str]]:
    """The buttons under the bot's latest message in a chat showing `text`."""
    message = [m for m in double.sent_messages(chat_id) if m["text"] == text][-1]
    markup = message.get("reply_markup") or {"inline_keyboard": []}
    return [button for row in markup["inline_keyboard"] for button in row]


def shared_link(button: dict[str, str]) -> str:
    """The deep link a share button's t.me/share page shares."""
    parts = urlsplit(button["url"])
    assert (parts.netloc, parts.path) == ("t.me", "/share/url")
    [link] = parse_qs(parts.query)["url"]
    return link


async def test_a_deep_link_opens_exactly_the_card_who_gives(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    runtime = runtime_of(bot)
    card = await double.reply_to("/who Zelenskyy", chat_id=CHAT)
    assert card == await console(runtime, "/who Zelenskyy")
    [share] = [b for b in buttons(double, CHAT, card) if b["text"] == SHARE]
    link = shared_link(share)
    assert link.startswith(LINK_PREFIX)
    assert parse_qs(urlsplit(share["url"]).query)["text"] == ["Volodymyr Zelenskyy"]
    payload = link.removeprefix(LINK_PREFIX)
    # Telegram turns the opened link into "/start PAYLOAD" from the user who opened it.
    opened = await double.reply_to(f"/start {payload}", chat_id=CHAT + 10)
    assert opened == card == await console(runtime, f"/start {payload}")
    # The card opened by the link carries the same share button.
    [again] = [b for b in buttons(double, CHAT + 10, opened) if b["text"] == SHARE]
    assert shared_link(again) == link


async def test_a_figure_group_link_opens_that_group(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    runtime = runtime_of(bot)
    opened = await double.reply_to("/start fmilitary_losses-ukraine", chat_id=CHAT)
    assert opened == await console(runtime, "/start fmilitary_losses-ukraine")
    assert "⚠️ Soldiers killed and wounded — Ukraine" in opened
    assert "Donald Trump: 400,000 [1]" in opened
    [share] = [b for b in buttons(double, CHAT, opened) if b["text"] == SHARE]
    assert shared_link(share) == f"{LINK_PREFIX}fmilitary_losses-ukraine"


async def test_bad_and_stale_links_get_one_sentence_and_help(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    for payload, sentence in (("a01", BAD_LINK), ("x" * 64, BAD_LINK), ("a99999", GONE_LINK)):
        shown = await double.reply_to(f"/start {payload}", chat_id=CHAT)
        assert shown.startswith(sentence) and shown.endswith("/help lists the commands.")
        assert [b.get("callback_data") for b in buttons(double, CHAT, shown)] == ["cmd:/help"]
    # /start alone is still the help, and an answer of several groups has no share button.
    assert await double.reply_to("/start", chat_id=CHAT) == await console(runtime_of(bot), "/help")
    overview = await double.reply_to("/figures", chat_id=CHAT)
    assert SHARE not in [b["text"] for b in buttons(double, CHAT, overview)]


async def test_the_share_button_is_labelled_in_the_users_language(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    card = await double.reply_to("/who Zelenskyy", chat_id=UK_CHAT, language_code="uk")
    assert card == await console(runtime_of(bot), "/who Zelenskyy", UKRAINIAN)
    with use_language(UKRAINIAN):
        label = _(SHARE)
    assert label != SHARE
    assert label in [b["text"] for b in buttons(double, UK_CHAT, card)]


async def test_an_inline_query_returns_sourced_cards(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    runtime = runtime_of(bot)
    answered = await double.ask_inline("zelensky", user_id=CHAT)
    [result] = answered.results
    assert answered.is_personal and answered.cache_time == 60
    assert result["title"] == "Volodymyr Zelenskyy"
    assert result["description"].startswith("President of Ukraine")
    shown = answered.shown[result["id"]]
    assert shown.startswith(await console(runtime, "/who Zelenskyy"))
    assert "\n\nSources\n[1] Trump calls for 'immediate ceasefire'" in shown
    assert "[2] Zelensky Says Kyiv Wants 'Enduring' Peace" in shown
    [[button]] = result["reply_markup"]["inline_keyboard"]
    assert button["text"] == OPEN_IN_BOT
    assert button["url"] == f"{LINK_PREFIX}{result['id']}"
    # The link opens the same card in the bot.
    opened = await double.reply_to(f"/start {result['id']}", chat_id=CHAT)
    assert shown.startswith(opened)


async def test_inline_figure_groups_and_the_empty_query(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    killed = await double.ask_inline("killed ukraine", user_id=CHAT)
    [group] = [r for r in killed.results if r["id"] == "fmilitary_losses-ukraine"]
    assert group["title"] == "⚠️ Soldiers killed and wounded — Ukraine"
    assert "Donald Trump: 400,000 [1]" in killed.shown[group["id"]]
    assert "\nSources\n[1] " in killed.shown[group["id"]]
    offered = await double.ask_inline("", user_id=CHAT)
    assert 1 < len(offered.results) <= 10
    assert all("\nSources\n" in offered.shown[r["id"]] for r in offered.results)
    assert (await double.ask_inline("qwertyuiop", user_id=CHAT)).results == []


async def test_inline_results_are_in_the_askers_language(
    double: BotApiDouble, bot: BriefApplication
) -> None:
    runtime = runtime_of(bot)
    with use_language(UKRAINIAN):
        sources, open_label = _("Sources"), _(OPEN_IN_BOT)
    ukrainian_card = await console(runtime, "/who Zelenskyy", UKRAINIAN)
    for asked in (
        double.ask_inline("zelensky", user_id=UK_CHAT, language_code="uk"),
        # A user whose app is in English but who chose Ukrainian with /lang.
        _after_lang_uk(double),
    ):
        answered = await asked
        [result] = answered.results
        shown = answered.shown[result["id"]]
        assert shown.startswith(ukrainian_card) and f"\n\n{sources}\n[1] " in shown
        assert result["reply_markup"]["inline_keyboard"][0][0]["text"] == open_label


async def _after_lang_uk(double: BotApiDouble) -> InlineAnswer:
    """Switch a user to Ukrainian with /lang uk, then ask inline from an app in English."""
    await double.reply_to("/lang uk", chat_id=CHAT + 20, language_code="en")
    return await double.ask_inline("zelensky", user_id=CHAT + 20, language_code="en")
