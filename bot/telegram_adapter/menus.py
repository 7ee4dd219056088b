"""What Telegram shows of the bot before anyone writes: the command menus next to the message
box (everyone's, and the admins' own) and the bot's descriptions, in each interface language.

English is Telegram's default (no language_code): every user whose app is in another language
than those here sees it. Each other language is set under its code, so a user whose app is in
Ukrainian sees the Ukrainian menu and descriptions.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, BotCommandScopeChat
from telegram.error import BadRequest

from briefings.i18n import ENGLISH, LANGUAGES, N_, _, use_language

log = logging.getLogger(__name__)

# The command menu Telegram shows next to the message box (descriptions translated where set).
MENU = (
    BotCommand("who", N_("Actors and their roles, or one actor's card")),
    BotCommand("figures", N_("Numbers, who claims them, where sources disagree")),
    BotCommand("chart", N_("Each claimant's figures over time, as a chart: /chart killed")),
    BotCommand("demands", N_("What each side demands, proposes or rejects")),
    BotCommand("quotes", N_("Who said what, in their own words: /quotes Peskov")),
    BotCommand("timeline", N_("Dated events, newest first")),
    BotCommand("sources", N_("The articles behind every answer")),
    BotCommand("ask", N_("The facts that best answer a question")),
    BotCommand("digest", N_("Today's digest, now")),
    BotCommand("subscribe", N_("A daily digest at your time: /subscribe 08:00 Kyiv")),
    BotCommand("settings", N_("Your digest's time, zone and next delivery")),
    BotCommand("unsubscribe", N_("No more daily digests")),
    BotCommand("lang", N_("Interface language: English or Ukrainian")),
    BotCommand("privacy", N_("What the bot keeps about you; /forget deletes it")),
    BotCommand("help", N_("What this bot does")),
)
# Admins see these too, in their own chats only (a command scope per admin).
ADMIN_MENU = (
    *MENU,
    BotCommand("load", N_("Load an article: pasted text, a file, or a URL")),
    BotCommand("articles", N_("The loaded articles, with their numbers")),
    BotCommand("remove", N_("Remove an article and the facts only it supports")),
    BotCommand("stats", N_("Articles, facts, subscribers, and today's digests and queue")),
)
# i18n: the bot's profile text in an empty chat ("What can this bot do?"), at most 512 characters
DESCRIPTION = N_(
    "A sourced briefing on the Ukraine ceasefire story: who the actors are, the figures and who "
    "claims them, what each side demands, and a daily digest. Every fact cites its article. "
    "Press Start, or send /help; /lang switches between English and Ukrainian."
)
# i18n: the bot's short description on its profile page, at most 120 characters
SHORT_DESCRIPTION = N_(
    "Sourced briefings on the Ukraine ceasefire story: actors, figures, demands, daily digests."
)


def language_code(language: str) -> str | None:
    """The language_code a menu is set under: none for English, Telegram's default."""
    return None if language == ENGLISH else language


def translated(menu: tuple[BotCommand, ...]) -> list[BotCommand]:
    """A menu with its descriptions in the current language."""
    return [BotCommand(command.command, _(command.description)) for command in menu]


async def set_menus(application: Any) -> None:
    """In each language: the bot's descriptions, the command menu for everyone, and one with
    the admin commands in each admin's chat."""
    bot = application.bot
    settings = application.bot_data.settings
    admins = sorted(settings.admin_ids if settings else ())
    for language in LANGUAGES:
        code = language_code(language)
        with use_language(language):
            await bot.set_my_description(_(DESCRIPTION), language_code=code)
            await bot.set_my_short_description(_(SHORT_DESCRIPTION), language_code=code)
            await bot.set_my_commands(translated(MENU), language_code=code)
            for admin_id in list(admins):
                if not await _set_admin_menu(bot, admin_id, code):
                    admins.remove(admin_id)  # warned once, not once per language


async def _set_admin_menu(bot: Any, admin_id: int, code: str | None) -> bool:
    """The admin menu in one admin's chat, in the current language; False if Telegram knows
    no such chat."""
    try:
        await bot.set_my_commands(
            translated(ADMIN_MENU), scope=BotCommandScopeChat(admin_id), language_code=code
        )
    except BadRequest as error:
        # Telegram knows no chat with a user who has never opened the bot.
        log.warning("no admin menu for %d (has the admin started the bot?): %s", admin_id, error)
        return False
    return True
