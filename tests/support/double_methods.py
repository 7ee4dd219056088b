"""The Bot API methods `BotApiDouble` answers, each checked and refused as Telegram does
(the webhook's own in `double_webhook`).

Each method takes the call's decoded params, reads and changes the double's `DoubleStore`,
and returns the call's result, or raises `FaultError` with Telegram's own wording.
"""

from __future__ import annotations

import re
import struct
import time
from typing import Any

from tests.support.bot_api_calls import Fault, FaultError, JSONDict, Upload, commands_key
from tests.support.bot_api_objects import make_replied_message_json, make_sent_message_json
from tests.support.double_groups import GroupMethods
from tests.support.double_inline import InlineMethods
from tests.support.double_store import DoubleStore
from tests.support.double_webhook import POLLING_CONFLICT, Handler, WebhookMethods

# Telegram leaves these out of getUpdates unless allowed_updates names them.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice"}
    | {"upload_document", "choose_sticker", "find_location", "record_video_note"}
    | {"upload_video_note"}
)
_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_LIMITS = (("text", 4096, "message is too long"), ("caption", 1024, "message caption is too long"))
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_DESCRIPTION_LIMITS = {"description": 512, "short_description": 120}
_PHOTO_BYTES = 10 * 1024 * 1024  # Telegram's limit on an uploaded photo
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly"
    " the same as a current content and reply markup of the message"
)


