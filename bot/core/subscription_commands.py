"""Subscription commands of the command core: /subscribe, /unsubscribe, /settings and /digest."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.core import arguments
from bot.core.callers import Caller
from bot.core.clock import utc_now
from bot.core.digest_composer import Composer
from bot.core.group_commands import group_settings
from bot.core.runtime import Runtime
from briefings.errors import InputError
from briefings.replies.group_briefs import build_not_group_admin
from briefings.replies.reply import Reply
from briefings.replies.subscription_briefs import (
    build_bad_schedule,
    build_console_only,
    build_not_subscribed,
    build_settings,
    build_subscribed,
    build_unsubscribed,
)
from briefings.schedules.occurrences import next_occurrence
from storage import article_id_before, get_subscription, subscribe, unsubscribe

# Without a subscription, /digest counts as new what was loaded in the last day.
NEW_WITHOUT_SUBSCRIPTION = timedelta(days=1)


async def subscribe_(runtime: Runtime, argument: str, caller: Caller) -> Reply:
    """/subscribe [HH:MM] [zone or city]: a daily digest at that local time, in the caller's
    language."""
    if caller.chat_id is None:
        return build_console_only()
    if caller.in_group and not caller.group_admin:
        return build_not_group_admin()
    settings = runtime.settings
    try:
        schedule = arguments.schedule(argument, settings.digest_time, settings.default_timezone)
    except InputError as error:
        return build_bad_schedule(str(error))
    now = utc_now()
    due = next_occurrence(schedule.at, schedule.zone, now).due_at
    async with runtime.sessions() as session:
        before = await get_subscription(session, chat_id=caller.chat_id)
    async with runtime.sessions.begin() as session:
        await subscribe(
            session,
            chat_id=caller.chat_id,
            user_id=caller.user_id,
            local_time=schedule.at,
            zone=schedule.zone.key,
            next_due_at=due,
            now=now,
            language=caller.language,
        )
    changed = before is not None and before.active
    return build_subscribed(schedule.at, schedule.zone, due, changed=changed)


async def unsubscribe_(runtime: Runtime, argument: str, caller: Caller) -> Reply:
    """/unsubscribe: no more digests for this chat (in a group, its administrators' choice)."""
    if caller.chat_id is None:
        return build_console_only()
    if caller.in_group and not caller.group_admin:
        return build_not_group_admin()
    async with runtime.sessions.begin() as session:
        return build_unsubscribed(await unsubscribe(session, chat_id=caller.chat_id))


async def settings_(runtime: Runtime, argument: str, caller: Caller) -> Reply:
    """/settings: the digest's time, zone and next delivery in the subscriber's local time; in
    a group, the group's settings (bot.core.group_commands)."""
    if caller.chat_id is None:
        return build_console_only()
    if caller.in_group:
        return await group_settings(runtime, argument, caller)
    async with runtime.sessions() as session:
        found = await get_subscription(session, chat_id=caller.chat_id)
    if found is None or not found.active:
        return build_not_subscribed()
    return build_settings(found.local_time, ZoneInfo(found.zone), found.next_due_at)


async def digest(runtime: Runtime, argument: str, caller: Caller) -> Reply:
    """/digest: today's digest now, in the caller's language, without changing the schedule."""
    zone = ZoneInfo(runtime.settings.default_timezone)
    async with runtime.sessions() as session:
        found = await get_subscription(session, chat_id=caller.chat_id) if caller.chat_id else None
        if found is not None and found.active:
            seen, zone = found.seen_article_id, ZoneInfo(found.zone)
        else:
            seen = await article_id_before(session, utc_now() - NEW_WITHOUT_SUBSCRIPTION)
    today = utc_now().astimezone(zone).date()
    return (await Composer(runtime).digest(seen, today, caller.language)).reply


# The subscription commands, by name; every user may send them.
SUBSCRIPTION_HANDLERS = {
    "subscribe": subscribe_,
    "unsubscribe": unsubscribe_,
    "settings": settings_,
    "digest": digest,
}
