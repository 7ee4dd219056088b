"""A `telegram.request.BaseRequest` for handler tests that never opens a socket.

It records every Bot API call (method, decoded params) and answers with canned Telegram
JSON, the same JSON `BotApiDouble` sends, so handlers run through python-telegram-bot's
real `Bot` with no network:

    recorder = RecordingRequest()
    app = (
        ApplicationBuilder().token("123:ABC")
        .request(recorder).get_updates_request(RecordingRequest())
        .build()
    )
    app.add_handler(CommandHandler("help", help_command))
    async with app:  # initialize: getMe is answered by the recorder
        await app.process_update(make_command_update("/help", bot=app.bot))
    [call] = recorder.calls("sendMessage")
    assert "/who" in call.params["text"]

Answered: getMe, deleteWebhook, getUpdates (always []), sendMessage (echoes chat, text and
inline keyboard, message ids increasing per chat), editMessageText (the edited message),
answerCallbackQuery, sendChatAction, set/get/deleteMyCommands, setMyDescription and
setMyShortDescription (recorded, with their language_code), sendDocument, getFile and
file downloads (of uploaded bytes or bytes given to `store_file`). `inject` answers the
next call of a method with a 429/403/500/400 instead. Any other method raises
`UnimplementedMethodError`, so a test reaching for it fails loudly.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from telegram.request import BaseRequest, RequestData

from tests.support.bot_api_calls import (
    DOWNLOAD,
    Call,
    Fault,
    FaultError,
    JSONDict,
    Upload,
    commands_key,
    describe_calls,
    resolve_attachments,
)
from tests.support.bot_api_objects import (
    make_bot_user_json,
    make_document_json,
    make_sent_message_json,
)

__all__ = ["DOWNLOAD", "Fault", "RecordingRequest", "UnimplementedMethodError"]

Answer = Callable[[JSONDict, JSONDict], Any]


class UnimplementedMethodError(BaseException):
    """A test reached a Bot API method that RecordingRequest does not answer.

    A BaseException on purpose, as PTB's own test suite does with `pytest.fail`: PTB wraps
    every Exception from a request in NetworkError, and `Application.process_update` hands
    handler exceptions to error handlers; either would let the test pass quietly.
    """


class RecordingRequest(BaseRequest):
    """Records Bot API calls and answers them with canned Telegram JSON."""

    def __init__(self) -> None:
        self._log: list[Call] = []
        self._faults: list[tuple[str, Fault]] = []
        self._last_message_id: dict[int, int] = {}
        self._files: dict[str, bytes] = {}
        self._commands: dict[str, list[JSONDict]] = {}
        # Seconds spent answering as Telegram would (parsing a message's HTML, say): the
        # server's time, which bench/answer.py leaves out of the bot's.
        self.server_seconds = 0.0
        self._answers: dict[str, Answer] = {
            "getMe": lambda params, bot: bot,
            "deleteWebhook": lambda params, bot: True,
            "getUpdates": lambda params, bot: [],
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "answerCallbackQuery": lambda params, bot: True,
            "answerInlineQuery": lambda params, bot: True,
            "sendChatAction": lambda params, bot: True,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": lambda params, bot: self._commands.get(commands_key(params), []),
            "deleteMyCommands": self._delete_my_commands,
            "setMyDescription": lambda params, bot: True,
            "setMyShortDescription": lambda params, bot: True,
            "sendDocument": self._send_document,
            "getFile": self._get_file,
        }

    @property
    def read_timeout(self) -> float:
        """Nominal only: nothing here ever waits."""
        return 5.0

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    def calls(self, method: str | None = None) -> list[Call]:
        """The calls so far, oldest first, optionally of one method."""
        return [call for call in self._log if method is None or call.method == method]

    def clear(self) -> None:
        """Forget the calls so far, e.g. the getMe of `initialize`."""
        self._log.clear()

    def inject(self, method: str, fault: Fault, times: int = 1) -> None:
        """Answer the next `times` calls of `method` with `fault` (429, 403, 500 or 400)."""
        self._faults.extend([(method, fault)] * times)

    def store_file(self, file_id: str, content: bytes) -> None:
        """Bytes that getFile and the download serve for `file_id`, e.g. a pushed document."""
        self._files[file_id] = content

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Record the call and answer it as Telegram would: (HTTP status, JSON or file bytes)."""
        clock = time.perf_counter()
        try:
            return self._respond(url, method, request_data)
        finally:
            self.server_seconds += time.perf_counter() - clock

    def _respond(
        self, url: str, method: str, request_data: RequestData | None
    ) -> tuple[int, bytes]:
        """The answer to one call, recorded."""
        started = time.monotonic()
        token, name = _token_and_method(url)
        params = _params(request_data) if name != DOWNLOAD else {"file_path": _file_path(url)}
        fault = self._take_fault(name)
        if fault is not None:
            self._log.append(Call(name, params, started, fault, injected=True))
            return fault.status, _encode(fault.to_json())
        if name == DOWNLOAD:
            return self._download(params, started)
        return self._answer(name, params, make_bot_user_json(token), started)

    def _answer(
        self, name: str, params: JSONDict, bot: JSONDict, started: float
    ) -> tuple[int, bytes]:
        answer = self._answers.get(name)
        if answer is None:
            self._log.append(Call(name, params, started, Fault.not_found()))
            raise UnimplementedMethodError(
                f"the test tried to reach the unimplemented Bot API method {name!r};"
                f" RecordingRequest answers {sorted(self._answers)}. Calls so far:\n"
                + describe_calls(self._log)
            )
        try:
            result = answer(params, bot)
        except FaultError as error:
            self._log.append(Call(name, params, started, error.fault))
            return error.fault.status, _encode(error.fault.to_json())
        self._log.append(Call(name, params, started, result=result))
        return 200, _encode({"ok": True, "result": result})

    def _download(self, params: JSONDict, started: float) -> tuple[int, bytes]:
        content = self._files.get(params["file_path"].rsplit("/", 1)[-1])
        fault = None if content is not None else Fault.not_found()
        self._log.append(Call(DOWNLOAD, params, started, fault))
        if fault is not None:
            return fault.status, _encode(fault.to_json())
        return 200, content or b""

    def _take_fault(self, name: str) -> Fault | None:
        for index, (method, fault) in enumerate(self._faults):
            if method == name:
                del self._faults[index]
                return fault
        return None

    def _send_message(self, params: JSONDict, bot: JSONDict, **fields: Any) -> JSONDict:
        chat_id = int(params["chat_id"])
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return _message(self._last_message_id[chat_id], bot, params, **fields)

    def _edit_message_text(self, params: JSONDict, bot: JSONDict) -> JSONDict:
        return _message(int(params["message_id"]), bot, params, edit_date=int(time.time()))

    def _send_document(self, params: JSONDict, bot: JSONDict) -> JSONDict:
        document = params.get("document")
        if isinstance(document, Upload):
            file_id = f"BQACAgIAAxkBAAI{len(self._files) + 1:08d}"
            self._files[file_id] = document.content
            json_document = make_document_json(
                file_id, document.file_name, document.mime_type, len(document.content)
            )
        else:
            json_document = make_document_json(
                str(document), "document", "application/octet-stream", 0
            )
        return self._send_message(params, bot, document=json_document)

    def _get_file(self, params: JSONDict, bot: JSONDict) -> JSONDict:
        file_id = str(params["file_id"])
        size = len(self._files.get(file_id, b""))
        unique_id = f"U{file_id[-10:]}"
        # The path ends in the file id so that the download can find the bytes again.
        return {
            "file_id": file_id,
            "file_unique_id": unique_id,
            "file_size": size,
            "file_path": f"documents/{file_id}",
        }

    def _set_my_commands(self, params: JSONDict, bot: JSONDict) -> bool:
        self._commands[commands_key(params)] = list(params.get("commands") or [])
        return True

    def _delete_my_commands(self, params: JSONDict, bot: JSONDict) -> bool:
        self._commands.pop(commands_key(params), None)
        return True


