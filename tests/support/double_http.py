"""The HTTP side of `BotApiDouble`: aiohttp on 127.0.0.1, decoding calls as Telegram reads them.

`DoubleServer` serves /bot<token>/<method> and /file/bot<token>/<path>, refuses a wrong
token (401), an unknown method (404) or an injected fault before the method runs, and logs
every call in the store.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from aiohttp import BodyPartReader, hdrs, web

from tests.support.bot_api_calls import (
    DOWNLOAD,
    Call,
    Fault,
    FaultError,
    JSONDict,
    Upload,
    resolve_attachments,
)
from tests.support.double_methods import BotApiMethods
from tests.support.double_store import DoubleStore

# PTB form-encodes strings as they are and everything else as JSON, so "123" may be either;
# these parameters are always strings and are never decoded.
_TEXT_PARAMS = frozenset(
    {"text", "caption", "callback_query_id", "file_id", "inline_message_id", "query", "url"}
    | {"title", "description", "short_description", "name", "language_code", "parse_mode"}
    | {"action", "emoji", "secret_token", "ip_address"}
)


class DoubleServer:
    """Serves one bot token's Bot API calls and file downloads from a store."""

    def __init__(self, token: str, store: DoubleStore) -> None:
        self._token = token
        self._store = store
        self._methods = BotApiMethods(store)
        self._runner: web.AppRunner | None = None
        self.port = 0
        # Seconds to hold a method's answer after the call is carried out and logged.
        self.answer_delays: dict[str, float] = {}

    @property
    def running(self) -> bool:
        """Whether the server is listening."""
        return self._runner is not None

    async def start(self) -> None:
        """Listen on an ephemeral port of 127.0.0.1, then kept in `port`."""
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
            await self.stop()
            raise
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Stop listening and close open connections."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _serve_method(self, request: web.Request) -> web.Response:
        started = time.monotonic()
        name = request.match_info["method"]
        method = self._methods.canonical(name)
        params = await read_params(request)
        fault, injected = self._refusal(request.match_info["token"], method, params)
        result: Any = None
        if fault is None and method is not None:
            try:
                result = await self._methods.answer(method, params)
            except FaultError as error:
                fault = error.fault
        self._store.record(Call(method or name, params, started, fault, injected, result))
        # The message is delivered; its answer may still be on the way when the client dies.
        if delay := self.answer_delays.get(method or name, 0.0):
            await asyncio.sleep(delay)
        if fault is not None:
            return web.json_response(fault.to_json(), status=fault.status)
        return web.json_response({"ok": True, "result": result})

    async def _serve_file(self, request: web.Request) -> web.Response:
        started = time.monotonic()
        params: JSONDict = {"file_path": request.match_info["path"]}
        fault, injected = self._refusal(request.match_info["token"], DOWNLOAD, params)
        stored = self._store.file_at(params["file_path"])
        if fault is None and stored is None:
            fault = Fault.not_found()
        self._store.record(Call(DOWNLOAD, params, started, fault, injected))
        if fault is not None or stored is None:
            fault = fault or Fault.not_found()
            return web.json_response(fault.to_json(), status=fault.status)
        headers = {hdrs.CONTENT_TYPE: stored.document["mime_type"]}
        return web.Response(body=stored.content, headers=headers)

    def _refusal(
        self, token: str, method: str | None, params: JSONDict
    ) -> tuple[Fault | None, bool]:
        if token != self._token:
            return Fault.unauthorized(), False
        if method is None:
            return Fault.not_found(), False
        fault = self._store.take_injection(method, params.get("chat_id"))
        return fault, fault is not None


async def read_params(request: web.Request) -> JSONDict:
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
