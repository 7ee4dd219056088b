"""Send replies to Telegram: HTML pages with ◀ ▶ buttons for long ones, and buttons for commands."""

from __future__ import annotations

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.context import BriefContext
from bot.rendering import render_pages
from briefings.replies import Reply
from storage import get_page, save_pages

PAGE_PREFIX = "page"
COMMAND_PREFIX = "cmd"
IGNORED = "noop"
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
EXPIRED = "That answer is no longer available. Send the command again for a fresh one."


def page_data(pager_id: int, number: int) -> str:
    """Callback data of a paging button."""
    return f"{PAGE_PREFIX}:{pager_id}:{number}"


def parse_page_data(data: str) -> tuple[int, int] | None:
    """Pager id and page number from a paging button's data; None if malformed."""
    prefix, _, rest = data.partition(":")
    pager, _, number = rest.partition(":")
    if prefix != PAGE_PREFIX or not pager.isdigit() or not number.isdigit():
        return None
    return int(pager), int(number)


def action_buttons(reply: Reply) -> list[InlineKeyboardButton]:
    """One button per command the reply offers."""
    return [
        InlineKeyboardButton(command, callback_data=f"{COMMAND_PREFIX}:{command}")
        for command in reply.actions
    ]


def page_buttons(pager_id: int, number: int, count: int) -> list[InlineKeyboardButton]:
    """◀ page/count ▶, the arrows only where there is a page to go to."""
    buttons = [InlineKeyboardButton(f"{number}/{count}", callback_data=IGNORED)]
    if number > 1:
        buttons.insert(0, InlineKeyboardButton("◀", callback_data=page_data(pager_id, number - 1)))
    if number < count:
        buttons.append(InlineKeyboardButton("▶", callback_data=page_data(pager_id, number + 1)))
    return buttons


def keyboard(rows: list[list[InlineKeyboardButton]]) -> InlineKeyboardMarkup | None:
    """An inline keyboard of the non-empty rows, or None."""
    kept = [row for row in rows if row]
    return InlineKeyboardMarkup(kept) if kept else None


async def send_reply(context: BriefContext, chat_id: int, reply: Reply) -> Message:
    """Send a reply: one message, paged with buttons when longer than one Telegram message."""
    pages = render_pages(reply)
    rows = [action_buttons(reply)]
    if len(pages) > 1:
        async with context.runtime.sessions.begin() as session:
            pager_id = await save_pages(session, chat_id=chat_id, pages=pages)
        rows.insert(0, page_buttons(pager_id, 1, len(pages)))
    return await context.bot.send_message(
        chat_id,
        pages[0],
        parse_mode=ParseMode.HTML,
        reply_markup=keyboard(rows),
        link_preview_options=NO_PREVIEW,
    )


async def show_page(
    context: BriefContext, query: CallbackQuery, chat_id: int, pager_id: int, number: int
) -> bool:
    """Edit a paged message to show another page; False when that page no longer exists."""
    async with context.runtime.sessions() as session:
        page = await get_page(session, pager_id=pager_id, chat_id=chat_id, number=number)
    if page is None:
        return False
    markup = keyboard([page_buttons(pager_id, page.number, page.count)])
    try:
        await query.edit_message_text(
            page.text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        )
    except BadRequest as error:
        # A double tap asks for the page already shown; Telegram refuses the no-op edit.
        if "not modified" not in str(error).lower():
            raise
    return True
