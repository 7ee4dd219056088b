"""Fetch an article page for /load URL: public addresses only, bounded in time, hops and size.

Every hop is checked before it is requested: http(s) only, no credentials in the address,
and every address its host resolves to must be public (or inside FETCH_ALLOWED_NETWORKS).
After connecting, the address actually connected to is checked again, so a host that
resolves differently the second time (DNS rebinding) gets no page back; the request itself
has been sent by then. Redirects are followed by hand, each one checked the same way. The
status and content type are checked before the body is read, and the body is streamed and
cut off past the size limit, on the wire and once decompressed (page_bodies.py: a gzip bomb
never expands past the limit in memory). Failures raise FetchError (InputTooLargeError for
the size) with one sentence for the admin, in the language of the answer being built.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from bot.core.page_bodies import ACCEPT_ENCODING, read_body
from bot.settings import Settings
from briefings.errors import (
    AddressNotAllowedError,
    FetchError,
    FetchTimeoutError,
    UnsupportedFormatError,
)
from briefings.i18n import _
from briefings.reading.articles import check_size, format_of
from briefings.replies.counts import counted

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
# Turns a host name into its addresses; raises socket.gaierror when there is no such host.
Resolver = Callable[[str], Awaitable[list[Address]]]

USER_AGENT = "ceasefire-brief/1.0 (article loader)"
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,text/markdown;q=0.8,*/*;q=0.1"
# Shared address space (RFC 6598): not "private" to the ipaddress module, not public either.
_SHARED = ipaddress.ip_network("100.64.0.0/10")
# NAT64 (RFC 6052): the last 32 bits are an IPv4 address that a gateway would reach.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True)
class FetchedPage:
    """A fetched page: the address it finally came from, its declared type and its bytes."""

    url: str
    content_type: str | None
    body: bytes


async def _getaddrinfo(host: str) -> list[Address]:
    """The addresses the system resolver gives for a host name."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


async def fetch_page(
    url: str,
    settings: Settings,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    resolve: Resolver = _getaddrinfo,
) -> FetchedPage:
    """Fetch an article page under the rules in the module docstring; raises FetchError."""
    seconds = settings.fetch_timeout_seconds
    try:
        async with asyncio.timeout(seconds):
            return await _follow(_parse(url), settings, transport, resolve)
    except (TimeoutError, httpx.TimeoutException) as error:
        limit = counted(seconds, "{n} second", "{n} seconds")
        message = _("The page at {url} did not answer within {limit}.")
        raise FetchTimeoutError(message.format(url=url, limit=limit)) from error


async def _follow(
    url: httpx.URL,
    settings: Settings,
    transport: httpx.AsyncBaseTransport | None,
    resolve: Resolver,
) -> FetchedPage:
    """Request the address and each redirect in turn, up to the settings' limit."""
    allowed = settings.fetch_allowed_networks
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING}
    timeout = httpx.Timeout(settings.fetch_timeout_seconds)
    # trust_env=False: a proxy from the environment would resolve and connect out of our
    # sight, and a .netrc would hand its passwords to whatever host a page redirects to.
    async with httpx.AsyncClient(
        headers=headers, timeout=timeout, transport=transport, trust_env=False
    ) as client:
        current = url
        for _hop in range(settings.fetch_max_redirects + 1):
            await _check_address(current, allowed, resolve)
            page = await _get(client, current, allowed, settings.max_input_bytes)
            if isinstance(page, FetchedPage):
                return page
            current = page
    times = counted(settings.fetch_max_redirects, "{n} time", "{n} times")
    raise FetchError(
        _("The address {url} redirects more than {times}.").format(url=url, times=times)
    )


async def _get(
    client: httpx.AsyncClient, url: httpx.URL, allowed: frozenset[Network], max_bytes: int
) -> FetchedPage | httpx.URL:
    """One hop: the page, or the address it redirects to."""
    try:
        async with client.stream("GET", url) as response:
            _check_peer(response, url, allowed)
            location = response.headers.get("location")
            if response.is_redirect and location:
                return _redirect_target(url, location)
            return await _read(response, url, max_bytes)
    except httpx.TimeoutException:
        raise
    except httpx.HTTPError as error:
        raise _connection_error(url, error) from error


def _parse(url: str) -> httpx.URL:
    """The address as httpx reads it, so that the host checked is the host connected to."""
    try:
        return httpx.URL(url)
    except httpx.InvalidURL:
        raise AddressNotAllowedError(
            _("I cannot read the address {url}.").format(url=url)
        ) from None


def _redirect_target(url: httpx.URL, location: str) -> httpx.URL:
    """Where a redirect leads, a relative Location read against the page's own address."""
    try:
        return url.join(location)
    except httpx.InvalidURL:
        message = _("The page at {url} redirects to an address I cannot read.")
        raise FetchError(message.format(url=url)) from None


