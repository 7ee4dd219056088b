"""Tests of bot.core.fetching's address rules: no private, local or odd address is ever reached."""

from __future__ import annotations

import socket

import httpx
import pytest
from fetch_site import (
    HTML,
    PUBLIC,
    RecordingTransport,
    Site,
    free_port,
    never_resolve,
    resolving_to,
    settings,
)

from bot.core.fetching import ACCEPT, USER_AGENT, Address, fetch_page
from briefings.errors import (
    AddressNotAllowedError,
    FetchError,
)
from briefings.i18n import UKRAINIAN, use_language

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


async def test_a_refusal_is_in_the_language_of_the_answer_it_is_raised_for(
    transport: RecordingTransport,
) -> None:
    resolve = resolving_to("10.1.2.3")
    with use_language(UKRAINIAN):
        with pytest.raises(AddressNotAllowedError) as scheme:
            await fetch_page("ftp://example.com/a.txt", settings(), transport=transport)
        with pytest.raises(AddressNotAllowedError) as private:
            await fetch_page(
                "http://news.example/", settings(), transport=transport, resolve=resolve
            )
    assert str(scheme.value) == "Я завантажую лише адреси http і https, а не ftp."
    assert str(private.value) == (
        "Я не завантажую приватні чи локальні мережеві адреси (news.example — це 10.1.2.3)."
    )
    assert transport.urls == []
