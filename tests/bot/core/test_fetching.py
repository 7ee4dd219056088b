"""Tests of bot.core.fetching against a web server on loopback: the rules a /load URL is held to."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import pytest_asyncio
from aiohttp import web

from bot.core.fetching import ACCEPT, USER_AGENT, Address, fetch_page
from bot.settings import Settings
from briefings.errors import (
    AddressNotAllowedError,
    FetchError,
    FetchTimeoutError,
    InputTooLargeError,
)

LOOPBACK = frozenset({ipaddress.ip_network("127.0.0.0/8")})
HTML = "<html><head><title>Talks</title></head><body><p>Talks resumed.</p></body></html>"
# A global address that no test connects to: fake resolvers answer with it.
PUBLIC = ipaddress.ip_address("93.184.216.34")


class Site:
    """A local web server that records the requests it gets; slow pages wait for `release`."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.user_agents: list[str] = []
        self.base = ""
        self.release = asyncio.Event()

    def build_app(self) -> web.Application:
        """The site's routes."""
        app = web.Application(middlewares=[self.record])
        app.router.add_get("/page.html", self.page)
        app.router.add_get("/typed", self.typed)
        app.router.add_get("/stall", self.stall)
        app.router.add_get("/endless.html", self.endless)
        app.router.add_get("/trickle.html", self.trickle)
        app.router.add_get("/redirect", self.redirect)
        app.router.add_get("/chain/{hops}", self.chain)
        app.router.add_get("/loop", self.loop)
        app.router.add_get("/status/{code}", self.status)
        return app

    @web.middleware
    async def record(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Note every request's path and User-Agent."""
        self.requests.append(request.path)
        self.user_agents.append(request.headers.get("User-Agent", ""))
        response: web.StreamResponse = await handler(request)
        return response

    async def page(self, request: web.Request) -> web.Response:
        """An HTML page."""
        return web.Response(text=HTML, content_type="text/html")

    async def typed(self, request: web.Request) -> web.Response:
        """The page's bytes under the content type the query names."""
        return web.Response(body=HTML.encode(), headers={"Content-Type": request.query["type"]})

    async def stall(self, request: web.Request) -> web.StreamResponse:
        """Headers from the query, ten bytes of body, then nothing until released."""
        response = web.StreamResponse(headers={"Content-Type": request.query["type"]})
        if "length" in request.query:
            response.content_length = int(request.query["length"])
        await response.prepare(request)
        await response.write(b"0123456789")
        await self.release.wait()
        return response

    async def endless(self, request: web.Request) -> web.StreamResponse:
        """Chunked HTML without a Content-Length, sent until the client hangs up (10 MB at most)."""
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        response.enable_chunked_encoding()
        await response.prepare(request)
        try:
            for _ in range(10_000):
                await response.write(b"y" * 1000)
        except ConnectionError:
            pass
        return response

    async def trickle(self, request: web.Request) -> web.StreamResponse:
        """A byte every 50 ms for two seconds, each well within a read timeout."""
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        try:
            for _ in range(40):
                await response.write(b"z")
                await asyncio.sleep(0.05)
        except ConnectionError:
            pass
        return response

    async def redirect(self, request: web.Request) -> web.Response:
        """A 302 to the query's `to`, or a 302 without a Location when it has none."""
        if "to" not in request.query:
            return web.Response(status=302)
        raise web.HTTPFound(request.query["to"])

    async def chain(self, request: web.Request) -> web.Response:
        """So many redirects before the page: /chain/2 → /chain/1 → /chain/0 → /page.html."""
        hops = int(request.match_info["hops"])
        raise web.HTTPFound(f"{hops - 1}" if hops > 0 else "/page.html")

    async def loop(self, request: web.Request) -> web.Response:
        """A redirect to itself."""
        raise web.HTTPFound("/loop")

    async def status(self, request: web.Request) -> web.Response:
        """An answer with the status the path names."""
        return web.Response(status=int(request.match_info["code"]))


class RecordingTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, noting every address it is asked to request."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Note the address, then request it as usual."""
        self.urls.append(str(request.url))
        return await super().handle_async_request(request)


@pytest_asyncio.fixture
async def site() -> AsyncIterator[Site]:
    """The local site on an ephemeral port of 127.0.0.1."""
    served = Site()
    runner = web.AppRunner(served.build_app())
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    served.base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    try:
        yield served
    finally:
        served.release.set()
        await runner.cleanup()


@pytest.fixture
def transport() -> RecordingTransport:
    """A recording transport for one test."""
    return RecordingTransport()


def settings(allowed: frozenset[Any] = LOOPBACK, **fields: Any) -> Settings:
    """Settings for fetching, no .env read: loopback allowed, a 4 KB limit, a short timeout."""
    values = {"max_input_bytes": 4096, "fetch_timeout_seconds": 0.5, **fields}
    return Settings(_env_file=None, fetch_allowed_networks=allowed, **values)


def resolving_to(*addresses: str) -> Any:
    """A resolver that answers every host name with these addresses."""

    async def resolve(host: str) -> list[Address]:
        return [ipaddress.ip_address(a) for a in addresses]

    return resolve


async def never_resolve(host: str) -> list[Address]:
    """A resolver for tests where resolving at all would be a bug."""
    raise AssertionError(f"{host} was resolved")


def free_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_an_html_page_is_fetched_with_its_type_and_address(site: Site) -> None:
    page = await fetch_page(f"{site.base}/page.html", settings())
    assert page.body.decode() == HTML
    assert page.content_type == "text/html; charset=utf-8"
    assert page.url == f"{site.base}/page.html"


async def test_the_bot_names_itself_and_prefers_html(site: Site) -> None:
    await fetch_page(f"{site.base}/page.html", settings())
    assert site.user_agents == [USER_AGENT]
    assert ACCEPT.startswith("text/html,")


@pytest.mark.parametrize(
    "media_type",
    [
        "text/plain",
        "text/markdown",
        "text/x-markdown",
        "application/xhtml+xml",
        "application/octet-stream",
    ],
)
async def test_text_types_and_untyped_bytes_are_fetched(site: Site, media_type: str) -> None:
    page = await fetch_page(f"{site.base}/typed?type={quote(media_type)}", settings())
    assert page.content_type == media_type
    assert page.body == HTML.encode()


@pytest.mark.parametrize("media_type", ["image/png", "application/pdf"])
async def test_other_types_are_refused_from_the_headers(site: Site, media_type: str) -> None:
    # The body never ends: reading it would run into the timeout instead.
    url = f"{site.base}/stall?type={media_type}"
    with pytest.raises(FetchError, match=f"gives {media_type}, not an article page; send a web"):
        await fetch_page(url, settings())


async def test_a_relative_redirect_is_followed_and_the_final_address_kept(site: Site) -> None:
    page = await fetch_page(f"{site.base}/redirect?to=page.html", settings())
    assert page.url == f"{site.base}/page.html"
    assert page.body.decode() == HTML
    assert site.requests == ["/redirect", "/page.html"]


async def test_five_redirects_are_followed_and_a_sixth_is_refused(site: Site) -> None:
    page = await fetch_page(f"{site.base}/chain/4", settings())
    assert page.url == f"{site.base}/page.html"
    with pytest.raises(FetchError, match=r"/chain/5 redirects more than 5 times\.$"):
        await fetch_page(f"{site.base}/chain/5", settings())
    with pytest.raises(FetchError, match="redirects more than 0 times"):
        await fetch_page(f"{site.base}/chain/0", settings(fetch_max_redirects=0))


async def test_a_redirect_loop_is_refused(site: Site) -> None:
    with pytest.raises(FetchError, match=r"^The address http://127\.0\.0\.1:\d+/loop redirects"):
        await fetch_page(f"{site.base}/loop", settings())
    assert site.requests == ["/loop"] * 6


async def test_a_redirect_to_a_private_address_is_refused_without_connecting(
    site: Site, transport: RecordingTransport
) -> None:
    url = f"{site.base}/redirect?to=http://10.255.255.1/page.html"
    with pytest.raises(AddressNotAllowedError, match=r"private or local network addresses \(10\."):
        await fetch_page(url, settings(), transport=transport)
    assert transport.urls == [url]


async def test_a_redirect_to_another_scheme_is_refused(site: Site) -> None:
    with pytest.raises(
        AddressNotAllowedError, match="only fetch http and https addresses, not ftp"
    ):
        await fetch_page(f"{site.base}/redirect?to=ftp://example.com/a.txt", settings())


@pytest.mark.parametrize(
    ("path", "answer"),
    [
        ("/nothing.html", "404 Not Found"),
        ("/status/503", "503 Service Unavailable"),
        ("/redirect", "302 Found"),
    ],
)
async def test_a_status_other_than_success_is_reported(site: Site, path: str, answer: str) -> None:
    with pytest.raises(FetchError, match=f"The page at {site.base}{path} answered {answer}\\.$"):
        await fetch_page(f"{site.base}{path}", settings())


async def test_a_declared_length_over_the_limit_is_refused_before_the_body(site: Site) -> None:
    url = f"{site.base}/stall?type=text/html&length=10485760"
    with pytest.raises(InputTooLargeError, match=r"The page is 10\.0 MB; the limit is 4\.0 KB\."):
        await fetch_page(url, settings())


async def test_an_endless_body_is_cut_off_past_the_limit(site: Site) -> None:
    # Cut off within a read or two of the limit, long before the server's 10 MB.
    with pytest.raises(InputTooLargeError, match=r"The page is [\d.]+ KB; the limit is 4\.0 KB\."):
        await fetch_page(f"{site.base}/endless.html", settings())


@pytest.mark.parametrize("path", ["/stall?type=text/html", "/trickle.html"])
async def test_a_page_slower_than_the_timeout_is_given_up(site: Site, path: str) -> None:
    # The trickle never pauses long enough for a read timeout; the overall deadline ends it.
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match=r"did not answer within 0\.3 seconds\.$"):
        await fetch_page(f"{site.base}{path}", settings(fetch_timeout_seconds=0.3))
    assert time.monotonic() - started < 2


