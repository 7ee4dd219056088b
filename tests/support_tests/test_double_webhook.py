"""The double's webhook: setWebhook refused and kept as Telegram does, getUpdates refused while a
webhook is set, and updates posted to the webhook with the secret header."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest
import pytest_asyncio
from aiohttp import web
from telegram import Bot
from telegram.error import BadRequest, Conflict

from tests.support.bot_api_double import BotApiDouble, Webhook

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class Receiver:
    """A webhook endpoint on loopback: what was posted to it, and the status it answers."""

    url: str = ""
    status: int = 200
    posts: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    async def take(self, request: web.Request) -> web.Response:
        """Keep the post's headers and body; answer `status`."""
        self.posts.append((dict(request.headers), await request.read()))
        return web.Response(status=self.status)


@pytest_asyncio.fixture
async def receiver() -> AsyncIterator[Receiver]:
    """A webhook endpoint at /hook on an ephemeral loopback port."""
    receiver = Receiver()
    app = web.Application()
    app.router.add_post("/hook", receiver.take)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    receiver.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield receiver
    await runner.cleanup()


async def test_set_webhook_is_kept_and_reported(double: BotApiDouble, bot: Bot) -> None:
    url = "http://127.0.0.1:8081/hook"
    assert await bot.set_webhook(url, secret_token="12345", allowed_updates=["message"])
    # A secret of digits stays a string: form fields are not read as JSON here.
    assert double.webhook == Webhook(url, "12345", ["message"], 40)
    info = await bot.get_webhook_info()
    assert (info.url, info.allowed_updates, info.pending_update_count) == (url, ("message",), 0)
    assert await bot.set_webhook("")  # an empty address removes it
    assert double.webhook is None
    assert (await bot.get_webhook_info()).url == ""


@pytest.mark.parametrize(
    ("url", "secret", "refusal"),
    [
        ("http://bot.example.org/hook", None, "An HTTPS URL must be provided"),
        ("https://bot.example.org:8080/hook", None, "only on ports 80, 88, 443 or 8443"),
        ("https://bot.example.org/hook", "has space", "secret token contains unallowed"),
        ("https://bot.example.org/hook", "x" * 257, "secret token contains unallowed"),
    ],
)
async def test_set_webhook_refuses_what_telegram_refuses(
    double: BotApiDouble, bot: Bot, url: str, secret: str | None, refusal: str
) -> None:
    with pytest.raises(BadRequest, match=f"(?i){refusal}"):
        await bot.set_webhook(url, secret_token=secret)
    assert double.webhook is None


async def test_get_updates_is_refused_while_a_webhook_is_set(
    double: BotApiDouble, bot: Bot
) -> None:
    await bot.set_webhook("https://bot.example.org/hook")
    with pytest.raises(Conflict, match="while webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook()
    assert await bot.get_updates() == ()


async def test_an_update_is_posted_with_the_secret_set(
    double: BotApiDouble, bot: Bot, receiver: Receiver
) -> None:
    await bot.set_webhook(receiver.url, secret_token="s3cret")
    first = double.command_update("/who Zelenskyy", chat_id=42)
    assert await double.deliver_webhook(first) == 200
    receiver.status = 503
    assert await double.deliver_webhook(double.text_update("hello", chat_id=42)) == 503
    [(headers, body), (_, second)] = receiver.posts
    assert headers[SECRET_HEADER] == "s3cret"
    assert headers["Content-Type"] == "application/json"
    update = json.loads(body)
    assert update["update_id"] == 1
    assert update["message"]["text"] == "/who Zelenskyy"
    assert update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 4}]
    assert json.loads(second)["update_id"] == 2
    # Not queued for getUpdates, but kept: the bot may quote it.
    assert double.message(42, update["message"]["message_id"]).text == "/who Zelenskyy"


async def test_a_post_may_carry_another_secret_or_none(
    double: BotApiDouble, bot: Bot, receiver: Receiver
) -> None:
    await bot.set_webhook(receiver.url, secret_token="s3cret")
    await double.deliver_webhook(double.command_update("/help"), secret="wrong")
    await double.deliver_webhook(double.command_update("/help"), secret=None)
    await double.request_webhook(b"not json")
    [(wrong, _), (none, _), (raw, body)] = receiver.posts
    assert wrong[SECRET_HEADER] == "wrong"
    assert SECRET_HEADER not in none
    assert (raw[SECRET_HEADER], body) == ("s3cret", b"not json")


async def test_posts_go_to_loopback_only_and_need_a_webhook(double: BotApiDouble, bot: Bot) -> None:
    with pytest.raises(AssertionError, match="has not called setWebhook"):
        await double.deliver_webhook(double.command_update("/help"))
    await bot.set_webhook("https://bot.example.org/hook")
    with pytest.raises(ValueError, match="loopback addresses only"):
        await double.deliver_webhook(double.command_update("/help"))