def _message(message_id: int, bot: JSONDict, params: JSONDict, **fields: Any) -> JSONDict:
    try:
        return make_sent_message_json(message_id, bot, params, **fields)
    except ValueError as error:
        raise FaultError(Fault.bad_request(f"can't parse entities: {error}")) from None


def _token_and_method(url: str) -> tuple[str, str]:
    # Bot API URLs end /bot<token>/<method>; file URLs hold /file/bot<token>/<path>.
    token = url.split("/bot", 1)[1].split("/", 1)[0]
    return token, DOWNLOAD if "/file/bot" in url else url.rsplit("/", 1)[-1]


def _file_path(url: str) -> str:
    return url.split("/file/bot", 1)[1].split("/", 1)[1]


def _params(request_data: RequestData | None) -> JSONDict:
    # `parameters` holds plain Python values (nested objects already as dicts); uploads sit
    # apart in `multipart_data` as (file name, bytes or file handle, MIME type).
    if request_data is None:
        return {}
    params: JSONDict = dict(request_data.parameters)
    for part, (file_name, content, mime_type) in request_data.multipart_data.items():
        data = content if isinstance(content, bytes) else content.read()
        params[part] = Upload(file_name or part, mime_type or "application/octet-stream", data)
    return resolve_attachments(params)


def _encode(body: JSONDict) -> bytes:
    return json.dumps(body).encode()
