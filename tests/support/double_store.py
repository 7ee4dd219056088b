"""What `BotApiDouble` keeps between calls: updates, messages per chat, files, commands and
descriptions per language, faults, the webhook the bot set.

One `DoubleStore` per double, shared by its HTTP side (`double_http`), its Bot API methods
(`double_methods`) and its test-facing API (`bot_api_double`, the module tests import).
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

from tests.support.bot_api_calls import Call, Fault, JSONDict
from tests.support.bot_api_objects import make_document_json, make_replied_message_json
from tests.support.double_groups import GroupState
from tests.support.double_inline import InlineState


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
class Injection:
    """A fault for the next `remaining` calls of `method`, to `chat_id` only if given."""

    method: str
    fault: Fault
    remaining: int
    chat_id: int | str | None


@dataclass(frozen=True)
class Webhook:
    """The webhook setWebhook set: where updates are posted and the secret header they carry."""

    url: str
    secret_token: str | None
    allowed_updates: list[str]
    max_connections: int


@dataclass(frozen=True)
class StoredFile:
    """A document the bot uploaded or a test pushed: its JSON, its bytes, its download path."""

    document: JSONDict
    content: bytes
    path: str


class Signal:
    """Wakes every current waiter; a fresh event per round, so no waiter clears another's."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Wake everyone waiting now."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, seconds: float) -> None:
        """Wait for the next `notify`, or `seconds` at most."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), max(seconds, 0))


class DoubleStore:
    """The double's state; its parts read and change the attributes directly."""

    def __init__(self, bot_user: JSONDict) -> None:
        self.bot_user = bot_user
        self.closing = False  # set on leaving, so that long polls answer at once
        self.log: list[Call] = []
        self.updates: list[JSONDict] = []
        self.next_update_id = 1
        self.allowed_updates: list[str] = []
        self.known_chats: set[int] = set()  # chats an update came from, or added by a test
        self.messages: dict[tuple[int, int], StoredMessage] = {}
        self.last_message_id: dict[int, int] = {}
        self.sent: list[JSONDict] = []
        self.files: dict[str, StoredFile] = {}
        self.callbacks: dict[str, bool] = {}  # query id -> answered yet
        self.commands: dict[str, list[JSONDict]] = {}
        # setMyDescription and setMyShortDescription: text by (method's field, language code).
        self.descriptions: dict[tuple[str, str], str] = {}
        self.injections: list[Injection] = []
        self.webhook: Webhook | None = None
        # Groups' administrators, and users seen only in groups (see double_groups).
        self.groups = GroupState()
        # Inline queries pushed and the bot's answers to them (see double_inline).
        self.inline = InlineState()
        self.pushed = Signal()
        self.recorded = Signal()

    def record(self, call: Call) -> None:
        """Log an answered call and wake `wait_for`."""
        self.log.append(call)
        self.recorded.notify()

    def queue_update(self, raw: JSONDict) -> int:
        """Queue an update for getUpdates, assign its update_id and note the chat it comes from."""
        update = self.number_update(raw)
        self.updates.append(update)
        self.pushed.notify()
        return int(update["update_id"])

    def number_update(self, raw: JSONDict) -> JSONDict:
        """The update with the next update_id; the chat it comes from is known from now on."""
        update_id = self.next_update_id
        self.next_update_id += 1
        self.known_chats.update(_chat_ids(raw))
        self.groups.note(raw)
        return {**raw, "update_id": update_id}

    def take_message_id(self, chat_id: int) -> int:
        """The next message id in a chat; ids increase per chat, as in private chats."""
        self.last_message_id[chat_id] = self.last_message_id.get(chat_id, 0) + 1
        return self.last_message_id[chat_id]

    def keep(self, message: JSONDict, sent_text: str | None, parse_mode: str | None) -> None:
        """Store a message (new or edited) under its chat and id."""
        chat_id, message_id = message["chat"]["id"], message["message_id"]
        self.last_message_id[chat_id] = max(self.last_message_id.get(chat_id, 0), message_id)
        self.messages[(chat_id, message_id)] = StoredMessage(message, sent_text, parse_mode)

    def replied(self, chat_id: int, message_id: int) -> JSONDict | None:
        """A stored message as a reply nests it (no reply of its own), or None if unknown."""
        stored = self.messages.get((chat_id, message_id))
        return None if stored is None else make_replied_message_json(stored.json)

    def is_own(self, message: StoredMessage) -> bool:
        """Whether the bot sent the message."""
        return bool(message.json["from"]["id"] == self.bot_user["id"])

    def bot_message(self, chat_id: int, message_id: int | None) -> StoredMessage:
        """A message the bot sent in a chat, by default its latest there; LookupError if none."""
        mine = {
            mid: m for (cid, mid), m in self.messages.items() if cid == chat_id and self.is_own(m)
        }
        wanted = max(mine, default=None) if message_id is None else message_id
        if wanted not in mine:
            raise LookupError(
                f"no bot message {wanted} in chat {chat_id} to press a button under;"
                f" the bot's messages there: {sorted(mine)}"
            )
        return mine[wanted]

    def store_file(self, content: bytes, file_name: str, mime_type: str) -> StoredFile:
        """Keep a file's bytes under a new file_id, for getFile and the download."""
        number = len(self.files) + 1
        file_id = f"BQACAgIAAxkBAAI{number:08d}"
        suffix = "." + file_name.rsplit(".", 1)[1] if "." in file_name else ""
        document = make_document_json(
            file_id, file_name, mime_type, len(content), f"AgAD{number:06d}"
        )
        stored = StoredFile(document, content, f"documents/file_{number}{suffix}")
        self.files[file_id] = stored
        return stored

    def file_at(self, path: str) -> StoredFile | None:
        """The file getFile gave `path` to, if any."""
        return next((f for f in self.files.values() if f.path == path), None)

    def take_injection(self, method: str, chat_id: object) -> Fault | None:
        """The fault injected for this call, if any, counting it as used."""
        for injection in self.injections:
            if injection.method != method:
                continue
            if injection.chat_id is None or str(injection.chat_id) == str(chat_id):
                injection.remaining -= 1
                if injection.remaining == 0:
                    self.injections.remove(injection)
                return injection.fault
        return None


def _chat_ids(update: JSONDict) -> list[int]:
    # Messages, member changes and reactions carry their chat; a button press its message's.
    ids = []
    for payload in update.values():
        if isinstance(payload, dict):
            chat = payload.get("chat") or (payload.get("message") or {}).get("chat") or {}
            if isinstance(chat.get("id"), int):
                ids.append(chat["id"])
    return ids
