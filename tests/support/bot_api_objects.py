"""Telegram JSON shared by the test fakes: builders of users, chats, messages and updates.

`BotApiDouble` (a fake server) and `RecordingRequest` (a fake transport) answer with the
same Telegram JSON built here, so a handler sees the same `Message` from either. The
`make_*_update` builders turn that JSON into `telegram.Update` objects for
`Application.process_update`; `reply_to` takes a message JSON (a user's from
`make_user_message_json`, the bot's from `make_bot_message_json`) to answer:

    update = make_command_update("/who Zelenskyy", bot=app.bot, chat_id=42)
    await app.process_update(update)
"""

from __future__ import annotations

import time
from typing import Any

from telegram import Bot, Update

# Call records and faults moved to bot_api_calls, HTML to telegram_html; `X as X` re-exports them.
from tests.support.bot_api_calls import DOWNLOAD as DOWNLOAD
from tests.support.bot_api_calls import Call as Call
from tests.support.bot_api_calls import Fault as Fault
from tests.support.bot_api_calls import FaultError as FaultError
from tests.support.bot_api_calls import JSONDict as JSONDict
from tests.support.bot_api_calls import Upload as Upload
from tests.support.bot_api_calls import commands_key as commands_key
from tests.support.bot_api_calls import describe_calls as describe_calls
from tests.support.bot_api_calls import resolve_attachments as resolve_attachments
from tests.support.telegram_html import parse_html as parse_html
from tests.support.telegram_html import render_text, utf16_len

BOT_USERNAME = "ceasefire_test_bot"
DEFAULT_CHAT_ID = 4242
DEFAULT_USER_ID = 4242


def bot_id_from_token(token: str) -> int:
    """The bot's user id: the numeric part of its token before the colon."""
    return int(token.split(":", 1)[0])


def make_bot_user_json(token: str, username: str = BOT_USERNAME) -> JSONDict:
    """The bot's own User, as getMe returns it."""
    return {
        "id": bot_id_from_token(token),
        "is_bot": True,
        "first_name": "Ceasefire Brief (test)",
        "username": username,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


def make_user_json(
    user_id: int,
    first_name: str = "Tester",
    username: str | None = None,
    language_code: str | None = "en",
) -> JSONDict:
    """A human User, whose Telegram app is in `language_code` (None: Telegram sent none)."""
    user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def make_chat_json(chat_id: int, first_name: str = "Tester") -> JSONDict:
    """A Chat: private for positive ids, a group (supergroup for -100…) for negative ones."""
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": first_name}
    kind = "supergroup" if str(chat_id).startswith("-100") else "group"
    return {"id": chat_id, "type": kind, "title": "Test group"}


def make_message_json(message_id: int, chat: JSONDict, sender: JSONDict, **fields: Any) -> JSONDict:
    """A Message dated now; fields whose value is None are left out, as Telegram does."""
    message = {"message_id": message_id, "from": sender, "chat": chat, "date": int(time.time())}
    message.update({key: value for key, value in fields.items() if value is not None})
    return message


def make_command_entities(text: str) -> list[JSONDict]:
    """The bot_command entity Telegram puts on a text starting with "/", else none."""
    if not text.startswith("/"):
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(text.split(maxsplit=1)[0])}]


def make_user_message_json(
    message_id: int, chat_id: int, user: JSONDict, *, text: str | None = None, **fields: Any
) -> JSONDict:
    """A message a user sent; a leading command gets its entity, in the text or the caption."""
    message = make_message_json(message_id, make_chat_json(chat_id, user["first_name"]), user)
    for key, entities_key, value in (
        ("text", "entities", text),
        ("caption", "caption_entities", fields.pop("caption", None)),
    ):
        if value is not None:
            message[key] = value
            if entities := make_command_entities(value):
                message[entities_key] = entities
    message.update({key: value for key, value in fields.items() if value is not None})
    return message


def make_sent_message_json(
    message_id: int, bot_user: JSONDict, params: JSONDict, **fields: Any
) -> JSONDict:
    """The Message Telegram returns for a send/edit call; ValueError on unparsable HTML."""
    message = make_message_json(
        message_id, make_chat_json(int(params["chat_id"])), bot_user, **fields
    )
    for key, entities_key in (("text", "entities"), ("caption", "caption_entities")):
        if params.get(key) is not None:
            plain, entities = render_text(
                str(params[key]), params.get("parse_mode"), params.get(entities_key)
            )
            message[key] = plain
            if entities:
                message[entities_key] = entities
    markup = params.get("reply_markup")
    # Telegram echoes only inline keyboards; reply keyboards live on the client.
    if isinstance(markup, dict) and "inline_keyboard" in markup:
        message["reply_markup"] = markup
    return message


