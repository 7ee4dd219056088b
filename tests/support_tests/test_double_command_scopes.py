"""Tests for the double's bot commands: kept per scope and language, chat scopes as Telegram checks them."""

from __future__ import annotations

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeChatAdministrators,
)
from telegram.error import BadRequest

from tests.support.bot_api_double import BotApiDouble, Fault
from tests.support.bot_api_objects import make_chat_json, make_user_json

CHAT = 4242
GROUP = -1001234
DIGEST = [BotCommand("digest", "Daily digest")]


async def test_commands_are_kept_per_scope_and_language(double: BotApiDouble, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("who", "Who is who")])
    await bot.set_my_commands([BotCommand("wer", "Wer ist wer")], language_code="de")
    private = BotCommandScopeAllPrivateChats()
    await bot.set_my_commands(DIGEST, scope=private)
    assert [c.command for c in await bot.get_my_commands()] == ["who"]
    assert [c.command for c in await bot.get_my_commands(language_code="de")] == ["wer"]
    assert double.commands({"type": "all_private_chats"})[0]["command"] == "digest"
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Bad Name", "x")])


async def test_a_chat_scope_for_a_chat_never_seen_is_chat_not_found(
    double: BotApiDouble, bot: Bot
) -> None:
    scope = BotCommandScopeChat(CHAT)
    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot.set_my_commands(DIGEST, scope=scope)
    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot.get_my_commands(scope=scope)
    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot.delete_my_commands(scope=scope)
    refused = Fault.bad_request("chat not found")
    assert [c.fault for c in double.calls()[1:]] == [refused] * 3  # after getMe
    assert not any(c.injected for c in double.calls())
    assert double.commands({"type": "chat", "chat_id": CHAT}) == []


async def test_a_chat_that_pushed_an_update_takes_chat_scoped_commands(
    double: BotApiDouble, bot: Bot
) -> None:
    double.push_text("hello", chat_id=CHAT)
    await bot.set_my_commands(DIGEST, scope=BotCommandScopeChat(CHAT))
    assert [c.command for c in await bot.get_my_commands(scope=BotCommandScopeChat(CHAT))] == [
        "digest"
    ]
    assert double.commands({"type": "chat", "chat_id": CHAT}) == [
        {"command": "digest", "description": "Daily digest"}
    ]
    assert double.commands() == []  # the default scope is apart
    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot.set_my_commands(DIGEST, scope=BotCommandScopeChat(CHAT + 1))


async def test_any_pushed_update_makes_its_chat_known(double: BotApiDouble, bot: Bot) -> None:
    chat = make_chat_json(GROUP)
    member = {"chat": chat, "from": make_user_json(CHAT), "date": 0, "old_chat_member": {}}
    double.push_update({"my_chat_member": member})
    assert await bot.set_my_commands(DIGEST, scope=BotCommandScopeChat(GROUP))


async def test_add_chat_lets_the_bot_know_a_chat_without_an_update(
    double: BotApiDouble, bot: Bot
) -> None:
    double.add_chat(CHAT)
    assert await bot.set_my_commands(DIGEST, scope=BotCommandScopeChat(CHAT))
    assert await bot.delete_my_commands(scope=BotCommandScopeChat(CHAT))
    assert double.commands({"type": "chat", "chat_id": CHAT}) == []
    assert await bot.get_updates() == ()  # nothing was queued for the bot


async def test_other_scopes_naming_a_chat_are_checked_too(double: BotApiDouble, bot: Bot) -> None:
    admins = BotCommandScopeChatAdministrators(GROUP)
    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot.set_my_commands(DIGEST, scope=admins)
    double.push_text("hello group", chat_id=GROUP)
    assert await bot.set_my_commands(DIGEST, scope=admins)
    scope = {"type": "chat_administrators", "chat_id": GROUP}
    assert double.commands(scope)[0]["command"] == "digest"
