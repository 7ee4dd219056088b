"""Tests of bot.core.fetching against a web server on loopback: types, redirects, sizes, time."""

from __future__ import annotations

import time
import tracemalloc
from urllib.parse import quote

import pytest
from fetch_site import BOMB_BYTES, HTML, MIB, RecordingTransport, Site, gzip_bomb, settings

from bot.core.fetching import ACCEPT, USER_AGENT, fetch_page
from briefings.errors import (
    AddressNotAllowedError,
    FetchError,
    FetchTimeoutError,
    InputTooLargeError,
)


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
    # Cut off at the limit, long before the server's 10 MB, whose full size is never known.
    with pytest.raises(InputTooLargeError, match=r"^The page is over the size limit of 4\.0 KB\.$"):
        await fetch_page(f"{site.base}/endless.html", settings())


# --- compressed pages ----------------------------------------------------------------------


async def test_only_encodings_the_fetcher_can_bound_are_asked_for(site: Site) -> None:
    await fetch_page(f"{site.base}/page.html", settings())
    assert site.accepted_encodings == ["gzip, deflate"]


@pytest.mark.parametrize("coding", ["gzip", "x-gzip", "deflate", "raw-deflate", "identity"])
async def test_compressed_pages_are_inflated(site: Site, coding: str) -> None:
    page = await fetch_page(f"{site.base}/encoded/{coding}", settings())
    assert page.body.decode() == HTML


async def test_a_gzip_bomb_is_refused_without_expanding_in_memory(site: Site) -> None:
    bomb = gzip_bomb()  # built before measuring: 64 MB of spaces in about 64 KB
    assert len(bomb) < MIB < BOMB_BYTES
    tracemalloc.start()
    try:
        with pytest.raises(
            InputTooLargeError, match=r"^The page is over the size limit of 1\.0 MB\.$"
        ):
            await fetch_page(f"{site.base}/bomb.html", settings(max_input_bytes=MIB))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # httpx's own decoder held all 64 MB at once; bounded inflating holds the limit or so.
    assert peak < 4 * MIB


async def test_bytes_on_the_wire_count_against_the_limit(site: Site) -> None:
    # 8 KB of junk after a small gzip stream: nothing inflates from it, yet it was sent.
    with pytest.raises(InputTooLargeError, match=r"^The page is over the size limit of 4\.0 KB\.$"):
        await fetch_page(f"{site.base}/encoded/trailing-junk", settings())


@pytest.mark.parametrize(
    ("coding", "sentence"),
    [
        ("br", r"came compressed as br, which I cannot read\.$"),
        ("twice", r"came compressed twice over, which I do not read\.$"),
        ("broken", r"came compressed in a way I could not read\.$"),
    ],
)
async def test_compression_that_cannot_be_bounded_is_refused(
    site: Site, coding: str, sentence: str
) -> None:
    with pytest.raises(FetchError, match=rf"^The page at {site.base}/encoded/{coding} {sentence}"):
        await fetch_page(f"{site.base}/encoded/{coding}", settings())


@pytest.mark.parametrize("path", ["/stall?type=text/html", "/trickle.html"])
async def test_a_page_slower_than_the_timeout_is_given_up(site: Site, path: str) -> None:
    # The trickle never pauses long enough for a read timeout; the overall deadline ends it.
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match=r"did not answer within 0\.3 seconds\.$"):
        await fetch_page(f"{site.base}{path}", settings(fetch_timeout_seconds=0.3))
    assert time.monotonic() - started < 2
