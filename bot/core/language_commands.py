"""The interface language of each user: the language an update is answered in, and /lang.

A user's language is their /lang choice, kept in the store by Telegram user id, else the
language of their Telegram app (`briefings.i18n.language_for`). Reading the choice is one
primary-key read per update. /lang also moves the digests of the chats the user subscribed
to the new language; in the console, where there is no user, the console keeps the choice for
its session (it reads the command's argument with `language_named`).
"""

from __future__ import annotations

from bot.core.callers import Caller
from bot.core.clock import utc_now
from bot.core.runtime import Runtime
from briefings.i18n import ENGLISH, LANGUAGES, UKRAINIAN, language_for
from briefings.replies.language_briefs import (
    build_language,
    build_language_changed,
    build_unknown_language,
)
from briefings.replies.reply import Reply
from storage import (
    StoreError,
    get_language,
    is_dropped,
    set_language,
    set_subscriptions_language,
)

# Longer than any name below: a longer argument names no language and is not read further.
LANGUAGE_CHARS = 32
# What /lang takes for each language: codes (with the common "ua"), and names in either.
NAMED = {
    **dict.fromkeys(("en", "eng", "english", "англійська", "англ"), ENGLISH),
    **dict.fromkeys(("uk", "ua", "ukr", "ukrainian", "українська", "укр"), UKRAINIAN),
}


def language_named(argument: str) -> str | None:
    """The language an argument of /lang names ("uk", "UA", "en-GB", "English", "українська"),
    or None."""
    word = argument.strip().casefold().replace("_", "-")
    if not word or len(word) > LANGUAGE_CHARS:
        return None
    return NAMED.get(word) or NAMED.get(word.split("-")[0])


async def user_language(runtime: Runtime, user_id: int | None, app_language: str | None) -> str:
    """The language to answer a user in: their /lang choice, else their app's language
    (Telegram's `language_code`)."""
    chosen = await _stored_language(runtime, user_id) if user_id is not None else None
    return chosen if chosen in LANGUAGES else language_for(app_language)


async def lang(runtime: Runtime, argument: str, caller: Caller) -> Reply:
    """/lang: the interface language and the choice; /lang uk or /lang en: switch, and answer
    in the new language (remembered for a Telegram user, with their digests)."""
    if not argument:
        return build_language(caller.language)
    language = language_named(argument)
    if language is None:
        return build_unknown_language()
    if caller.user_id is not None and caller.may_change:
        async with runtime.sessions.begin() as session:
            await set_language(session, user_id=caller.user_id, language=language, now=utc_now())
            await set_subscriptions_language(session, user_id=caller.user_id, language=language)
    return build_language_changed(language)


async def _stored_language(runtime: Runtime, user_id: int) -> str | None:
    """A user's stored choice; read again on a new connection when the first had died
    (readers do not test a connection before using it, see bot.core.commands.read_answer)."""
    try:
        async with runtime.readers() as session:
            return await get_language(session, user_id=user_id)
    except StoreError as error:
        if not is_dropped(error):
            raise
    async with runtime.readers() as session:
        return await get_language(session, user_id=user_id)


# The language command, by name; every user may send it.
LANGUAGE_HANDLERS = {"lang": lang}
