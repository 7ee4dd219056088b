"""A Bot API test double: a small fake of api.telegram.org, served by aiohttp on 127.0.0.1.

Use it when a test should go through python-telegram-bot's real HTTP stack: polling,
multipart uploads, file downloads, error mapping. Point the bot at it and drive it the
way Telegram would:

    async with BotApiDouble(token="123:ABC") as double:
        app = (
            ApplicationBuilder().token("123:ABC")
            .base_url(f"{double.base_url}/bot").base_file_url(f"{double.base_url}/file/bot")
            .build()
        )  # or set TELEGRAM_API_BASE_URL from double.base_url
        ...start the app and `updater.start_polling(timeout=timedelta(seconds=1))`...
        double.push_command("/who Zelenskyy", chat_id=42)              # bot commands
        [call] = await double.wait_for("sendMessage")
        assert "Zelenskyy" in double.sent_messages(42)[-1]["text"]

For digests, `wait_for("sendMessage", count=3)` and `inject("sendMessage",
Fault.too_many_requests(2))` to see flood control handled; for admin loads,
`push_document(b"...", "article.txt", "text/plain", chat_id=admin_id)`, then the bot's
getFile and download are served from the pushed bytes; for charts, sendPhoto keeps the
uploaded PNG (`file_bytes(message["photo"][-1]["file_id"])`) and its caption. `push_text`, `push_command` and
`push_document` take `reply_to=message_id` to answer a message of that chat, the user's
or the bot's; the pushed message then quotes it as Telegram does.

What it keeps: a call log (`calls`, `wait_for`), the update queue (getUpdates long-polls
and confirms by offset like Telegram), every message per chat with increasing ids and its
state after edits (`message`), uploaded and pushed files, commands per scope and language,
and the chats the bot knows: those an update was pushed from, and those given to
`add_chat` (a user who started the bot before the test).

Telegram's own refusals are reproduced where tests meet them: "message is not modified",
"message to edit not found", HTML it cannot parse, text over 4096 characters, a caption
over 1024, a photo that is no PNG ("IMAGE_PROCESS_FAILED") or too long or thin, a command
scope naming a chat the bot does not know ("chat not found"), a wrong token (401), an
unknown method (404). Markdown parse modes are stored as sent.

Two things PTB does that tests meet: it drops "Bad Request: " from error messages and
capitalizes the rest (match with "(?i)message is not modified"), and reading
`RetryAfter.retry_after` warns, an error here, unless PTB_TIMEDELTA=true is set.

Its parts: `double_store` (what it keeps), `double_methods` (the Bot API methods),
`double_http` (the aiohttp server); tests import only from this module.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from tests.support.bot_api_calls import (
    DOWNLOAD,
    Call,
    Fault,
    JSONDict,
    commands_key,
    describe_calls,
)
from tests.support.bot_api_objects import (
    BOT_USERNAME,
    DEFAULT_CHAT_ID,
    default_user_id,
    make_bot_user_json,
    make_callback_query_json,
    make_user_json,
    make_user_message_json,
)
from tests.support.double_http import DoubleServer
from tests.support.double_store import DoubleStore, Injection, StoredMessage

__all__ = ["DOWNLOAD", "BotApiDouble", "Call", "Fault", "StoredMessage"]


class BotApiDouble:
    """A fake Bot API server for one bot token, used as an async context manager."""

    def __init__(self, token: str = "123:ABC", *, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.bot_user = make_bot_user_json(token, username)
        self._store = DoubleStore(self.bot_user)
        self._server = DoubleServer(token, self._store)

    async def __aenter__(self) -> BotApiDouble:
        """Start serving on an ephemeral port of 127.0.0.1."""
        await self._server.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Answer pending long polls, then stop the server."""
        self._store.closing = True
        self._store.pushed.notify()
        await self._server.stop()

    @property
    def base_url(self) -> str:
        """The server root, e.g. "http://127.0.0.1:PORT"; PTB's base_url is f"{base_url}/bot"."""
        if not self._server.running:
            raise RuntimeError("the BotApiDouble is not running; use `async with BotApiDouble()`")
        return f"http://127.0.0.1:{self._server.port}"

    # --- what tests read and steer ---

    def calls(self, method: str | None = None) -> list[Call]:
        """The calls answered so far, oldest first, optionally of one method."""
        return [call for call in self._store.log if method is None or call.method == method]

    def sent_messages(self, chat_id: int | None = None) -> list[JSONDict]:
        """The Messages sendMessage, sendDocument and sendPhoto returned, in order."""
        return [m for m in self._store.sent if chat_id is None or m["chat"]["id"] == chat_id]

    def message(self, chat_id: int, message_id: int) -> StoredMessage:
        """A message in its current state, after any edits."""
        try:
            return self._store.messages[(chat_id, message_id)]
        except KeyError:
            raise KeyError(f"no message {message_id} in chat {chat_id}") from None

    def file_bytes(self, file_id: str) -> bytes:
        """The content of a file the bot uploaded or a test pushed."""
        return self._store.files[file_id].content

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """The bot's commands for a scope (default scope if None) and language."""
        key = commands_key({"scope": scope, "language_code": language_code})
        return self._store.commands.get(key, [])

    def add_chat(self, chat_id: int) -> None:
        """Let the bot know a chat no update came from, e.g. a user who started it earlier."""
        self._store.known_chats.add(chat_id)

    def delay_answers(self, method: str, seconds: float) -> None:
        """Carry out and log each call of `method` at once, but answer it `seconds` later.

        Sends are then in flight for a while: delivered, not yet known to the bot.
        """
        self._server.answer_delays[method] = seconds

    def inject(
        self, method: str, fault: Fault, times: int = 1, chat_id: int | str | None = None
    ) -> None:
        """Answer the next `times` calls of `method` (to `chat_id` only, if given) with `fault`."""
        if times < 1:
            raise ValueError("times must be at least 1")
        self._store.injections.append(Injection(method, fault, times, chat_id))

    # A timeout argument rather than asyncio.timeout: the failure then shows the call log.
    async def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> list[Call]:
        """The first `count` calls of `method` matching `predicate`, once they have happened."""
        deadline = time.monotonic() + timeout
        while len(found := self._matching(method, predicate)) < count:
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"waited {timeout}s for {count} {method} call(s), saw {len(found)};"
                    f" call log:\n{describe_calls(self._store.log)}"
                )
            await self._store.recorded.wait(deadline - time.monotonic())
        return found[:count]

    async def reply_to(self, text: str, *, chat_id: int) -> str:
        """Send a user's message (a command when it starts with "/"), wait for the bot's reply
        in that chat, and return the text Telegram shows."""
        before = len(self.sent_messages(chat_id))
        if text.startswith("/"):
            self.push_command(text, chat_id=chat_id)
        else:
            self.push_text(text, chat_id=chat_id)
        await self.wait_for(
            "sendMessage",
            lambda call: call.params.get("chat_id") == chat_id and call.ok,
            count=before + 1,
            timeout=10,
        )
        return str(self.sent_messages(chat_id)[before]["text"])

    def _matching(self, method: str, predicate: Callable[[Call], bool] | None) -> list[Call]:
        return [c for c in self.calls(method) if predicate is None or predicate(c)]

    # --- incoming updates ---

    def push_update(self, raw: JSONDict) -> int:
        """Queue any update for getUpdates; its update_id is assigned here and returned."""
        return self._store.queue_update(raw)

    def push_text(
        self,
        text: str,
        chat_id: int = DEFAULT_CHAT_ID,
        user_id: int | None = None,
        *,
        username: str | None = None,
        reply_to: int | None = None,
    ) -> int:
        """Queue a user's text message; a leading "/command" gets its bot_command entity."""
        replied = self._replied(chat_id, reply_to)
        user = make_user_json(user_id or default_user_id(chat_id), username=username)
        return self._push_message(chat_id, user, text=text, reply_to_message=replied)

    def push_command(
        self,
        text: str,
        chat_id: int = DEFAULT_CHAT_ID,
        user_id: int | None = None,
        *,
        username: str | None = None,
        reply_to: int | None = None,
    ) -> int:
        """Queue a command such as "/who Zelenskyy" for CommandHandler."""
        if not text.startswith("/"):
            raise ValueError(f"a command starts with '/': {text!r}")
        return self.push_text(text, chat_id, user_id, username=username, reply_to=reply_to)

    def push_callback(
        self,
        data: str,
        chat_id: int = DEFAULT_CHAT_ID,
        user_id: int | None = None,
        message_id: int | None = None,
    ) -> int:
        """Queue a button press under a message the bot sent (by default its latest there)."""
        message = self._store.bot_message(chat_id, message_id)
        query_id = str(self.bot_user["id"] * 1000 + len(self._store.callbacks) + 1)
        self._store.callbacks[query_id] = False
        user = make_user_json(user_id or default_user_id(chat_id))
        query = make_callback_query_json(query_id, data, user, message.json)
        return self.push_update({"callback_query": query})

    def push_document(
        self,
        file_bytes: bytes,
        file_name: str,
        mime_type: str = "application/octet-stream",
        chat_id: int = DEFAULT_CHAT_ID,
        user_id: int | None = None,
        caption: str | None = None,
        *,
        reply_to: int | None = None,
    ) -> int:
        """Queue a user's document; getFile and the download then serve `file_bytes`."""
        replied = self._replied(chat_id, reply_to)
        stored = self._store.store_file(file_bytes, file_name, mime_type)
        user = make_user_json(user_id or default_user_id(chat_id))
        return self._push_message(
            chat_id, user, document=stored.document, caption=caption, reply_to_message=replied
        )

    def _replied(self, chat_id: int, reply_to: int | None) -> JSONDict | None:
        if reply_to is None:
            return None
        replied = self._store.replied(chat_id, reply_to)
        if replied is None:
            known = sorted(mid for cid, mid in self._store.messages if cid == chat_id)
            raise ValueError(
                f"no message {reply_to} in chat {chat_id} to reply to; its messages: {known}"
            )
        return replied

    def _push_message(self, chat_id: int, user: JSONDict, **fields: Any) -> int:
        message_id = self._store.take_message_id(chat_id)
        message = make_user_message_json(message_id, chat_id, user, **fields)
        # A user's text is stored as typed; no parse mode applies to it.
        self._store.keep(message, fields.get("text", fields.get("caption")), None)
        return self.push_update({"message": message})
