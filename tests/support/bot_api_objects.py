"""Bot API wire shapes shared by the test fakes: JSON builders, error answers, call records.

`BotApiDouble` (a fake server) and `RecordingRequest` (a fake transport) answer with the
same Telegram JSON built here, so a handler sees the same `Message` from either. The
`make_*_update` builders turn that JSON into `telegram.Update` objects for
`Application.process_update`:

    update = make_command_update("/who Zelenskyy", bot=app.bot, chat_id=42)
    await app.process_update(update)
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from telegram import Bot, Update

JSONDict = dict[str, Any]

BOT_USERNAME = "ceasefire_test_bot"
DOWNLOAD = "downloadFile"  # the name file downloads get in call logs and in `inject`
DEFAULT_CHAT_ID = 4242
DEFAULT_USER_ID = 4242


@dataclass(frozen=True)
class Fault:
    """An error answer of the Bot API: HTTP status, Telegram's description, retry_after."""

    status: int
    description: str
    retry_after: int | None = None

    @classmethod
    def too_many_requests(cls, retry_after: int) -> Fault:
        """429 flood control; PTB raises `RetryAfter`."""
        return cls(429, f"Too Many Requests: retry after {retry_after}", retry_after)

    @classmethod
    def forbidden(cls) -> Fault:
        """403 for a user who blocked the bot; PTB raises `Forbidden`."""
        return cls(403, "Forbidden: bot was blocked by the user")

    @classmethod
    def server_error(cls) -> Fault:
        """500 from Telegram's side; PTB raises `NetworkError`."""
        return cls(500, "Internal Server Error")

    @classmethod
    def bad_request(cls, description: str) -> Fault:
        """400 with Telegram's wording; the "Bad Request: " prefix is added when missing."""
        prefix = "" if description.startswith("Bad Request: ") else "Bad Request: "
        return cls(400, prefix + description)

    @classmethod
    def unauthorized(cls) -> Fault:
        """401 for a token Telegram does not know; PTB raises `InvalidToken`."""
        return cls(401, "Unauthorized")

    @classmethod
    def not_found(cls) -> Fault:
        """404 for a method Telegram does not have."""
        return cls(404, "Not Found")

    def to_json(self) -> JSONDict:
        """The response body Telegram sends with this error."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


class FaultError(Exception):
    """Raised inside a fake's method to answer the call with `fault`."""

    def __init__(self, fault: Fault) -> None:
        super().__init__(fault.description)
        self.fault = fault


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded in a multipart request."""

    file_name: str
    mime_type: str
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class Call:
    """One Bot API call as a fake saw it: decoded params, when, and how it was answered."""

    method: str
    params: JSONDict
    at: float
    fault: Fault | None = None  # the error answered, injected or Telegram's own; None when ok
    injected: bool = False
    result: Any = None

    @property
    def ok(self) -> bool:
        """Whether the call was answered with a result rather than an error."""
        return self.fault is None

    def summary(self) -> str:
        """One line for failure messages: method, outcome and the short params."""
        outcome = "ok" if self.fault is None else f"{self.fault.status} {self.fault.description}"
        shown = {k: (v if len(repr(v)) < 60 else "…") for k, v in self.params.items()}
        return f"{self.method} -> {outcome} {shown}"


def describe_calls(calls: list[Call]) -> str:
    """The call log as numbered lines, for assertion messages."""
    if not calls:
        return "  (no calls)"
    return "\n".join(f"  {i}. {call.summary()}" for i, call in enumerate(calls, 1))


def resolve_attachments(params: JSONDict) -> JSONDict:
    """Params with "attach://<part>" values replaced by that uploaded part, as Telegram reads them."""
    return {
        key: params.get(value.removeprefix("attach://"), value)
        if isinstance(value, str) and value.startswith("attach://")
        else value
        for key, value in params.items()
    }


def commands_key(params: JSONDict) -> str:
    """The key setMyCommands stores under: scope (default if absent) and language code."""
    scope = params.get("scope") or {"type": "default"}
    return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}


def _entity_for(tag: str, attrs: dict[str, str | None]) -> JSONDict | None:
    if tag == "a" and attrs.get("href"):
        return {"type": "text_link", "url": attrs["href"]}
    if tag == "span" and attrs.get("class") == "tg-spoiler":
        return {"type": "spoiler"}
    if tag == "blockquote" and "expandable" in attrs:
        return {"type": "expandable_blockquote"}
    if tag == "tg-emoji" and attrs.get("emoji-id"):
        return {"type": "custom_emoji", "custom_emoji_id": attrs["emoji-id"]}
    kind = _SIMPLE_TAGS.get(tag)
    return {"type": kind} if kind else None


class _TelegramHtml(HTMLParser):
    """Telegram's HTML parse mode: plain text plus entities; other tags are errors."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.parts: list[str] = []
        self.length = 0
        self.open: list[tuple[str, JSONDict | None]] = []
        self.entities: list[JSONDict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        language = (attributes.get("class") or "").removeprefix("language-")
        if tag == "code" and self.open and self.open[-1][0] == "pre" and language:
            # Telegram folds <pre><code class="language-x"> into one pre entity with a language.
            pre = self.open[-1][1]
            if pre is not None:
                pre["language"] = language
            self.open.append((tag, None))
            return
        entity = _entity_for(tag, attributes)
        if entity is None:
            raise ValueError(f'Unsupported start tag "{tag}" at byte offset {self._offset()}')
        self.open.append((tag, {**entity, "offset": self.length}))

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1][0] != tag:
            expected = f'"</{self.open[-1][0]}>"' if self.open else "no end tag"
            raise ValueError(
                f'Unmatched end tag at byte offset {self._offset()}, expected {expected}, found "</{tag}>"'
            )
        _, entity = self.open.pop()
        if entity is not None and self.length > entity["offset"]:
            self.entities.append({**entity, "length": self.length - entity["offset"]})

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.length += utf16_len(data)

    def _offset(self) -> int:
        line, column = self.getpos()
        before = "\n".join(self.source.split("\n")[: line - 1])
        chars = len(before) + (1 if line > 1 else 0) + column
        return len(self.source[:chars].encode())


