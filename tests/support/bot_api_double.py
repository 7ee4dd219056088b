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
getFile and download are served from the pushed bytes.

What it keeps: a call log (`calls`, `wait_for`), the update queue (getUpdates long-polls
and confirms by offset like Telegram), every message per chat with increasing ids and its
state after edits (`message`), uploaded and pushed files, commands per scope and language.
Telegram's own refusals are reproduced where tests meet them: "message is not modified",
"message to edit not found", HTML it cannot parse, text over 4096 characters, a wrong
token (401), an unknown method (404). Markdown parse modes are stored as sent.

Two things PTB does that tests meet: it drops "Bad Request: " from error messages and
capitalizes the rest (match with "(?i)message is not modified"), and reading
`RetryAfter.retry_after` warns, an error here, unless PTB_TIMEDELTA=true is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from aiohttp import BodyPartReader, hdrs, web

from tests.support.bot_api_objects import (
    BOT_USERNAME,
    DEFAULT_CHAT_ID,
    DOWNLOAD,
    Call,
    Fault,
    FaultError,
    JSONDict,
    Upload,
    commands_key,
    default_user_id,
    describe_calls,
    make_bot_user_json,
    make_callback_query_json,
    make_document_json,
    make_sent_message_json,
    make_user_json,
    make_user_message_json,
    resolve_attachments,
)

__all__ = ["DOWNLOAD", "BotApiDouble", "Call", "Fault", "StoredMessage"]

Handler = Callable[[JSONDict], Awaitable[Any]]

# PTB form-encodes strings as they are and everything else as JSON, so "123" may be either;
# these parameters are always strings and are never decoded.
_TEXT_PARAMS = frozenset(
    {"text", "caption", "callback_query_id", "file_id", "inline_message_id", "query", "url"}
    | {"title", "description", "short_description", "name", "language_code", "parse_mode"}
    | {"action", "emoji"}
)
# Telegram leaves these out of getUpdates unless allowed_updates names them.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice"}
    | {"upload_document", "choose_sticker", "find_location", "record_video_note"}
    | {"upload_video_note"}
)
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_LIMITS = (("text", 4096, "message is too long"), ("caption", 1024, "message caption is too long"))
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly"
    " the same as a current content and reply markup of the message"
)


@dataclass(frozen=True)
class StoredMessage:
    """A message as the double holds it now: Telegram's JSON and the text as the bot sent it."""

    json: JSONDict
    # The text or caption exactly as sent: the HTML source under parse_mode HTML.
    html: str | None = None
    parse_mode: str | None = None

    @property
    def text(self) -> str | None:
        """The text (or caption) Telegram shows: tags stripped, entities unescaped."""
        return self.json.get("text", self.json.get("caption"))

    @property
    def reply_markup(self) -> JSONDict | None:
        """The inline keyboard under the message, if any."""
        return self.json.get("reply_markup")


@dataclass
class _Injection:
    method: str
    fault: Fault
    remaining: int
    chat_id: int | str | None


@dataclass(frozen=True)
class _StoredFile:
    document: JSONDict
    content: bytes
    path: str


