"""The command menus Telegram shows next to the message box: everyone's, and the admins' own."""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommand, BotCommandScopeChat
from telegram.error import BadRequest

log = logging.getLogger(__name__)

# The command menu Telegram shows next to the message box.
MENU = (
    BotCommand("who", "Actors and their roles, or one actor's card"),
    BotCommand("figures", "Numbers, who claims them, where sources disagree"),
    BotCommand("chart", "Each claimant's figures over time, as a chart: /chart killed"),
    BotCommand("demands", "What each side demands, proposes or rejects"),
    BotCommand("quotes", "Who said what, in their own words: /quotes Peskov"),
    BotCommand("timeline", "Dated events, newest first"),
    BotCommand("sources", "The articles behind every answer"),
    BotCommand("ask", "The facts that best answer a question"),
    BotCommand("digest", "Today's digest, now"),
    BotCommand("subscribe", "A daily digest at your time: /subscribe 08:00 Kyiv"),
    BotCommand("settings", "Your digest's time, zone and next delivery"),
    BotCommand("unsubscribe", "No more daily digests"),
    BotCommand("help", "What this bot does"),
)
# Admins see these too, in their own chats only (a command scope per admin).
ADMIN_MENU = (
    *MENU,
    BotCommand("load", "Load an article: pasted text, a file, or a URL"),
    BotCommand("articles", "The loaded articles, with their numbers"),
    BotCommand("remove", "Remove an article and the facts only it supports"),
    BotCommand("stats", "Articles, facts, subscribers, and today's digests and queue"),
)


async def set_menus(application: Any) -> None:
    """The command menu for everyone, and one with the admin commands in each admin's chat."""
    await application.bot.set_my_commands(list(MENU))
    settings = application.bot_data.settings
    for admin_id in sorted(settings.admin_ids if settings else ()):
        try:
            await application.bot.set_my_commands(
                list(ADMIN_MENU), scope=BotCommandScopeChat(admin_id)
            )
        except BadRequest as error:
            # Telegram knows no chat with a user who has never opened the bot.
            log.warning(
                "no admin menu for %d (has the admin started the bot?): %s", admin_id, error
            )