NON_PUBLIC_HOSTS = [
    *["127.0.0.1", "localhost", "2130706433", "0.0.0.0", "10.0.0.7", "172.16.0.1"],
    *["192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "240.0.0.1"],
    *["[::1]", "[::]", "[::ffff:127.0.0.1]", "[fe80::1]", "[fc00::1]", "[ff02::1]"],
    # NAT64 of 169.254.169.254, 6to4 of 10.0.0.1.
    *["[64:ff9b::a9fe:a9fe]", "[2002:a00:1::]"],
]


@pytest.mark.parametrize("host", NON_PUBLIC_HOSTS)
async def test_non_public_addresses_are_refused_before_connecting(
    site: Site, transport: RecordingTransport, host: str
) -> None:
    port = site.base.rsplit(":", 1)[1]
    url = f"http://{host}:{port}/page.html"
    with pytest.raises(AddressNotAllowedError, match="I do not fetch private or local network"):
        await fetch_page(url, settings(allowed=frozenset()), transport=transport)
    assert transport.urls == []
    assert site.requests == []


async def test_a_name_with_one_private_address_among_public_ones_is_refused(
    transport: RecordingTransport,
) -> None:
    resolve = resolving_to(str(PUBLIC), "10.1.2.3")
    with pytest.raises(AddressNotAllowedError, match=r"\(news\.example is 10\.1\.2\.3\)"):
        await fetch_page("http://news.example/", settings(), transport=transport, resolve=resolve)
    assert transport.urls == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("ftp://example.com/a.txt", "I only fetch http and https addresses, not ftp."),
        ("file:///etc/passwd", "I only fetch http and https addresses, not file."),
        ("javascript:alert(1)", "I only fetch http and https addresses, not javascript."),
        ("http://user:secret@example.com/", "with a user name or password in them."),
        ("https://user@example.com/", "with a user name or password in them."),
        ("http:///nohost", "names no host."),
        ("http://example.com:port/", "I cannot read the address http://example.com:port/."),
    ],
)
async def test_other_schemes_credentials_and_broken_addresses_are_refused(
    transport: RecordingTransport, url: str, expected: str
) -> None:
    with pytest.raises(AddressNotAllowedError, match=expected.replace(".", r"\.")):
        await fetch_page(url, settings(), transport=transport, resolve=never_resolve)
    assert transport.urls == []