class _Signal:
    """Wakes every current waiter; a fresh event per round, so no waiter clears another's."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), max(seconds, 0))


class BotApiDouble:
    """A fake Bot API server for one bot token, used as an async context manager."""

    def __init__(self, token: str = "123:ABC", *, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.bot_user = make_bot_user_json(token, username)
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._closing = False
        self._log: list[Call] = []
        self._updates: list[JSONDict] = []
        self._next_update_id = 1
        self._allowed_updates: list[str] = []
        self._messages: dict[tuple[int, int], StoredMessage] = {}
        self._last_message_id: dict[int, int] = {}
        self._sent: list[JSONDict] = []
        self._files: dict[str, _StoredFile] = {}
        self._callbacks: dict[str, bool] = {}  # query id -> answered yet
        self._commands: dict[str, list[JSONDict]] = {}
        self._injections: list[_Injection] = []
        self._pushed = _Signal()
        self._recorded = _Signal()
        self._routes: dict[str, Handler] = {
            "getMe": self._get_me,
            "deleteWebhook": self._delete_webhook,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendDocument": self._send_document,
            "getFile": self._get_file,
            "sendChatAction": self._send_chat_action,
        }
        # Telegram matches method names case-insensitively.
        self._names = {name.lower(): name for name in self._routes}

    async def __aenter__(self) -> BotApiDouble:
        """Start serving on an ephemeral port of 127.0.0.1."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._serve_method)
        app.router.add_get("/file/bot{token}/{path:.+}", self._serve_file)
        # A long poll whose client hung up is cancelled rather than left to run out its timeout.
        self._runner = web.AppRunner(
            app, handle_signals=False, access_log=None, handler_cancellation=True
        )
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        except BaseException:
            await self.__aexit__(None, None, None)
            raise
        self._port = self._runner.addresses[0][1]
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Answer pending long polls, then stop the server."""
        self._closing = True
        self._pushed.notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        """The server root, e.g. "http://127.0.0.1:PORT"; PTB's base_url is f"{base_url}/bot"."""
        if self._runner is None:
            raise RuntimeError("the BotApiDouble is not running; use `async with BotApiDouble()`")
        return f"http://127.0.0.1:{self._port}"

    # --- what tests read and steer ---

    def calls(self, method: str | None = None) -> list[Call]:
        """The calls answered so far, oldest first, optionally of one method."""
        return [call for call in self._log if method is None or call.method == method]

    def sent_messages(self, chat_id: int | None = None) -> list[JSONDict]:
        """The Messages sendMessage and sendDocument returned, in order."""
        return [m for m in self._sent if chat_id is None or m["chat"]["id"] == chat_id]

    def message(self, chat_id: int, message_id: int) -> StoredMessage:
        """A message in its current state, after any edits."""
        try:
            return self._messages[(chat_id, message_id)]
        except KeyError:
            raise KeyError(f"no message {message_id} in chat {chat_id}") from None

    def file_bytes(self, file_id: str) -> bytes:
        """The content of a file the bot uploaded or a test pushed."""
        return self._files[file_id].content

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """The bot's commands for a scope (default scope if None) and language."""
        return self._commands.get(
            commands_key({"scope": scope, "language_code": language_code}), []
        )

    def inject(
        self, method: str, fault: Fault, times: int = 1, chat_id: int | str | None = None
    ) -> None:
        """Answer the next `times` calls of `method` (to `chat_id` only, if given) with `fault`."""
        if times < 1:
            raise ValueError("times must be at least 1")
        self._injections.append(_Injection(method, fault, times, chat_id))

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
                    f" call log:\n{describe_calls(self._log)}"
                )
            await self._recorded.wait(deadline - time.monotonic())
        return found[:count]

    def _matching(self, method: str, predicate: Callable[[Call], bool] | None) -> list[Call]:
        return [c for c in self.calls(method) if predicate is None or predicate(c)]

    # --- incoming updates ---

    def push_update(self, raw: JSONDict) -> int:
        """Queue any update for getUpdates; its update_id is assigned here and returned."""
        update_id = self._next_update_id
        self._next_update_id += 1
        self._updates.append({**raw, "update_id": update_id})
        self._pushed.notify()
        return update_id

    def push_text(
        self,
        text: str,
        chat_id: int = DEFAULT_CHAT_ID,
        user_id: int | None = None,
        *,
        username: str | None = None,
    ) -> int:
        """Queue a user's text message; a leading "/command" gets its bot_command entity."""
        user = make_user_json(user_id or default_user_id(chat_id), username=username)
        message = make_user_message_json(self._take_message_id(chat_id), chat_id, user, text=text)
        self._keep(message, text, None)
        return self.push_update({"message": message})

    def push_command(
        self,
        text: str,
        chat_id: int = DEFAULT_CHAT_ID,
        user_id: int | None = None,
        *,
        username: str | None = None,
    ) -> int:
        """Queue a command such as "/who Zelenskyy" for CommandHandler."""
        if not text.startswith("/"):
            raise ValueError(f"a command starts with '/': {text!r}")
        return self.push_text(text, chat_id, user_id, username=username)

    def push_callback(
        self,
        data: str,
        chat_id: int = DEFAULT_CHAT_ID,
        user_id: int | None = None,
        message_id: int | None = None,
    ) -> int:
        """Queue a button press under a message the bot sent (by default its latest there)."""
        message = self._bot_message(chat_id, message_id)
        query_id = str(self.bot_user["id"] * 1000 + len(self._callbacks) + 1)
        self._callbacks[query_id] = False
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
    ) -> int:
        """Queue a user's document; getFile and the download then serve `file_bytes`."""
        stored = self._store_file(file_bytes, file_name, mime_type)
        user = make_user_json(user_id or default_user_id(chat_id))
        message_id = self._take_message_id(chat_id)
        message = make_user_message_json(
            message_id, chat_id, user, document=stored.document, caption=caption
        )
        self._keep(message, caption, None)
        return self.push_update({"message": message})

    def _bot_message(self, chat_id: int, message_id: int | None) -> StoredMessage:
        mine = {
            mid: m for (cid, mid), m in self._messages.items() if cid == chat_id and self._own(m)
        }
        wanted = max(mine, default=None) if message_id is None else message_id
        if wanted not in mine:
            raise LookupError(
                f"no bot message {wanted} in chat {chat_id} to press a button under;"
                f" the bot's messages there: {sorted(mine)}"
            )
        return mine[wanted]

    def _own(self, message: StoredMessage) -> bool:
        return bool(message.json["from"]["id"] == self.bot_user["id"])

    def _take_message_id(self, chat_id: int) -> int:
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def _keep(self, message: JSONDict, sent_text: str | None, parse_mode: str | None) -> None:
        chat_id, message_id = message["chat"]["id"], message["message_id"]
        self._last_message_id[chat_id] = max(self._last_message_id.get(chat_id, 0), message_id)
        self._messages[(chat_id, message_id)] = StoredMessage(message, sent_text, parse_mode)

    def _store_file(self, content: bytes, file_name: str, mime_type: str) -> _StoredFile:
        number = len(self._files) + 1
        file_id = f"BQACAgIAAxkBAAI{number:08d}"
        suffix = "." + file_name.rsplit(".", 1)[1] if "." in file_name else ""
        document = make_document_json(
            file_id, file_name, mime_type, len(content), f"AgAD{number:06d}"
        )
        stored = _StoredFile(document, content, f"documents/file_{number}{suffix}")
        self._files[file_id] = stored
        return stored

    # --- HTTP ---

    async def _serve_method(self, request: web.Request) -> web.Response:
        started = time.monotonic()
        name = request.match_info["method"]
        method = self._names.get(name.lower(), name)
        params = await _read_params(request)
        fault, injected = self._refusal(request.match_info["token"], method, params)
        result: Any = None
        if fault is None:
            try:
                result = await self._routes[method](params)
            except FaultError as error:
                fault = error.fault
        self._record(Call(method, params, started, fault, injected, result))
        if fault is not None:
            return web.json_response(fault.to_json(), status=fault.status)
        return web.json_response({"ok": True, "result": result})

    async def _serve_file(self, request: web.Request) -> web.Response:
        started = time.monotonic()
        params: JSONDict = {"file_path": request.match_info["path"]}
        fault, injected = self._refusal(request.match_info["token"], DOWNLOAD, params)
        stored = next((f for f in self._files.values() if f.path == params["file_path"]), None)
        if fault is None and stored is None:
            fault = Fault.not_found()
        self._record(Call(DOWNLOAD, params, started, fault, injected))
        if fault is not None or stored is None:
            fault = fault or Fault.not_found()
            return web.json_response(fault.to_json(), status=fault.status)
        headers = {hdrs.CONTENT_TYPE: stored.document["mime_type"]}
        return web.Response(body=stored.content, headers=headers)

    def _refusal(self, token: str, method: str, params: JSONDict) -> tuple[Fault | None, bool]:
        if token != self.token:
            return Fault.unauthorized(), False
        if method not in self._routes and method != DOWNLOAD:
            return Fault.not_found(), False
        fault = self._take_injection(method, params.get("chat_id"))
        return fault, fault is not None

    def _take_injection(self, method: str, chat_id: object) -> Fault | None:
        for injection in self._injections:
            if injection.method != method:
                continue
            if injection.chat_id is None or str(injection.chat_id) == str(chat_id):
                injection.remaining -= 1
                if injection.remaining == 0:
                    self._injections.remove(injection)
                return injection.fault
        return None

    def _record(self, call: Call) -> None:
        self._log.append(call)
        self._recorded.notify()

    # --- Bot API methods ---

    async def _get_me(self, params: JSONDict) -> JSONDict:
        return self.bot_user

    async def _delete_webhook(self, params: JSONDict) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        self._confirm(int(params.get("offset") or 0))
        if params.get("allowed_updates") is not None:
            self._allowed_updates = list(params["allowed_updates"])
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        ready = self._deliverable(limit)
        while not ready and not self._closing and time.monotonic() < deadline:
            await self._pushed.wait(deadline - time.monotonic())
            ready = self._deliverable(limit)
        return ready

    def _confirm(self, offset: int) -> None:
        # An offset confirms every earlier update, which Telegram then forgets;
        # a negative one keeps only the last -offset updates.
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]

    def _deliverable(self, limit: int) -> list[JSONDict]:
        def wanted(update: JSONDict) -> bool:
            kind = next(key for key in update if key != "update_id")
            if self._allowed_updates:
                return kind in self._allowed_updates
            return kind not in _OPT_IN_UPDATES

        return [update for update in self._updates if wanted(update)][:limit]

    async def _send_message(self, params: JSONDict) -> JSONDict:
        return self._send(params)

    async def _send_document(self, params: JSONDict) -> JSONDict:
        document = params.get("document")
        if isinstance(document, Upload):
            stored = self._store_file(document.content, document.file_name, document.mime_type)
        elif isinstance(document, str) and document in self._files:
            stored = self._files[document]
        elif document is None:
            raise FaultError(Fault.bad_request("there is no document in the request"))
        else:
            raise FaultError(Fault.bad_request("wrong file identifier/HTTP URL specified"))
        return self._send(params, document=stored.document)

    def _send(self, params: JSONDict, **fields: Any) -> JSONDict:
        chat_id = _chat_id(params)
        reply_to = self._reply_target(chat_id, params)
        message_id = self._last_message_id.get(chat_id, 0) + 1
        message = self._compose(message_id, params, reply_to_message=reply_to, **fields)
        self._keep(message, params.get("text", params.get("caption")), params.get("parse_mode"))
        self._sent.append(message)
        return message

    def _compose(self, message_id: int, params: JSONDict, **fields: Any) -> JSONDict:
        try:
            message = make_sent_message_json(message_id, self.bot_user, params, **fields)
        except ValueError as error:
            raise FaultError(Fault.bad_request(f"can't parse entities: {error}")) from None
        if "text" in params and not message.get("text"):
            raise FaultError(Fault.bad_request("message text is empty"))
        for key, limit, description in _LIMITS:
            if len(message.get(key, "")) > limit:
                raise FaultError(Fault.bad_request(description))
        return message

    def _reply_target(self, chat_id: int, params: JSONDict) -> JSONDict | None:
        reply = params.get("reply_parameters")
        if not isinstance(reply, dict) or "message_id" not in reply:
            return None
        target = self._messages.get((int(reply.get("chat_id", chat_id)), int(reply["message_id"])))
        if target is None and not reply.get("allow_sending_without_reply"):
            raise FaultError(Fault.bad_request("message to be replied not found"))
        # Telegram nests one level only: a replied-to message carries no reply of its own.
        return None if target is None else _without(target.json, "reply_to_message")

    async def _edit_message_text(self, params: JSONDict) -> JSONDict:
        key = (_chat_id(params), int(params.get("message_id") or 0))
        stored = self._messages.get(key)
        if stored is None:
            raise FaultError(Fault.bad_request("message to edit not found"))
        if not self._own(stored):
            raise FaultError(Fault.bad_request("message can't be edited"))
        if "text" not in stored.json:
            raise FaultError(Fault.bad_request("there is no text in the message to edit"))
        edited = self._compose(key[1], params, reply_to_message=stored.json.get("reply_to_message"))
        if _content(edited) == _content(stored.json):
            raise FaultError(Fault.bad_request(_NOT_MODIFIED))
        edited.update(date=stored.json["date"], edit_date=int(time.time()))
        self._keep(edited, params.get("text"), params.get("parse_mode"))
        return edited

    async def _answer_callback_query(self, params: JSONDict) -> bool:
        query_id = str(params.get("callback_query_id"))
        if self._callbacks.get(query_id, True):  # unknown, or answered already
            raise FaultError(
                Fault.bad_request(
                    "query is too old and response timeout expired or query ID is invalid"
                )
            )
        self._callbacks[query_id] = True
        return True

    async def _set_my_commands(self, params: JSONDict) -> bool:
        commands = [
            {"command": c["command"], "description": c["description"]}
            for c in params.get("commands") or []
        ]
        if not all(_COMMAND_NAME.fullmatch(c["command"]) for c in commands):
            raise FaultError(Fault.bad_request("BOT_COMMAND_INVALID"))
        self._commands[commands_key(params)] = commands
        return True

    async def _get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        return self._commands.get(commands_key(params), [])

    async def _delete_my_commands(self, params: JSONDict) -> bool:
        self._commands.pop(commands_key(params), None)
        return True

    async def _get_file(self, params: JSONDict) -> JSONDict:
        stored = self._files.get(str(params.get("file_id")))
        if stored is None:
            raise FaultError(Fault.bad_request("invalid file_id"))
        keys = ("file_id", "file_unique_id", "file_size")
        return {key: stored.document[key] for key in keys} | {"file_path": stored.path}

    async def _send_chat_action(self, params: JSONDict) -> bool:
        _chat_id(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise FaultError(Fault.bad_request("wrong parameter action in request"))
        return True


async def _read_params(request: web.Request) -> JSONDict:
    """The call's parameters from the query and a JSON, form or multipart body, decoded."""
    raw: JSONDict = dict(request.query)
    if request.content_type == "application/json" and request.can_read_body:
        raw.update(await request.json())
    elif request.content_type == "multipart/form-data":
        raw.update(await _read_multipart(request))
    elif request.can_read_body:
        raw.update((await request.post()).items())
    return resolve_attachments({key: _decode(key, value) for key, value in raw.items()})


async def _read_multipart(request: web.Request) -> JSONDict:
    parts: JSONDict = {}
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or not part.name:
            continue
        if part.filename is None:
            parts[part.name] = await part.text()
        else:
            mime_type = part.headers.get(hdrs.CONTENT_TYPE, "application/octet-stream")
            parts[part.name] = Upload(part.filename, mime_type, bytes(await part.read()))
    return parts


def _decode(key: str, value: Any) -> Any:
    if not isinstance(value, str) or key in _TEXT_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _chat_id(params: JSONDict) -> int:
    try:
        return int(params["chat_id"])
    except (KeyError, TypeError, ValueError):
        raise FaultError(Fault.bad_request("chat not found")) from None


def _content(message: JSONDict) -> tuple[Any, ...]:
    return message.get("text"), message.get("entities") or [], message.get("reply_markup")


def _without(message: JSONDict, key: str) -> JSONDict:
    return {k: v for k, v in message.items() if k != key}
