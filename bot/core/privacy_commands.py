"""Privacy commands of the command core: /privacy (what is kept, for how long, why) and /forget.

/forget only asks: the deleting is `forget_caller`, which the front end runs when the user who
asked presses the confirmation button (the Telegram adapter checks who pressed it). Forgetting
is one transaction (storage.forgetting), so it deletes everything or, failing, nothing.
"""

from __future__ import annotations

from datetime import timedelta

from bot.core.callers import Caller
from bot.core.runtime import Runtime
from bot.core.send_budget import IDLE_KEY_SECONDS, chat_pace
from briefings.replies.privacy_briefs import (
    Retention,
    build_console_forget,
    build_forget_question,
    build_forgotten,
    build_privacy,
)
from briefings.replies.reply import Reply
from storage import (
    DELIVERY_RETENTION,
    INACTIVE_SUBSCRIPTION_RETENTION,
    PAGER_LIFETIME,
    Forgotten,
    forget_user,
)
from storage.engine import write_first


def retention() -> Retention:
    """How long the store keeps each record about a user: the constants the code runs on."""
    return Retention(
        inactive_subscription_days=_whole_days(INACTIVE_SUBSCRIPTION_RETENTION),
        delivery_days=_whole_days(DELIVERY_RETENTION),
        pager_days=_whole_days(PAGER_LIFETIME),
        pacing_minutes=round(IDLE_KEY_SECONDS / 60),
    )


async def privacy(runtime: Runtime, argument: str, caller: Caller) -> Reply:
    """/privacy: what the bot keeps about a user, for how long and why; /forget deletes it."""
    return build_privacy(retention())


async def forget(runtime: Runtime, argument: str, caller: Caller) -> Reply:
    """/forget: what deleting the user's data removes, with the button that confirms it."""
    if caller.user_id is None:
        return build_console_forget()
    return build_forget_question(caller.user_id)


async def forget_caller(runtime: Runtime, caller: Caller) -> Reply:
    """Delete every row the store keeps about the caller, in one transaction; say what it did."""
    if caller.user_id is None:
        return build_console_forget()
    forgotten = await forget_everything(runtime, caller.user_id)
    return build_forgotten(forgotten.records > 0)


async def forget_everything(runtime: Runtime, user_id: int) -> Forgotten:
    """Forget a user in one transaction (their private chat's pacing key too); what went."""
    pacing_key, _pace = chat_pace(user_id)
    async with runtime.write_lock, runtime.sessions.begin() as session:
        await write_first(session)
        return await forget_user(session, user_id=user_id, pacing_key=pacing_key)


def _whole_days(span: timedelta) -> int:
    """A retention in whole days, as the privacy text states it."""
    return round(span / timedelta(days=1))


# The privacy commands, by name; every user may send them.
PRIVACY_HANDLERS = {"privacy": privacy, "forget": forget}
