"""`BotApiDouble`'s incoming side: what users send the bot, queued for getUpdates or posted to
the bot's webhook.

`push_*` queue an update for getUpdates. For a bot on a webhook, `text_update` and
`command_update` build the update (its message kept, so replies quote it) and
`deliver_webhook` posts it with the secret header, as Telegram does.
"""

from __future__ import annotations

import json
from enum import Enum
from typing import Any

from tests.support.bot_api_calls import JSONDict
from tests.support.bot_api_objects import (
    DEFAULT_CHAT_ID,
    default_user_id,
    make_callback_query_json,
    make_user_json,
    make_user_message_json,
)
from tests.support.double_store import DoubleStore, Webhook
from tests.support.double_webhook import post_to_webhook


class SetSecret(Enum):
    """The secret token the bot gave setWebhook, the one Telegram sends (the default)."""

    SET = "set"


class IncomingUpdates:
    """Users' messages, documents and button presses, as updates for the bot."""

    bot_user: JSONDict
    _store: DoubleStore

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
        language_code: str | None = "en",
    ) -> int:
        """Queue a user's text message; a leading "/command" gets its bot_command entity."""
        update = self.text_update(
            text,
            chat_id,
            user_id,
            username=username,
            reply_to=reply_to,
            language_code=language_code,
        )
        return self.push_update(update)

    def push_command(
        self,
        text: str,
        chat_id: int = DEFAULT_CHAT_ID,
        user_id: int | None = None,
        *,
        username: str | None = None,
        reply_to: int | None = None,
        language_code: str | None = "en",
    ) -> int:
        """Queue a command such as "/who Zelenskyy" for CommandHandler, from a user whose app
        is in `language_code`."""
        update = self.command_update(
            text,
            chat_id,
            user_id,
            username=username,
            reply_to=reply_to,
            language_code=language_code,
        )
        return self.push_update(update)

    def push_callback(
        self,
        data: str,
        chat_id: int = DEFAULT_CHAT_ID,
        user_id: int | None = None,
        message_id: int | None = None,
        *,
        language_code: str | None = "en",
    ) -> int:
        """Queue a button press under a message the bot sent (by default its latest there)."""
        message = self._store.bot_message(chat_id, message_id)
        query_id = str(self.bot_user["id"] * 1000 + len(self._store.callbacks) + 1)
        self._store.callbacks[query_id] = False
        user = make_user_json(user_id or default_user_id(chat_id), language_code=language_code)
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
        update = self._message_update(
            chat_id, user, document=stored.document, caption=caption, reply_to_message=replied
        )
        return self.push_update(update)

    def text_update(
        self,
        text: str,
        chat_id: int = DEFAULT_CHAT_ID,
        user_id: int | None = None,
        *,
        username: str | None = None,
        reply_to: int | None = None,
        language_code: str | None = "en",
    ) -> JSONDict:
        """A user's text message as an update, neither numbered nor queued (`deliver_webhook`
        numbers it); the message is kept, so the bot's replies can quote it."""
        replied = self._replied(chat_id, reply_to)
        user_id = user_id or default_user_id(chat_id)
        user = make_user_json(user_id, username=username, language_code=language_code)
        return self._message_update(chat_id, user, text=text, reply_to_message=replied)

    def command_update(
        self,
        text: str,
        chat_id: int = DEFAULT_CHAT_ID,
        user_id: int | None = None,
        *,
        username: str | None = None,
        reply_to: int | None = None,
        language_code: str | None = "en",
    ) -> JSONDict:
        """A command such as "/who Zelenskyy" as an update, as `text_update` builds it."""
        if not text.startswith("/"):
            raise ValueError(f"a command starts with '/': {text!r}")
        return self.text_update(
            text,
            chat_id,
            user_id,
            username=username,
            reply_to=reply_to,
            language_code=language_code,
        )

    @property
    def webhook(self) -> Webhook | None:
        """The webhook the bot set (setWebhook), or None while it polls."""
        return self._store.webhook

    async def deliver_webhook(
        self, update: JSONDict, *, secret: str | SetSecret | None = SetSecret.SET
    ) -> int:
        """Post an update to the bot's webhook as Telegram does; the HTTP status it answered.

        The update_id is assigned here. `secret` is the header's value: by default the one the
        bot set, or another, or None for no header (a stranger's post).
        """
        numbered = self._store.number_update(update)
        return await self.request_webhook(json.dumps(numbered).encode(), secret=secret)

    async def request_webhook(
        self,
        body: bytes = b"",
        *,
        method: str = "POST",
        secret: str | SetSecret | None = SetSecret.SET,
    ) -> int:
        """Send any request to the webhook's address (a body that is no update, another method);
        the HTTP status. `secret` as for `deliver_webhook`."""
        webhook = self._store.webhook
        if webhook is None:
            raise AssertionError("no webhook to post to: the bot has not called setWebhook")
        header = webhook.secret_token if isinstance(secret, SetSecret) else secret
        return await post_to_webhook(webhook, body, secret=header, method=method)

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

    def _message_update(self, chat_id: int, user: JSONDict, **fields: Any) -> JSONDict:
        message_id = self._store.take_message_id(chat_id)
        message = make_user_message_json(message_id, chat_id, user, **fields)
        # A user's text is stored as typed; no parse mode applies to it.
        self._store.keep(message, fields.get("text", fields.get("caption")), None)
        return {"message": message}