async def test_an_unknown_host_is_reported() -> None:
    async def no_such_host(host: str) -> list[Address]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    with pytest.raises(FetchError, match=r"^I could not find the host news\.invalid\.$"):
        await fetch_page("https://news.invalid/story", settings(), resolve=no_such_host)


async def test_a_closed_port_is_reported() -> None:
    url = f"http://127.0.0.1:{free_port()}/page.html"
    with pytest.raises(FetchError, match=f"^Nobody answered at {url}\\.$"):
        await fetch_page(url, settings())


async def test_a_failed_secure_connection_is_reported(site: Site) -> None:
    # The local site speaks plain HTTP, so the TLS handshake fails.
    url = site.base.replace("http://", "https://") + "/page.html"
    with pytest.raises(
        FetchError, match=r"^I could not make a secure connection to 127\.0\.0\.1\.$"
    ):
        await fetch_page(url, settings())


async def test_the_connected_address_is_checked_again(site: Site) -> None:
    # The name resolves to a public address for the check; the connection lands on loopback.
    # httpx's default transport reports the peer, so the page is refused (after its request).
    url = site.base.replace("127.0.0.1", "localhost") + "/page.html"
    with pytest.raises(AddressNotAllowedError, match=r"\(localhost is 127\.0\.0\.1\)"):
        await fetch_page(url, settings(allowed=frozenset()), resolve=resolving_to(str(PUBLIC)))
    assert site.requests == ["/page.html"]


@pytest.mark.parametrize(
    "address",
    # Plain, IPv4-mapped, 6to4 and NAT64 forms of one public address.
    [str(PUBLIC), "::ffff:93.184.216.34", "2002:5db8:d822::1", "64:ff9b::5db8:d822"],
)
async def test_public_addresses_pass_and_an_unknown_peer_is_not_refused(address: str) -> None:
    # A mock transport has no network stream, so the peer cannot be checked and is let be.
    def answer(request: httpx.Request) -> httpx.Response:
        assert request.headers["user-agent"] == USER_AGENT
        assert request.headers["accept"] == ACCEPT
        return httpx.Response(200, html=HTML)

    page = await fetch_page(
        "https://news.example/story",
        settings(allowed=frozenset()),
        transport=httpx.MockTransport(answer),
        resolve=resolving_to(address),
    )
    assert page.body.decode() == HTML
    assert page.url == "https://news.example/story"