async def _check_address(url: httpx.URL, allowed: frozenset[Network], resolve: Resolver) -> None:
    """Refuse an address that is not http(s), carries credentials, or reaches a non-public host."""
    if url.scheme not in {"http", "https"}:
        scheme = url.scheme or str(url)
        message = _("I only fetch http and https addresses, not {scheme}.")
        raise AddressNotAllowedError(message.format(scheme=scheme))
    if url.userinfo:
        raise AddressNotAllowedError(
            _("I do not fetch addresses with a user name or password in them.")
        )
    host = url.raw_host.decode("ascii")
    if not host:
        raise AddressNotAllowedError(_("The address {url} names no host.").format(url=url))
    for address in await _addresses(host, resolve):
        _check_public(address, host, allowed)


async def _addresses(host: str, resolve: Resolver) -> list[Address]:
    """The addresses a host stands for: an IP literal itself, a name what it resolves to."""
    try:
        return [ipaddress.ip_address(host.split("%")[0])]
    except ValueError:
        pass
    try:
        addresses = await resolve(host)
    except (socket.gaierror, UnicodeError):
        addresses = []
    if not addresses:
        raise FetchError(_("I could not find the host {host}.").format(host=host))
    return addresses


def _check_public(address: Address, host: str, allowed: frozenset[Network]) -> None:
    """Raise AddressNotAllowedError unless the address is public or inside an allowed network."""
    carried = _carried_ipv4(address)
    if any(a in network for a in (address, carried) for network in allowed):
        return
    if _is_public(carried):
        return
    if host == str(address):
        message = _("I do not fetch private or local network addresses ({address}).")
    else:
        message = _("I do not fetch private or local network addresses ({host} is {address}).")
    raise AddressNotAllowedError(message.format(host=host, address=address))


def _carried_ipv4(address: Address) -> Address:
    """The IPv4 address an IPv6 one stands for (mapped, 6to4 or NAT64); else the address."""
    if isinstance(address, ipaddress.IPv4Address):
        return address
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.ipv4_mapped or address.sixtofour or address


def _is_public(address: Address) -> bool:
    """True for an address on the public internet, a unicast one nobody reserves."""
    special = (
        address.is_private,
        address.is_loopback,
        address.is_link_local,
        address.is_multicast,
        address.is_reserved,
        address.is_unspecified,
        address in _SHARED,
    )
    return address.is_global and not any(special)


def _check_peer(response: httpx.Response, url: httpx.URL, allowed: frozenset[Network]) -> None:
    """Check the address the connection really reached, where the transport tells it."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        return  # the transport does not say (a mock transport): nothing to hold against it
    try:
        address = ipaddress.ip_address(str(peer[0]).split("%")[0])
    except ValueError:
        return  # not an IP peer (a Unix socket)
    _check_public(address, url.raw_host.decode("ascii"), allowed)


def _connection_error(url: httpx.URL, error: httpx.HTTPError) -> FetchError:
    """One sentence for a request that failed before a whole answer came back."""
    host = url.raw_host.decode("ascii")
    if _caused_by(error, ssl.SSLError):
        message = _("I could not make a secure connection to {host}.")
    elif isinstance(error, httpx.ConnectError):
        message = _("Nobody answered at {url}.")
    else:
        message = _("The site at {host} sent an answer I could not read.")
    return FetchError(message.format(host=host, url=url))


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    """True when the error, or one it was raised from, is of the given kind."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, kind):
            return True
        cause = cause.__cause__ or cause.__context__
    return False


async def _read(response: httpx.Response, url: httpx.URL, max_bytes: int) -> FetchedPage:
    """The body of a final response, after its status, type and declared size are checked."""
    if not response.is_success:
        status = f"{response.status_code} {response.reason_phrase}".strip()
        raise FetchError(_("The page at {url} answered {status}.").format(url=url, status=status))
    content_type = response.headers.get("content-type")
    _check_type(content_type, str(url))
    declared = response.headers.get("content-length", "")
    if declared.isdigit():
        check_size(int(declared), max_bytes, source=str(url))
    body = await read_body(response, url, max_bytes)
    return FetchedPage(str(url), content_type, body)


def _check_type(content_type: str | None, url: str) -> None:
    """Refuse a content type the article reader would refuse, before the body is read."""
    # The reader's own test, so that what is fetched here is what it can read.
    try:
        format_of(url, content_type)
    except UnsupportedFormatError:
        media_type = (content_type or "").split(";")[0].strip().lower()
        message = _(
            "The address {url} gives {media_type}, not an article page; "
            "send a web page, or a .txt, .md or .html file."
        )
        raise FetchError(message.format(url=url, media_type=media_type)) from None
