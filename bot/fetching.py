"""Fetch an article page for /load URL: public addresses only, bounded in time, hops and size.

Every hop is checked before it is requested: http(s) only, no credentials in the address,
and every address its host resolves to must be public (or inside FETCH_ALLOWED_NETWORKS).
After connecting, the address actually connected to is checked again, so a host that
resolves differently the second time (DNS rebinding) gains nothing. Redirects are followed
by hand, each one checked the same way. The content type is checked before the body is read,
and the body is streamed and cut off past the size limit. Failures raise FetchError with one
sentence for the admin.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from bot.settings import Settings
from briefings.errors import FetchError
from briefings.reading import check_size

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

USER_AGENT = "ceasefire-brief/1.0 (article loader)"
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,text/markdown;q=0.8,*/*;q=0.1"
READABLE_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "text/markdown",
        "text/x-markdown",
        "",
        "application/octet-stream",
    }
)
# Shared address space (RFC 6598): not "private" to the ipaddress module, not public either.
_SHARED = ipaddress.ip_network("100.64.0.0/10")


@dataclass(frozen=True)
class FetchedPage:
    """A fetched page: the address it finally came from, its declared type and its bytes."""

    url: str
    content_type: str | None
    body: bytes


async def fetch_page(
    url: str, settings: Settings, *, transport: httpx.AsyncBaseTransport | None = None
) -> FetchedPage:
    """Fetch an article page under the rules in the module docstring; raises FetchError."""
    seconds = settings.fetch_timeout_seconds
    try:
        async with asyncio.timeout(seconds):
            return await _follow(url, settings, transport)
    except (TimeoutError, httpx.TimeoutException):
        raise FetchError(f"The page at {url} did not answer within {seconds:g} seconds.") from None
    except httpx.ConnectError:
        raise FetchError(f"Nobody answered at {url}.") from None
    except httpx.HTTPError as error:
        raise FetchError(f"I could not fetch {url} ({type(error).__name__}).") from None


async def _follow(
    url: str, settings: Settings, transport: httpx.AsyncBaseTransport | None
) -> FetchedPage:
    """Request the address and each redirect in turn, up to the settings' limit."""
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    timeout = httpx.Timeout(settings.fetch_timeout_seconds)
    async with httpx.AsyncClient(headers=headers, timeout=timeout, transport=transport) as client:
        current = url
        for _ in range(settings.fetch_max_redirects + 1):
            await check_address(current, settings.fetch_allowed_networks)
            async with client.stream("GET", current) as response:
                _check_peer(response, current, settings.fetch_allowed_networks)
                location = response.headers.get("location")
                if response.is_redirect and location:
                    current = urljoin(current, location)
                    continue
                return await _read(response, current, settings.max_input_bytes)
    limit = settings.fetch_max_redirects
    raise FetchError(f"The address {url} redirects more than {limit} times.")


async def check_address(url: str, allowed: frozenset[Network]) -> None:
    """Refuse an address that is not http(s), carries credentials, or reaches a non-public host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"}:
        raise FetchError(f"I only fetch http and https addresses, not {parts.scheme or url}.")
    if parts.username or parts.password:
        raise FetchError("I do not fetch addresses with a user name or password in them.")
    host = parts.hostname
    if not host:
        raise FetchError(f"The address {url} names no host.")
    for address in await _resolve(host, parts.port):
        _check_public(address, host, allowed)


async def _resolve(host: str, port: int | None) -> list[Address]:
    """The addresses a host name stands for (an IP literal stands for itself)."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port or 80, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"I could not find the host {host}.") from None
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


def _check_public(address: Address, host: str, allowed: frozenset[Network]) -> None:
    """Raise FetchError unless the address is public or inside an allowed network."""
    if any(address in network for network in allowed):
        return
    mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
    plain = mapped or address
    if not plain.is_global or plain.is_multicast or plain in _SHARED:
        raise FetchError(
            f"I do not fetch private or local network addresses ({host} is {address})."
        )


def _check_peer(response: httpx.Response, url: str, allowed: frozenset[Network]) -> None:
    """Check the address the connection really reached, where the transport tells it."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        return
    address = ipaddress.ip_address(str(peer[0]).split("%")[0])
    _check_public(address, urlsplit(url).hostname or url, allowed)


async def _read(response: httpx.Response, url: str, max_bytes: int) -> FetchedPage:
    """The body of a final response, after its status, type and declared size are checked."""
    if response.status_code >= 400 or response.status_code < 200:
        reason = response.reason_phrase or "an error"
        raise FetchError(f"The page at {url} answered {response.status_code} {reason}.")
    content_type = response.headers.get("content-type")
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type not in READABLE_TYPES:
        raise FetchError(
            f"The address gives {media_type}, not an article page; "
            "send a web page, or a .txt, .md or .html file."
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit():
        check_size(int(declared), max_bytes, source=url)
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body.extend(chunk)
        check_size(len(body), max_bytes, source=url)
    return FetchedPage(str(response.url), content_type, bytes(body))
