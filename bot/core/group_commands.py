"""The group side of the command core: a group's /settings, which its administrators change.

In a group, /settings shows where long answers go (in the group, or to the asker's private
chat) and the group's daily digest; `/settings long private` and `/settings long here`
change where long answers go. The front end says whether the caller is one of the group's
administrators (`Caller.group_admin`), and finds that out only for the commands that change
the group's settings (`needs_group_admin`): /settings with an argument, /subscribe and
/unsubscribe, which start and stop the group's digest.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.core.callers import Caller
from bot.core.clock import utc_now
from bot.core.runtime import Runtime
from briefings.replies.group_briefs import (
    DigestTime,
    build_group_settings,
    build_group_settings_changed,
    build_not_group_admin,
    build_unknown_group_setting,
)
from briefings.replies.reply import Reply
from storage import get_group_settings, get_subscription, set_group_settings

# Commands whose argument, in a group, changes the group's settings: only its admins may.
GROUP_ADMIN_COMMANDS = frozenset({"settings"})
# Commands that, in a group, only its admins may send at all: the group's daily digest is one
# of its settings, which /subscribe and /unsubscribe change for every member.
GROUP_ADMIN_ONLY = frozenset({"subscribe", "unsubscribe"})
# The words /settings reads: "long" (optional) and where long answers go, in either language.
LONG_WORDS = frozenset({"long", "довгі", "довгих"})
PLACES = {
    **dict.fromkeys(("private", "privately", "dm", "приватно", "особисто"), True),
    **dict.fromkeys(("here", "group", "тут", "групі", "група"), False),
}


def needs_group_admin(name: str, argument: str) -> bool:
    """Whether a command sent in a group changes the group's settings, which only its
    administrators may: /subscribe, /unsubscribe, and /settings with an argument."""
    return name in GROUP_ADMIN_ONLY or (name in GROUP_ADMIN_COMMANDS and bool(argument))


def long_answers_choice(argument: str) -> bool | None:
    """Whether an argument of /settings sends long answers privately ("long private", "довгі
    приватно") or keeps them in the group ("long here", "тут"); None if it says neither."""
    words = argument.casefold().split()
    if words[:1] and words[0] in LONG_WORDS:
        words = words[1:]
    if words[:1] == ["у"] or words[:1] == ["в"]:  # "у групі"
        words = words[1:]
    return PLACES.get(words[0]) if len(words) == 1 else None


async def group_settings(runtime: Runtime, argument: str, caller: Caller) -> Reply:
    """/settings in a group: the group's settings; with an argument, an administrator's change."""
    if caller.chat_id is None:
        raise ValueError("a group's settings need the group's chat id")
    if argument:
        return await _change(runtime, argument, caller, caller.chat_id)
    async with runtime.sessions() as session:
        settings = await get_group_settings(session, chat_id=caller.chat_id)
        found = await get_subscription(session, chat_id=caller.chat_id)
    digest = None
    if found is not None and found.active:
        digest = DigestTime(found.local_time, ZoneInfo(found.zone), found.next_due_at)
    return build_group_settings(settings.long_answers_private, digest)


async def _change(runtime: Runtime, argument: str, caller: Caller, chat_id: int) -> Reply:
    """Change where long answers go, for an administrator; a page turned changes nothing."""
    private = long_answers_choice(argument)
    if private is None:
        return build_unknown_group_setting()
    if not caller.group_admin:
        return build_not_group_admin()
    if caller.may_change:
        async with runtime.sessions.begin() as session:
            await set_group_settings(
                session, chat_id=chat_id, long_answers_private=private, now=utc_now()
            )
    return build_group_settings_changed(private)


async def long_answers_private(runtime: Runtime, chat_id: int) -> bool:
    """Whether a group sends long answers to the asker privately (one primary-key read)."""
    async with runtime.sessions() as session:
        return (await get_group_settings(session, chat_id=chat_id)).long_answers_private
