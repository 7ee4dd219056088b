"""Tests for the double's groups: members' messages and mentions, getChatMember per group's
administrators, and the refusal to write first to a user seen only in groups."""

from __future__ import annotations

import pytest
from telegram import Bot, ChatMemberAdministrator, ChatMemberMember, ChatMemberOwner, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden

from tests.support.bot_api_double import BotApiDouble
from tests.support.double_groups import CANT_INITIATE, mention_entities

GROUP = -1001234
OWNER, ADMIN, MEMBER = 11, 12, 13


async def test_a_group_message_comes_from_a_member_with_its_mentions(
    double: BotApiDouble, bot: Bot
) -> None:
    double.push_group_text("hi @ceasefire_test_bot and @ann_b, not a@b.c", GROUP, MEMBER)
    [update] = await bot.get_updates()
    message = update.message
    assert message is not None and isinstance(update, Update)
    assert message.chat.type == ChatType.SUPERGROUP and message.chat.id == GROUP
    assert message.from_user is not None and message.from_user.id == MEMBER
    assert list(message.parse_entities(["mention"]).values()) == ["@ceasefire_test_bot", "@ann_b"]


def test_mention_offsets_count_utf16_units() -> None:
    assert mention_entities("🙂 @some_bot") == [{"type": "mention", "offset": 3, "length": 9}]
    assert mention_entities("/who@some_bot") == []


async def test_get_chat_member_answers_each_members_status(double: BotApiDouble, bot: Bot) -> None:
    double.set_group_admins(GROUP, OWNER, ADMIN)
    double.push_group_text("hello", GROUP, MEMBER)
    assert isinstance(await bot.get_chat_member(GROUP, OWNER), ChatMemberOwner)
    assert isinstance(await bot.get_chat_member(GROUP, ADMIN), ChatMemberAdministrator)
    assert isinstance(await bot.get_chat_member(GROUP, MEMBER), ChatMemberMember)
    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot.get_chat_member(-999, OWNER)


async def test_a_user_seen_only_in_groups_cannot_be_written_to_until_they_start(
    double: BotApiDouble, bot: Bot
) -> None:
    double.push_group_text("/who", GROUP, MEMBER)
    await bot.send_message(GROUP, "in the group")
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(MEMBER, "privately")
    assert double.calls("sendMessage")[-1].fault.description == CANT_INITIATE  # type: ignore[union-attr]
    double.push_text("/start", chat_id=MEMBER)
    await bot.send_message(MEMBER, "privately")
    assert [m["text"] for m in double.sent_messages(MEMBER)] == ["privately"]
