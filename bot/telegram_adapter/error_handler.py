"""The one error handler: log with the update's context, tell the user kindly, notify the admins.

The user's notice is in their language; the admins' report is for the operators, in English.
The admins are told of a failure once, not once per user: error_reports groups failures by
type and place and rate-limits the reports, counting what it holds back.
"""

from __future__ import annotations

import html
import json
import logging
import traceback

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError

from bot.telegram_adapter.context import BriefContext
from bot.telegram_adapter.error_reports import Report
from briefings.i18n import N_, _, language_for, use_language
from storage import is_unreachable

log = logging.getLogger(__name__)

SORRY = N_(
    "Sorry, something went wrong on my side. The admins have been told; please try again later."
)
STORE_DOWN = N_("I can't reach the article store right now. Please try again in a minute.")
# Telegram's message limit, less room for the heading and tags of the admin report.
REPORT_CHARS = 3500


async def report_error(update: object, context: BriefContext) -> None:
    """Log an error raised while handling an update, apologise to the user, and tell the admins."""
    error = context.error
    summary = _describe(update)
    if isinstance(error, Forbidden):
        # The user blocked the bot or left the chat: nothing to tell them, nothing broken.
        log.info("chat refused a reply (%s) for %s", error, summary)
        return
    log.error("error while handling %s", summary, exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        await _send_quietly(context, update.effective_chat.id, user_notice(update, error), None)
    report = context.bot_data.error_reports.admit(error)
    if report is None:
        log.info("the admins were told of this error already; counted, not reported again")
        return
    await _notify_admins(context, summary, error, report)


def user_notice(update: Update, error: BaseException | None) -> str:
    """What the user is told of a failure, in the language of their Telegram app."""
    # The handler's language (a /lang choice) ended with the handler, and the store holding
    # that choice may be the very thing that failed: the app's language is always at hand.
    user = update.effective_user
    with use_language(language_for(user.language_code if user else None)):
        return _(STORE_DOWN if error is not None and is_unreachable(error) else SORRY)


def _describe(update: object) -> str:
    """The update as compact JSON for the log, or its repr."""
    if isinstance(update, Update):
        return json.dumps(update.to_dict(), ensure_ascii=False)[:REPORT_CHARS]
    return repr(update)[:REPORT_CHARS]


async def _notify_admins(
    context: BriefContext, summary: str, error: BaseException | None, report: Report
) -> None:
    trace = "".join(traceback.format_exception(error)) if error is not None else "no exception"
    body = f"{summary}\n\n{trace}"[-REPORT_CHARS:]
    text = f"{_heading(report)}\n<pre>{html.escape(body)}</pre>"
    for admin in sorted(context.settings.admin_ids):
        await _send_quietly(context, admin, text, ParseMode.HTML)


def _heading(report: Report) -> str:
    """The report's first lines: what failed where, and how often since it was last reported
    (in English, for the operators, like the logs)."""
    where = html.escape(f"{report.key.kind} at {report.key.place}")
    heading = f"<b>ceasefire-brief error</b>: {where}"
    if report.repeats:
        times = "time" if report.repeats == 1 else "times"
        since = f" since {report.since:%d %b %H:%M} UTC" if report.since else ""
        heading += f"\n…and happened {report.repeats:,} more {times}{since}."
    return heading


async def _send_quietly(context: BriefContext, chat_id: int, text: str, mode: str | None) -> None:
    """Send a message; if Telegram refuses, log it rather than raise from the error handler."""
    try:
        await context.bot.send_message(chat_id, text, parse_mode=mode)
    except TelegramError:
        log.warning("could not send an error notice to chat %s", chat_id, exc_info=True)