def make_document_json(
    file_id: str, file_name: str, mime_type: str, file_size: int, unique_id: str | None = None
) -> JSONDict:
    """A Document object."""
    return {
        "file_id": file_id,
        "file_unique_id": unique_id or f"U{file_id[-10:]}",
        "file_name": file_name,
        "mime_type": mime_type,
        "file_size": file_size,
    }


def make_callback_query_json(
    query_id: str, data: str, user: JSONDict, message: JSONDict
) -> JSONDict:
    """A CallbackQuery from `user` pressing a button under `message`."""
    chat_instance = str(message["chat"]["id"] * 7919)
    return {
        "id": query_id,
        "from": user,
        "message": message,
        "chat_instance": chat_instance,
        "data": data,
    }


def make_bot_message_json(message_id: int, chat_id: int, token: str, **fields: Any) -> JSONDict:
    """A message the bot sent earlier, e.g. text and reply_markup, to press under or reply to."""
    return make_message_json(
        message_id, make_chat_json(chat_id), make_bot_user_json(token), **fields
    )


def make_replied_message_json(message: JSONDict) -> JSONDict:
    """`message` as Telegram nests it under reply_to_message: one level, no reply of its own."""
    return {key: value for key, value in message.items() if key != "reply_to_message"}


def _replied(reply_to: JSONDict | None, chat_id: int) -> JSONDict | None:
    if reply_to is None:
        return None
    if reply_to["chat"]["id"] != chat_id:
        raise ValueError(
            f"a reply in chat {chat_id} quotes a message of chat {reply_to['chat']['id']}"
        )
    return make_replied_message_json(reply_to)


def make_text_update(
    text: str,
    *,
    bot: Bot,
    chat_id: int = DEFAULT_CHAT_ID,
    user_id: int | None = None,
    message_id: int = 1,
    update_id: int = 1,
    reply_to: JSONDict | None = None,
    language_code: str | None = "en",
) -> Update:
    """An Update with a user's text message (replying to `reply_to` if given), bound to `bot`;
    the user's app is in `language_code`."""
    user = make_user_json(user_id or default_user_id(chat_id), language_code=language_code)
    message = make_user_message_json(
        message_id, chat_id, user, text=text, reply_to_message=_replied(reply_to, chat_id)
    )
    return Update.de_json({"update_id": update_id, "message": message}, bot)


def make_command_update(
    text: str,
    *,
    bot: Bot,
    chat_id: int = DEFAULT_CHAT_ID,
    user_id: int | None = None,
    message_id: int = 1,
    update_id: int = 1,
    reply_to: JSONDict | None = None,
    language_code: str | None = "en",
) -> Update:
    """An Update with a command such as "/who Zelenskyy", entity included."""
    if not text.startswith("/"):
        raise ValueError(f"a command starts with '/': {text!r}")
    return make_text_update(
        text,
        bot=bot,
        chat_id=chat_id,
        user_id=user_id,
        message_id=message_id,
        update_id=update_id,
        reply_to=reply_to,
        language_code=language_code,
    )


def make_callback_update(
    data: str,
    message_id: int = 1,
    chat_id: int = DEFAULT_CHAT_ID,
    user_id: int | None = None,
    *,
    bot: Bot,
    message_text: str = "Choose one",
    reply_markup: JSONDict | None = None,
    update_id: int = 1,
    language_code: str | None = "en",
) -> Update:
    """An Update with a button press under a message the bot sent earlier."""
    user = make_user_json(user_id or default_user_id(chat_id), language_code=language_code)
    bot_message = make_bot_message_json(
        message_id, chat_id, bot.token, text=message_text, reply_markup=reply_markup
    )
    query = make_callback_query_json(str(update_id), data, user, bot_message)
    return Update.de_json({"update_id": update_id, "callback_query": query}, bot)


def make_document_update(
    file_id: str,
    file_name: str,
    *,
    bot: Bot,
    mime_type: str = "text/plain",
    file_size: int = 0,
    caption: str | None = None,
    chat_id: int = DEFAULT_CHAT_ID,
    user_id: int | None = None,
    message_id: int = 1,
    update_id: int = 1,
    reply_to: JSONDict | None = None,
) -> Update:
    """An Update with a user's document; pair it with `RecordingRequest.store_file`."""
    user = make_user_json(user_id or default_user_id(chat_id))
    document = make_document_json(file_id, file_name, mime_type, file_size)
    message = make_user_message_json(
        message_id,
        chat_id,
        user,
        document=document,
        caption=caption,
        reply_to_message=_replied(reply_to, chat_id),
    )
    return Update.de_json({"update_id": update_id, "message": message}, bot)


def default_user_id(chat_id: int) -> int:
    """The sender when a test names none: the chat's own id in private chats."""
    return chat_id if chat_id > 0 else DEFAULT_USER_ID
