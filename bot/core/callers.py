"""Who sent a command, as every front end describes them to the command core."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.article_inputs import Progress, no_progress
from briefings.i18n import ENGLISH


@dataclass(frozen=True)
class Caller:
    """Who sent a command, and what the front end lets the command do."""

    is_admin: bool = False
    # The chat replies go to, and who sent the command; None in the console.
    chat_id: int | None = None
    user_id: int | None = None
    # Only the console and the CLI may name files on this machine.
    local_files: bool = False
    # False when a command is only re-answered (a page turned), so it must change nothing.
    may_change: bool = True
    progress: Progress = no_progress
    # The language answers are built in: the user's /lang choice, else their Telegram app's.
    language: str = ENGLISH
    # Sent in a group chat: /settings is then the group's, and only its administrators (as
    # the front end found them, e.g. Telegram's getChatMember) may change it.
    in_group: bool = False
    group_admin: bool = False


# Anyone writing to the bot; and the console or CLI, where the user owns the machine.
VISITOR = Caller()
CONSOLE = Caller(is_admin=True, local_files=True)
