"""Tests of bot.fetching against a web server on loopback: the rules a /load URL is held to."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest
import pytest_asyncio
from aiohttp import web

import bot.fetching as fetching
from bot.fetching import fetch_page
from bot.settings import Settings
from briefings.errors import FetchError, InputTooLargeError

LOOPBACK = frozenset({ipaddress.ip_network("127.0.0.0/8")})
HTML = "<html><head><title>Talks</title></head><body><p>Talks resumed.</p></body></html>"


class Site:
    """A local web server that counts the requests it gets."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.base = ""

    async def serve(self, request: web.Request) -> web.StreamResponse:
        """Answer by the path's name."""
        self.requests.append(request.path)
        name = request.match_info["name"]
        if name == "page.html":
            return web.Response(text=HTML, content_type="text/html")
        if name == "notes.txt":
            return web.Response(text="Talks resumed.", content_type="text/plain")
        if name == "hop":
            raise web.HTTPFound("page.html")
        if name == "to-private":
            raise web.HTTPFound("http://10.255.255.1/page.html")
        if name == "big.html":
            return web.Response(body=b"x" * 5000, content_type="text/html")
        if name == "streamed.html":
            response = web.StreamResponse(headers={"Content-Type": "text/html"})
            response.enable_chunked_encoding()
            await response.prepare(request)
            for _ in range(10):
                await response.write(b"y" * 1000)
            return response
        if name == "slow.html":
            await asyncio.sleep(2)
        raise web.HTTPNotFound()


@pytest_asyncio.fixture
async def site() -> AsyncIterator[Site]:
    """The local site on an ephemeral port of 127.0.0.1."""
    served = Site()
    app = web.Application()
    app.router.add_get("/{name}", served.serve)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    served.base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        yield served
    finally:
        await runner.cleanup()


def settings(allowed: frozenset[Any] = LOOPBACK, **fields: Any) -> Settings:
    """Settings for fetching: loopback allowed, a small size limit, short timeouts."""
    values = {"max_input_bytes": 4096, "fetch_timeout_seconds": 0.5, **fields}
    return Settings(fetch_allowed_networks=allowed, **values)


async def test_a_page_is_fetched_with_its_type(site: Site) -> None:
    page = await fetch_page(f"{site.base}/page.html", settings())
    assert page.body.decode() == HTML
    assert page.content_type == "text/html; charset=utf-8"
    text = await fetch_page(f"{site.base}/notes.txt", settings())
    assert text.body == b"Talks resumed."


async def test_redirects_are_followed_and_the_final_address_kept(site: Site) -> None:
    page = await fetch_page(f"{site.base}/hop", settings())
    assert page.url == f"{site.base}/page.html"
    with pytest.raises(FetchError, match="redirects more than 0 times"):
        await fetch_page(f"{site.base}/hop", settings(fetch_max_redirects=0))


async def test_a_redirect_to_a_private_address_is_refused(site: Site) -> None:
    with pytest.raises(FetchError, match=r"private or local network addresses \(10\.255"):
        await fetch_page(f"{site.base}/to-private", settings())


@pytest.mark.parametrize("name", ["big.html", "streamed.html"])
async def test_a_body_over_the_limit_is_refused(site: Site, name: str) -> None:
    with pytest.raises(InputTooLargeError, match=r"the limit is 4\.0 KB"):
        await fetch_page(f"{site.base}/{name}", settings())


async def test_a_slow_page_times_out(site: Site) -> None:
    with pytest.raises(FetchError, match=r"did not answer within 0\.5 seconds"):
        await fetch_page(f"{site.base}/slow.html", settings())


async def test_an_error_status_is_reported_with_its_reason(site: Site) -> None:
    with pytest.raises(FetchError, match="answered 404 Not Found"):
        await fetch_page(f"{site.base}/nothing.html", settings())


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "10.0.0.7",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[fe80::1]",
        "224.0.0.1",
    ],
)
async def test_non_public_addresses_are_refused_before_connecting(site: Site, host: str) -> None:
    port = site.base.rsplit(":", 1)[1]
    with pytest.raises(FetchError, match="private or local network addresses"):
        await fetch_page(f"http://{host}:{port}/page.html", settings(allowed=frozenset()))
    assert site.requests == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("ftp://example.com/a.txt", "only fetch http and https"),
        ("file:///etc/passwd", "only fetch http and https"),
        ("javascript:alert(1)", "only fetch http and https"),
        ("http://user:secret@example.com/", "user name or password"),
        ("http:///nohost", "names no host"),
    ],
)
async def test_other_schemes_credentials_and_hostless_addresses_are_refused(
    url: str, expected: str
) -> None:
    with pytest.raises(FetchError, match=expected):
        await fetch_page(url, settings())


async def test_an_unknown_host_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    async def no_such_host(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(asyncio.get_running_loop(), "getaddrinfo", no_such_host)
    with pytest.raises(FetchError, match=r"could not find the host news\.invalid"):
        await fetch_page("https://news.invalid/story", settings())


async def test_the_connected_address_is_checked_again(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The name first resolves to a public address, then the connection lands on loopback.
    async def public(host: str, port: int | None) -> list[Any]:
        return [ipaddress.ip_address("93.184.216.34")]

    monkeypatch.setattr(fetching, "_resolve", public)
    with pytest.raises(FetchError, match=r"127\.0\.0\.1"):
        await fetch_page(f"{site.base}/page.html", settings(allowed=frozenset()))
    assert site.requests == ["/page.html"]
