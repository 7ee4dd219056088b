"""`BotApiDouble`'s group chats: members' messages there, mentions of the bot, each group's
administrators (getChatMember), and Telegram's refusal to write first to a user.

A chat with a negative id is a group (a supergroup for -100…), and its messages come from a
user distinct from the chat (`push_command("/who", chat_id=-1001, user_id=55)`).
`push_group_text` also marks every @username in the text as a mention entity, as Telegram
does, so the bot can tell a mention of itself. `set_group_admins(chat_id, owner, *admins)`
makes the first the group's creator and the others its administrators; getChatMember
answers "member" for everyone else.

A user seen only in groups has never started the bot: Telegram refuses to send them
anything (403 "Forbidden: bot can't initiate conversation with a user") until an update
comes from their private chat or `add_chat(user_id)` says they started it before the test.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tests.support.bot_api_calls import Fault, FaultError, JSONDict
from tests.support.bot_api_objects import make_user_json
from tests.support.telegram_html import utf16_len

if TYPE_CHECKING:
    from tests.support.double_store import DoubleStore

Handler = Callable[[JSONDict], Awaitable[Any]]
CANT_INITIATE = "Forbidden: bot can't initiate conversation with a user"
# What Telegram marks as a mention: @ and a username (5-32 letters, digits, underscores).
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z]\w{4,31}")
# The flags every administrator has in getChatMember's answer (all allowed, in the double).
_ADMIN_RIGHTS = (
    "can_be_edited",
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
)


@dataclass
class GroupState:
    """Each group's creator and administrators, and the users seen writing in groups."""

    admins: dict[int, list[int]] = field(default_factory=dict)
    seen_in_groups: set[int] = field(default_factory=set)

    def note(self, update: JSONDict) -> None:
        """Note the sender of a group message (as an update is queued or posted)."""
        message = update.get("message") or {}
        chat, sender = message.get("chat") or {}, message.get("from") or {}
        if chat.get("type") in ("group", "supergroup") and isinstance(sender.get("id"), int):
            self.seen_in_groups.add(sender["id"])

    def refuse_unstarted(self, chat_id: int, known_chats: set[int]) -> None:
        """Refuse a send to a user seen only in groups (FaultError 403), as Telegram does."""
        if chat_id > 0 and chat_id in self.seen_in_groups and chat_id not in known_chats:
            raise FaultError(Fault(403, CANT_INITIATE))

    def member(self, chat_id: int, user_id: int) -> JSONDict:
        """getChatMember's answer: the user's status in the group."""
        user = make_user_json(user_id)
        admins = self.admins.get(chat_id, [])
        if admins[:1] == [user_id]:
            return {"status": "creator", "user": user, "is_anonymous": False}
        if user_id in admins:
            rights = dict.fromkeys(_ADMIN_RIGHTS, True) | {"is_anonymous": False}
            return {"status": "administrator", "user": user, **rights}
        return {"status": "member", "user": user}


class GroupMethods:
    """getChatMember, answered from the double's `GroupState`."""

    def __init__(self, state: GroupState, known_chats: set[int]) -> None:
        self._state = state
        self._known_chats = known_chats

    def routes(self) -> dict[str, Handler]:
        """The methods by name, for `BotApiMethods`."""
        return {"getChatMember": self._get_chat_member}

    async def _get_chat_member(self, params: JSONDict) -> JSONDict:
        try:
            chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        except (KeyError, TypeError, ValueError):
            raise FaultError(Fault.bad_request("chat not found")) from None
        if chat_id not in self._known_chats:
            raise FaultError(Fault.bad_request("chat not found"))
        if chat_id > 0:
            # In a private chat Telegram answers for its two members only; tests ask groups.
            raise FaultError(Fault.bad_request("PARTICIPANT_ID_INVALID"))
        return self._state.member(chat_id, user_id)


def mention_entities(text: str) -> list[JSONDict]:
    """The mention entities Telegram puts on a text: one per @username, offsets in UTF-16."""
    return [
        {"type": "mention", "offset": utf16_len(text[: m.start()]), "length": utf16_len(m[0])}
        for m in _MENTION.finditer(text)
    ]


class GroupUpdates:
    """The groups' side of `BotApiDouble`, mixed in beside `IncomingUpdates` (whose
    `text_update` and `push_update` it uses): administrators, and messages with mentions."""

    _store: DoubleStore
    text_update: Callable[..., JSONDict]
    push_update: Callable[[JSONDict], int]

    def set_group_admins(self, chat_id: int, owner: int, *admins: int) -> None:
        """The group's creator and its other administrators, for getChatMember."""
        self._store.groups.admins[chat_id] = [owner, *admins]

    def push_group_text(
        self,
        text: str,
        chat_id: int,
        user_id: int,
        *,
        reply_to: int | None = None,
        language_code: str | None = "en",
    ) -> int:
        """Queue a member's message in a group, each @username in it a mention entity."""
        update = self.text_update(
            text, chat_id, user_id, reply_to=reply_to, language_code=language_code
        )
        if not text.startswith("/") and (entities := mention_entities(text)):
            update["message"]["entities"] = entities
        return self.push_update(update)