def parse_html(source: str) -> tuple[str, list[JSONDict]]:
    """Text and entities Telegram makes of an HTML message; ValueError as Telegram would refuse."""
    parser = _TelegramHtml(source)
    parser.feed(source)
    parser.close()
    if parser.open:
        raise ValueError(f'Can\'t find end tag corresponding to start tag "{parser.open[-1][0]}"')
    entities = sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
    return "".join(parser.parts), entities


def _trim(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    # Telegram strips whitespace around a message, so entities shift and clip with it.
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    stripped = text.strip()
    end = lead + utf16_len(stripped)
    kept = []
    for entity in entities:
        start, stop = max(entity["offset"], lead), min(entity["offset"] + entity["length"], end)
        if stop > start:
            kept.append({**entity, "offset": start - lead, "length": stop - start})
    return stripped, kept


def render_text(
    text: str, parse_mode: str | None, entities: list[JSONDict] | None = None
) -> tuple[str, list[JSONDict]]:
    """The text and entities Telegram stores for a sent text; Markdown modes are left as sent."""
    if parse_mode and parse_mode.upper() == "HTML":
        return _trim(*parse_html(text))
    return _trim(text, list(entities or []))


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
    user_id: int, first_name: str = "Tester", username: str | None = None
) -> JSONDict:
    """A human User."""
    user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        user["username"] = username
    user["language_code"] = "en"
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


def make_text_update(
    text: str,
    *,
    bot: Bot,
    chat_id: int = DEFAULT_CHAT_ID,
    user_id: int | None = None,
    message_id: int = 1,
    update_id: int = 1,
) -> Update:
    """An Update with a user's text message, bound to `bot` so replies go through it."""
    user = make_user_json(user_id or default_user_id(chat_id))
    message = make_user_message_json(message_id, chat_id, user, text=text)
    return Update.de_json({"update_id": update_id, "message": message}, bot)


def make_command_update(
    text: str,
    *,
    bot: Bot,
    chat_id: int = DEFAULT_CHAT_ID,
    user_id: int | None = None,
    message_id: int = 1,
    update_id: int = 1,
) -> Update:
    """An Update with a command such as "/who Zelenskyy", entity included."""
    if not text.startswith("/"):
        raise ValueError(f"a command starts with '/': {text!r}")
    return make_text_update(
        text, bot=bot, chat_id=chat_id, user_id=user_id, message_id=message_id, update_id=update_id
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
) -> Update:
    """An Update with a button press under a message the bot sent earlier."""
    user = make_user_json(user_id or default_user_id(chat_id))
    bot_message = make_message_json(
        message_id,
        make_chat_json(chat_id),
        make_bot_user_json(bot.token),
        text=message_text,
        reply_markup=reply_markup,
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
    update_id: int = 1,
) -> Update:
    """An Update with a user's document; pair it with `RecordingRequest.store_file`."""
    user = make_user_json(user_id or default_user_id(chat_id))
    document = make_document_json(file_id, file_name, mime_type, file_size)
    message = make_user_message_json(1, chat_id, user, document=document, caption=caption)
    return Update.de_json({"update_id": update_id, "message": message}, bot)


def default_user_id(chat_id: int) -> int:
    """The sender when a test names none: the chat's own id in private chats."""
    return chat_id if chat_id > 0 else DEFAULT_USER_ID
