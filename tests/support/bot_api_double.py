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

For a bot on a webhook (WEBHOOK_URL on 127.0.0.1, the port free), the bot's setWebhook is
kept (`webhook`: url, secret_token, allowed_updates) and updates are posted to it:

    await double.wait_for("setWebhook")
    status = await double.deliver_webhook(double.command_update("/help", chat_id=42))
    assert status == 200                                      # then its reply arrives
    await double.deliver_webhook(update, secret="wrong")      # or secret=None: no header
    await double.request_webhook(b"not json")                 # any body, any method

While a webhook is set getUpdates is refused (409 Conflict), as Telegram refuses it.

What it keeps: a call log (`calls`, `wait_for`), the update queue (getUpdates long-polls
and confirms by offset like Telegram), the webhook set, every message per chat with
increasing ids and its state after edits (`message`), uploaded and pushed files, commands per scope and language, the
descriptions per language (`description("uk")`, `description(short=True)`),
and the chats the bot knows: those an update was pushed from, and those given to
`add_chat` (a user who started the bot before the test).

Telegram's own refusals are reproduced where tests meet them: "message is not modified",
"message to edit not found", HTML it cannot parse, text over 4096 characters, a caption
over 1024, a photo that is no PNG ("IMAGE_PROCESS_FAILED") or too long or thin, a command
scope naming a chat the bot does not know ("chat not found"), a wrong token (401), an
unknown method (404), a webhook on http or a port Telegram does not post to, a secret token
with other characters than A-Z, a-z, 0-9, _ and -. Markdown parse modes are stored as sent.

Two things PTB does that tests meet: it drops "Bad Request: " from error messages and
capitalizes the rest (match with "(?i)message is not modified"), and reading
`RetryAfter.retry_after` warns, an error here, unless PTB_TIMEDELTA=true is set.

For groups (negative chat ids), `set_group_admins` answers getChatMember and
`push_group_text` marks @mentions; a user seen only in groups is refused private messages
(403) until they start the bot (see `double_groups`).

For inline mode, `ask_inline("zelensky", user_id=55, language_code="uk")` pushes an
inline query and returns the bot's answerInlineQuery, checked as Telegram checks it
(see `double_inline`).

Its parts: `double_store` (what it keeps), `double_methods` (the Bot API methods),
`double_webhook` (the webhook's methods, and posting to it), `double_updates` (users'
updates, queued or posted), `double_http` (the aiohttp server); tests import only from
this module.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType

from tests.support.bot_api_calls import (
    DOWNLOAD,
    Call,
    Fault,
    JSONDict,
    commands_key,
    describe_calls,
)
from tests.support.bot_api_objects import BOT_USERNAME, make_bot_user_json
from tests.support.double_groups import GroupUpdates
from tests.support.double_http import DoubleServer
from tests.support.double_inline import IncomingInline, InlineAnswer
from tests.support.double_store import DoubleStore, Injection, StoredMessage, Webhook
from tests.support.double_updates import IncomingUpdates, SetSecret

__all__ = [
    "DOWNLOAD",
    "BotApiDouble",
    "Call",
    "Fault",
    "InlineAnswer",
    "SetSecret",
    "StoredMessage",
    "Webhook",
]


class BotApiDouble(IncomingUpdates, GroupUpdates, IncomingInline):
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

    def description(self, language_code: str = "", *, short: bool = False) -> str:
        """The bot's description (setMyDescription), or its short one, for a language ("" is
        the default); "" if none was set."""
        field = "short_description" if short else "description"
        return self._store.descriptions.get((field, language_code), "")

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

    async def reply_to(self, text: str, *, chat_id: int, language_code: str | None = "en") -> str:
        """Send a user's message (a command when it starts with "/") from an app in
        `language_code`, wait for the bot's reply in that chat, and return the text Telegram
        shows."""
        before = len(self.sent_messages(chat_id))
        if text.startswith("/"):
            self.push_command(text, chat_id=chat_id, language_code=language_code)
        else:
            self.push_text(text, chat_id=chat_id, language_code=language_code)
        await self.wait_for(
            "sendMessage",
            lambda call: call.params.get("chat_id") == chat_id and call.ok,
            count=before + 1,
            timeout=10,
        )
        return str(self.sent_messages(chat_id)[before]["text"])

    def _matching(self, method: str, predicate: Callable[[Call], bool] | None) -> list[Call]:
        return [c for c in self.calls(method) if predicate is None or predicate(c)]