class BotApiMethods:
    """getMe, getUpdates, sendMessage and the rest, answered from and into a `DoubleStore`."""

    def __init__(self, store: DoubleStore) -> None:
        self._store = store
        self._routes: dict[str, Handler] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setMyDescription": self._set_description("description"),
            "getMyDescription": self._get_description("description"),
            "setMyShortDescription": self._set_description("short_description"),
            "getMyShortDescription": self._get_description("short_description"),
            "sendDocument": self._send_document,
            "sendPhoto": self._send_photo,
            "getFile": self._get_file,
            "sendChatAction": self._send_chat_action,
            **WebhookMethods(store).routes(),
            **InlineMethods(store).routes(),
            **GroupMethods(store.groups, store.known_chats).routes(),
        }
        # Telegram matches method names case-insensitively.
        self._names = {name.lower(): name for name in self._routes}

    def canonical(self, name: str) -> str | None:
        """The method's name as Telegram spells it, or None for a method it does not have."""
        return self._names.get(name.lower())

    async def answer(self, method: str, params: JSONDict) -> Any:
        """The result of a call of `method` (canonically spelled); FaultError if refused."""
        return await self._routes[method](params)

    async def _get_me(self, params: JSONDict) -> JSONDict:
        return self._store.bot_user

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        if self._store.webhook is not None:
            raise FaultError(Fault.conflict(POLLING_CONFLICT))
        self._confirm(int(params.get("offset") or 0))
        if params.get("allowed_updates") is not None:
            self._store.allowed_updates = list(params["allowed_updates"])
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        ready = self._deliverable(limit)
        while not ready and not self._store.closing and time.monotonic() < deadline:
            await self._store.pushed.wait(deadline - time.monotonic())
            ready = self._deliverable(limit)
        return ready

    def _confirm(self, offset: int) -> None:
        # An offset confirms every earlier update, which Telegram then forgets;
        # a negative one keeps only the last -offset updates.
        store = self._store
        if offset > 0:
            store.updates = [u for u in store.updates if u["update_id"] >= offset]
        elif offset < 0:
            store.updates = store.updates[offset:]

    def _deliverable(self, limit: int) -> list[JSONDict]:
        allowed = self._store.allowed_updates

        def wanted(update: JSONDict) -> bool:
            kind = next(key for key in update if key != "update_id")
            return kind in allowed if allowed else kind not in _OPT_IN_UPDATES

        return [update for update in self._store.updates if wanted(update)][:limit]

    async def _send_message(self, params: JSONDict) -> JSONDict:
        return self._send(params)

    async def _send_document(self, params: JSONDict) -> JSONDict:
        document = params.get("document")
        if isinstance(document, Upload):
            stored = self._store.store_file(
                document.content, document.file_name, document.mime_type
            )
        elif isinstance(document, str) and document in self._store.files:
            stored = self._store.files[document]
        elif document is None:
            raise FaultError(Fault.bad_request("there is no document in the request"))
        else:
            raise FaultError(Fault.bad_request("wrong file identifier/HTTP URL specified"))
        return self._send(params, document=stored.document)

    async def _send_photo(self, params: JSONDict) -> JSONDict:
        # Telegram reads the picture: what is not an image, or is too long or thin, is refused.
        # The double reads PNG, the format the bot sends.
        photo = params.get("photo")
        if photo is None:
            raise FaultError(Fault.bad_request("there is no photo in the request"))
        if not isinstance(photo, Upload):
            raise FaultError(Fault.bad_request("wrong file identifier/HTTP URL specified"))
        size = _png_size(photo.content)
        if size is None:
            raise FaultError(Fault.bad_request("IMAGE_PROCESS_FAILED"))
        if len(photo.content) > _PHOTO_BYTES:
            raise FaultError(Fault.bad_request("file is too big"))
        width, height = size
        if width + height > 10_000 or max(width, height) > 20 * min(width, height):
            raise FaultError(Fault.bad_request("PHOTO_INVALID_DIMENSIONS"))
        stored = self._store.store_file(photo.content, photo.file_name, photo.mime_type)
        keys = ("file_id", "file_unique_id", "file_size")
        photo_size = {key: stored.document[key] for key in keys} | {
            "width": width,
            "height": height,
        }
        return self._send(params, photo=[photo_size])

    def _send(self, params: JSONDict, **fields: Any) -> JSONDict:
        chat_id = _chat_id(params)
        self._store.groups.refuse_unstarted(chat_id, self._store.known_chats)
        reply_to = self._reply_target(chat_id, params)
        message_id = self._store.last_message_id.get(chat_id, 0) + 1
        message = self._compose(message_id, params, reply_to_message=reply_to, **fields)
        text = params.get("text", params.get("caption"))
        self._store.keep(message, text, params.get("parse_mode"))
        self._store.sent.append(message)
        return message

    def _compose(self, message_id: int, params: JSONDict, **fields: Any) -> JSONDict:
        try:
            message = make_sent_message_json(message_id, self._store.bot_user, params, **fields)
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
        key = (int(reply.get("chat_id", chat_id)), int(reply["message_id"]))
        target = self._store.messages.get(key)
        if target is None and not reply.get("allow_sending_without_reply"):
            raise FaultError(Fault.bad_request("message to be replied not found"))
        return None if target is None else make_replied_message_json(target.json)

    async def _edit_message_text(self, params: JSONDict) -> JSONDict:
        key = (_chat_id(params), int(params.get("message_id") or 0))
        stored = self._store.messages.get(key)
        if stored is None:
            raise FaultError(Fault.bad_request("message to edit not found"))
        if not self._store.is_own(stored):
            raise FaultError(Fault.bad_request("message can't be edited"))
        if "text" not in stored.json:
            raise FaultError(Fault.bad_request("there is no text in the message to edit"))
        edited = self._compose(key[1], params, reply_to_message=stored.json.get("reply_to_message"))
        if _content(edited) == _content(stored.json):
            raise FaultError(Fault.bad_request(_NOT_MODIFIED))
        edited.update(date=stored.json["date"], edit_date=int(time.time()))
        self._store.keep(edited, params.get("text"), params.get("parse_mode"))
        return edited

    async def _answer_callback_query(self, params: JSONDict) -> bool:
        query_id = str(params.get("callback_query_id"))
        if self._store.callbacks.get(query_id, True):  # unknown, or answered already
            raise FaultError(
                Fault.bad_request(
                    "query is too old and response timeout expired or query ID is invalid"
                )
            )
        self._store.callbacks[query_id] = True
        return True

    async def _set_my_commands(self, params: JSONDict) -> bool:
        self._check_scope(params)
        commands = [
            {"command": c["command"], "description": c["description"]}
            for c in params.get("commands") or []
        ]
        if not all(_COMMAND_NAME.fullmatch(c["command"]) for c in commands):
            raise FaultError(Fault.bad_request("BOT_COMMAND_INVALID"))
        self._store.commands[commands_key(params)] = commands
        return True

    async def _get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        self._check_scope(params)
        return self._store.commands.get(commands_key(params), [])

    async def _delete_my_commands(self, params: JSONDict) -> bool:
        self._check_scope(params)
        self._store.commands.pop(commands_key(params), None)
        return True

    def _set_description(self, field: str) -> Handler:
        # Telegram's limits: 512 characters for the description, 120 for the short one (the
        # refusal's wording here is the double's own). An empty text removes it.
        limit = _DESCRIPTION_LIMITS[field]

        async def answer(params: JSONDict) -> bool:
            text = str(params.get(field) or "")
            if len(text) > limit:
                raise FaultError(Fault.bad_request(f"{field} is longer than {limit} characters"))
            key = (field, str(params.get("language_code") or ""))
            if text:
                self._store.descriptions[key] = text
            else:
                self._store.descriptions.pop(key, None)
            return True

        return answer

    def _get_description(self, field: str) -> Handler:
        async def answer(params: JSONDict) -> JSONDict:
            key = (field, str(params.get("language_code") or ""))
            return {field: self._store.descriptions.get(key, "")}

        return answer

    def _check_scope(self, params: JSONDict) -> None:
        # Scopes naming a chat (chat, chat_administrators, chat_member) need a chat the bot
        # knows; for a user who never started the bot Telegram answers "chat not found".
        scope = params.get("scope")
        if not isinstance(scope, dict) or "chat_id" not in scope:
            return
        if _chat_id(scope) not in self._store.known_chats:
            raise FaultError(Fault.bad_request("chat not found"))

    async def _get_file(self, params: JSONDict) -> JSONDict:
        stored = self._store.files.get(str(params.get("file_id")))
        if stored is None:
            raise FaultError(Fault.bad_request("invalid file_id"))
        keys = ("file_id", "file_unique_id", "file_size")
        return {key: stored.document[key] for key in keys} | {"file_path": stored.path}

    async def _send_chat_action(self, params: JSONDict) -> bool:
        _chat_id(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise FaultError(Fault.bad_request("wrong parameter action in request"))
        return True


def _chat_id(params: JSONDict) -> int:
    try:
        return int(params["chat_id"])
    except (KeyError, TypeError, ValueError):
        raise FaultError(Fault.bad_request("chat not found")) from None


def _png_size(content: bytes) -> tuple[int, int] | None:
    """A PNG's width and height from its header; None for anything else."""
    if not content.startswith(_PNG_SIGNATURE) or content[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", content[16:24])
    return (width, height) if width and height else None


def _content(message: JSONDict) -> tuple[Any, ...]:
    return message.get("text"), message.get("entities") or [], message.get("reply_markup")
