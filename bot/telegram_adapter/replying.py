"""Send replies to Telegram: HTML pages with ◀ ▶ buttons for long ones, and buttons for commands."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import CallbackQuery, InlineKeyboardButton, InputFile, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.core.arguments import LAST_KEY, whole_number
from bot.core.callers import VISITOR, Caller
from bot.core.commands import answer
from bot.telegram_adapter.buttons import (
    CALLBACK_BYTES,
    IGNORED,
    NO_PREVIEW,
    action_buttons,
    keyboard,
    share_buttons,
)
from bot.telegram_adapter.context import BriefContext
from bot.telegram_adapter.rendering import render_caption, render_pages
from briefings.i18n import N_, _
from briefings.replies.reply import Photo, Reply
from storage import get_pager, save_pager

INLINE_PREFIX = "pg"
STORED_PREFIX = "pp"
# Pages a button may name: more than any answer has (every answer is bounded).
LAST_PAGE = 10_000
# Notices, translated where shown (`_(EXPIRED)`), in the language of the answer being built.
# i18n: a long answer follows in its own message(s), below the finished status message
DONE_BELOW = N_("✅ Done; the summary follows.")
# i18n: a pop-up when a ◀ ▶ page button is pressed under an answer the bot no longer keeps
EXPIRED = N_("That answer is no longer available. Send the command again for a fresh one.")


@dataclass(frozen=True)
class PageKey:
    """What a paging button names: the command line itself, or a stored pager holding it."""

    line: str | None = None
    pager_id: int | None = None

    def data(self, number: int) -> str:
        """The callback data of the button for page `number`."""
        if self.line is not None:
            return f"{INLINE_PREFIX}:{number}:{self.line}"
        return f"{STORED_PREFIX}:{self.pager_id}:{number}"


def parse_page_data(data: str) -> tuple[PageKey, int] | None:
    """The key and page number of a paging button's data; None if malformed.

    A client can send any data with a button press: the numbers are read as arguments are
    (ASCII digits, bounded: a pager id is a 32-bit key of the store).
    """
    prefix, _colon, rest = data.partition(":")
    first, _colon, second = rest.partition(":")
    if prefix == INLINE_PREFIX and second and (page := whole_number(first, LAST_PAGE)):
        return PageKey(line=second), page
    pager, page = whole_number(first, LAST_KEY), whole_number(second, LAST_PAGE)
    if prefix == STORED_PREFIX and pager and page:
        return PageKey(pager_id=pager), page
    return None


def fits_inline(line: str, count: int) -> bool:
    """True when the line can ride in the data of every paging button of its reply."""
    return len(PageKey(line=line).data(count).encode("utf-8")) <= CALLBACK_BYTES


def page_buttons(key: PageKey, number: int, count: int) -> list[InlineKeyboardButton]:
    """◀ page/count ▶, the arrows only where there is a page to go to."""
    buttons = [InlineKeyboardButton(f"{number}/{count}", callback_data=IGNORED)]
    if number > 1:
        buttons.insert(0, InlineKeyboardButton("◀", callback_data=key.data(number - 1)))
    if number < count:
        buttons.append(InlineKeyboardButton("▶", callback_data=key.data(number + 1)))
    return buttons


async def send_reply(context: BriefContext, chat_id: int, line: str, reply: Reply) -> Message:
    """Send the reply to a line: one message, paged with buttons when it is too long for one.

    A reply with a photo is sent as the photo, its lines as the caption, its buttons beneath.
    """
    if reply.photo is not None:
        return await send_photo(context, chat_id, reply.photo, reply)
    pages = render_pages(reply)
    rows = reply_buttons(context, reply)
    if len(pages) > 1:
        key = await _page_key(context, chat_id, line, len(pages))
        rows.insert(0, page_buttons(key, 1, len(pages)))
    return await context.bot.send_message(
        chat_id,
        pages[0],
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard(rows),
        link_preview_options=NO_PREVIEW,
    )


async def send_photo(context: BriefContext, chat_id: int, photo: Photo, reply: Reply) -> Message:
    """Send a picture (sendPhoto, uploaded), the reply's lines as its HTML caption."""
    return await context.bot.send_photo(
        chat_id,
        InputFile(photo.png, filename=photo.name),
        caption=render_caption(reply),
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard(reply_buttons(context, reply)),
    )


def reply_buttons(context: BriefContext, reply: Reply) -> list[list[InlineKeyboardButton]]:
    """The rows of buttons under every page of a reply: its commands, and its share button."""
    return [action_buttons(reply), share_buttons(reply, context.bot.username)]


async def _page_key(context: BriefContext, chat_id: int, line: str, count: int) -> PageKey:
    """The line itself when it fits in the buttons, else a stored pager keeping it."""
    if fits_inline(line, count):
        return PageKey(line=line)
    async with context.runtime.sessions.begin() as session:
        return PageKey(pager_id=await save_pager(session, chat_id=chat_id, command=line))


async def show_page(
    context: BriefContext,
    query: CallbackQuery,
    chat_id: int,
    key: PageKey,
    number: int,
    caller: Caller = VISITOR,
) -> bool:
    """Answer the command again and edit the message to show one page; False if it is gone."""
    line = key.line
    if line is None and key.pager_id is not None:
        async with context.runtime.sessions() as session:
            line = await get_pager(session, pager_id=key.pager_id, chat_id=chat_id)
    if line is None:
        return False
    reply = await answer(context.runtime, line, caller)
    pages = render_pages(reply)
    if not 1 <= number <= len(pages):
        return False
    # The same buttons as the first page's, so that a page turned keeps its share button.
    markup = keyboard([page_buttons(key, number, len(pages)), *reply_buttons(context, reply)])
    try:
        await query.edit_message_text(
            pages[number - 1],
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        )
    except BadRequest as error:
        # A double tap asks for the page already shown; Telegram refuses the no-op edit.
        if "not modified" not in str(error).lower():
            raise
    return True


async def finish_status(context: BriefContext, status: Message, line: str, reply: Reply) -> None:
    """Turn a status message into the reply; a reply too long for one page follows it instead."""
    pages = render_pages(reply)
    if len(pages) > 1:
        await status.edit_text(_(DONE_BELOW))
        await send_reply(context, status.chat_id, line, reply)
        return
    await status.edit_text(
        pages[0],
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard(reply_buttons(context, reply)),
        link_preview_options=NO_PREVIEW,
    )
