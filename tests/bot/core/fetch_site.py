"""A web server on loopback and fetching settings, for the tests of bot.core.fetching."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import zlib
from functools import cache
from typing import Any

import httpx
from aiohttp import web

from bot.core.fetching import Address
from bot.settings import Settings

LOOPBACK = frozenset({ipaddress.ip_network("127.0.0.0/8")})
HTML = "<html><head><title>Talks</title></head><body><p>Talks resumed.</p></body></html>"
# A global address that no test connects to: fake resolvers answer with it.
PUBLIC = ipaddress.ip_address("93.184.216.34")
MIB = 1024 * 1024
BOMB_BYTES = 64 * MIB


def compressed(data: bytes, wbits: int) -> bytes:
    """data deflated in the container wbits names (31 gzip, 15 zlib, -15 raw deflate)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return compressor.compress(data) + compressor.flush()


@cache
def gzip_bomb() -> bytes:
    """64 MB of spaces, gzipped to about 64 KB, built a megabyte at a time (RLE: fast)."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31, 9, zlib.Z_RLE)
    block = b" " * MIB
    parts = [compressor.compress(block) for _ in range(BOMB_BYTES // MIB)]
    return b"".join(parts) + compressor.flush()


# The page's bytes under each Content-Encoding a test asks for (the path's coding).
ENCODED: dict[str, tuple[str, bytes]] = {
    "gzip": ("gzip", compressed(HTML.encode(), 31)),
    "x-gzip": ("x-gzip", compressed(HTML.encode(), 31)),
    "deflate": ("deflate", compressed(HTML.encode(), 15)),
    "raw-deflate": ("deflate", compressed(HTML.encode(), -15)),
    "identity": ("identity", HTML.encode()),
    "br": ("br", b"\x1b\x00\x00"),
    "twice": ("gzip, gzip", compressed(compressed(HTML.encode(), 31), 31)),
    "broken": ("gzip", b"\x1f\x8b this is not gzip at all"),
    "trailing-junk": ("gzip", compressed(HTML.encode(), 31) + b"junk" * 2048),
}


class Site:
    """A local web server that records the requests it gets; slow pages wait for `release`."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.user_agents: list[str] = []
        self.accepted_encodings: list[str] = []
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
        app.router.add_get("/encoded/{coding}", self.encoded)
        app.router.add_get("/bomb.html", self.bomb)
        return app

    @web.middleware
    async def record(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Note every request's path and User-Agent."""
        self.requests.append(request.path)
        self.user_agents.append(request.headers.get("User-Agent", ""))
        self.accepted_encodings.append(request.headers.get("Accept-Encoding", ""))
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

    async def encoded(self, request: web.Request) -> web.StreamResponse:
        """The page compressed as ENCODED says for the path's coding, chunked (no length)."""
        coding, body = ENCODED[request.match_info["coding"]]
        headers = {"Content-Type": "text/html", "Content-Encoding": coding}
        response = web.StreamResponse(headers=headers)
        response.enable_chunked_encoding()
        await response.prepare(request)
        await response.write(body)
        return response

    async def bomb(self, request: web.Request) -> web.Response:
        """A gzip bomb: about 64 KB on the wire (its Content-Length), 64 MB inflated."""
        headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
        return web.Response(body=gzip_bomb(), headers=headers)


class RecordingTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, noting every address it is asked to request."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Note the address, then request it as usual."""
        self.urls.append(str(request.url))
        return await super().handle_async_request(request)


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
