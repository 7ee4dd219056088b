"""End-to-end admin loads: the polling bot against the Bot API double, pages from a local server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from ipaddress import ip_network
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp import web
from app_builders import (
    ADMIN_ID,
    make_settings,
    polling_application,
    shown_text,
    store_snapshot,
)

from bot.core.extraction_worker import ExtractionWorker
from bot.telegram_adapter.application import BriefApplication
from bot.telegram_adapter.menus import ADMIN_MENU
from tests.support.bot_api_double import BotApiDouble

VISITOR = 6262
PAGE = """<!doctype html><html><head><title>Envoys meet in Geneva | Example News</title>
<meta property="og:site_name" content="Example News"></head><body><article>
<h1>Envoys meet in Geneva</h1>
<p>GENEVA, 3 March 2025 — Keith Kellogg, the US envoy, met Ukrainian officials in Geneva on
Monday to prepare a ceasefire.</p>
<p>Volodymyr Zelenskyy said 46,000 Ukrainian soldiers had been killed since 2022.</p>
<p>The Kremlin demanded that Ukraine withdraw from four regions before any ceasefire.</p>
</article></body></html>"""
TEXT = (
    "Talks resume in Riyadh\n\n"
    "RIYADH, 10 March 2025 — Marco Rubio met Ukrainian negotiators in Riyadh on Tuesday. "
    "Russia rejected a 30-day ceasefire, the Kremlin spokesman Dmitry Peskov said."
)


async def page(request: web.Request) -> web.StreamResponse:
    """The local web site the URL loads read from."""
    name = request.match_info["name"]
    if name == "article.html":
        return web.Response(text=PAGE, content_type="text/html")
    if name == "slow.html":
        await asyncio.sleep(5)
        return web.Response(text=PAGE, content_type="text/html")
    if name == "picture.png":
        return web.Response(body=b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png")
    if name == "loop.html":
        raise web.HTTPFound("/loop.html")
    raise web.HTTPNotFound()


@pytest_asyncio.fixture
async def site() -> AsyncIterator[str]:
    """A web server on 127.0.0.1; its base URL."""
    app = web.Application()
    app.router.add_get("/{name}", page)
    runner = web.AppRunner(app)
    await runner.setup()
    server = web.TCPSite(runner, "127.0.0.1", 0)
    await server.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@pytest.fixture
def double(double: BotApiDouble) -> BotApiDouble:
    """The Bot API double; the admin has opened the bot, so their chat is known."""
    double.add_chat(ADMIN_ID)
    return double


@pytest_asyncio.fixture
async def admin_bot(
    double: BotApiDouble, seeded_store: Path, extraction_worker: ExtractionWorker
) -> AsyncIterator[BriefApplication]:
    """The bot polling the double on the seeded store; loopback pages allowed, short timeouts."""
    settings = make_settings(seeded_store, base_url=double.base_url).model_copy(
        update={
            "fetch_allowed_networks": frozenset({ip_network("127.0.0.0/8")}),
            "fetch_timeout_seconds": 1.0,
        }
    )
    async with polling_application(settings, extraction_worker) as application:
        yield application


async def outcome(double: BotApiDouble, chat_id: int = ADMIN_ID, *, after: int = 0) -> str:
    """Wait for the load's last word in the chat (a summary or a refusal), as Telegram shows it.

    Only calls after the first `after` in the double's log count.
    """
    finals = ("✅", "❌", "Already loaded", "To load", "/load is for admins")
    for _ in range(300):
        calls = [
            c
            for c in double.calls()[after:]
            if c.method in {"sendMessage", "editMessageText"}
            and c.ok
            and int(c.params.get("chat_id", 0)) == chat_id
        ]
        shown = [shown_text(str(c.params["text"])) for c in calls]
        if shown and shown[-1].startswith(finals):
            return shown[-1]
        await asyncio.sleep(0.05)
    raise AssertionError(f"no final reply in chat {chat_id}")


async def test_admins_see_the_admin_commands_in_their_menu(
    double: BotApiDouble, admin_bot: BriefApplication
) -> None:
    scope = {"type": "chat", "chat_id": ADMIN_ID}
    assert [c["command"] for c in double.commands(scope)] == [c.command for c in ADMIN_MENU]
    assert {"load", "stats"} <= {c["command"] for c in double.commands(scope)}
    assert {"load", "stats"}.isdisjoint(c["command"] for c in double.commands())


async def test_pasted_text_is_loaded(double: BotApiDouble, admin_bot: BriefApplication) -> None:
    double.push_command(f"/load {TEXT}", chat_id=ADMIN_ID)
    summary = await outcome(double)
    assert summary.startswith("✅ Loaded as article [3]")
    assert "Talks resume in Riyadh" in summary
    assert [a["title"] for a in (await store_snapshot(admin_bot))["articles"]][-1] == (
        "Talks resume in Riyadh"
    )


async def test_a_document_is_downloaded_with_getfile_and_loaded(
    double: BotApiDouble, admin_bot: BriefApplication
) -> None:
    double.push_document(TEXT.encode(), "riyadh.md", "text/markdown", ADMIN_ID, caption="/load")
    assert (await outcome(double)).startswith("✅ Loaded as article [3]")
    assert double.calls("getFile")


async def test_a_url_is_fetched_and_loaded_once(
    double: BotApiDouble, admin_bot: BriefApplication, site: str
) -> None:
    double.push_command(f"/load {site}/article.html", chat_id=ADMIN_ID)
    summary = await outcome(double)
    assert summary.startswith("✅ Loaded as article [3]")
    assert "Envoys meet in Geneva" in summary
    before = await store_snapshot(admin_bot)
    mark = len(double.calls())
    double.push_command(f"/load {site}/article.html", chat_id=ADMIN_ID)
    assert (await outcome(double, after=mark)).startswith("Already loaded as article [3]")
    assert await store_snapshot(admin_bot) == before


async def test_a_non_admin_cannot_load(double: BotApiDouble, admin_bot: BriefApplication) -> None:
    before = await store_snapshot(admin_bot)
    double.push_command(f"/load {TEXT}", chat_id=VISITOR)
    assert (await outcome(double, VISITOR)).startswith("/load is for admins")
    assert await store_snapshot(admin_bot) == before


@pytest.mark.parametrize(
    ("name", "content", "mime", "expected"),
    [
        ("scan.txt", b"\x00\xff\x10\x80" * 300, "text/plain", "binary"),
        ("huge.txt", b"war " * (600 * 1024), "text/plain", "the limit is 2.0 MB"),
        ("brief.pdf", b"%PDF-1.7\n" + bytes(200), "application/pdf", "application/pdf"),
        ("blank.txt", b" \n \n ", "text/plain", ""),
    ],
)
async def test_a_bad_upload_is_refused_and_changes_nothing(
    double: BotApiDouble,
    admin_bot: BriefApplication,
    name: str,
    content: bytes,
    mime: str,
    expected: str,
) -> None:
    before = await store_snapshot(admin_bot)
    double.push_document(content, name, mime, ADMIN_ID, caption="/load")
    summary = await outcome(double)
    assert summary.startswith("❌ Not loaded.") and summary.endswith("The store is unchanged.")
    assert expected.lower() in summary.lower()
    assert await store_snapshot(admin_bot) == before


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/slow.html", "did not answer within"),
        ("/missing.html", "404"),
        ("/picture.png", "image/png"),
        ("/loop.html", "redirects more than"),
    ],
)
async def test_a_bad_url_is_refused_and_changes_nothing(
    double: BotApiDouble, admin_bot: BriefApplication, site: str, path: str, expected: str
) -> None:
    before = await store_snapshot(admin_bot)
    double.push_command(f"/load {site}{path}", chat_id=ADMIN_ID)
    summary = await outcome(double)
    assert summary.startswith("❌ Not loaded.")
    assert expected in summary
    assert await store_snapshot(admin_bot) == before


@pytest.mark.parametrize(
    "url", ["http://10.0.0.7/article.html", "http://169.254.169.254/latest", "http://[::1]/x"]
)
async def test_a_private_address_is_refused_and_changes_nothing(
    double: BotApiDouble, admin_bot: BriefApplication, url: str
) -> None:
    before = await store_snapshot(admin_bot)
    double.push_command(f"/load {url}", chat_id=ADMIN_ID)
    summary = await outcome(double)
    assert summary.startswith("❌ Not loaded.")
    assert await store_snapshot(admin_bot) == before


async def test_an_empty_load_explains_how_to_load(
    double: BotApiDouble, admin_bot: BriefApplication
) -> None:
    before = await store_snapshot(admin_bot)
    double.push_command("/load   ", chat_id=ADMIN_ID)
    assert (await outcome(double)).startswith("To load an article")
    assert await store_snapshot(admin_bot) == before
