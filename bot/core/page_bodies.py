"""Read a fetched page's body within the size limit, compressed or not.

httpx decodes gzip and deflate itself, but a decoder call turns one network read (up to
64 KB) into all it expands to: a gzip bomb of 64 KB is 64 MB in one call, long before a
limit checked between calls could stop it. So the raw bytes are read (`aiter_raw`) and
inflated here with zlib, asking each call for no more than the room left under the limit
plus one byte: the page in memory never passes the limit by more than a byte. The bytes on
the wire are held to the limit too. Only gzip and deflate are asked for (Accept-Encoding)
and read; a page compressed otherwise, or twice over, is refused in one sentence.
"""

from __future__ import annotations

import zlib

import httpx

from briefings.errors import FetchError
from briefings.i18n import _
from briefings.reading.sizes import check_size, over_the_limit

ACCEPT_ENCODING = "gzip, deflate"
_GZIP = zlib.MAX_WBITS | 16
_ZLIB = zlib.MAX_WBITS
_RAW_DEFLATE = -zlib.MAX_WBITS
_WBITS = {"gzip": _GZIP, "x-gzip": _GZIP, "deflate": _ZLIB}


class _Inflater:
    """Inflates a gzip or deflate stream, never more than the room it is given at a time."""

    def __init__(self, wbits: int) -> None:
        self.wbits = wbits
        self.inflater = zlib.decompressobj(wbits)
        self.started = False

    def inflate(self, data: bytes, limit: int) -> bytes:
        """At most limit bytes of what data inflates to; the rest of data waits in the tail."""
        try:
            return self.inflater.decompress(data, limit)
        except zlib.error:
            # Some servers send raw deflate under "deflate"; httpx allows it too.
            if self.started or self.wbits != _ZLIB:
                raise
            self.inflater, self.wbits = zlib.decompressobj(_RAW_DEFLATE), _RAW_DEFLATE
            return self.inflater.decompress(data, limit)
        finally:
            self.started = True

    @property
    def tail(self) -> bytes:
        """Input not inflated yet because the last call reached its limit."""
        return self.inflater.unconsumed_tail if not self.inflater.eof else b""


async def read_body(response: httpx.Response, url: httpx.URL, max_bytes: int) -> bytes:
    """The page's bytes, decompressed; InputTooLargeError past max_bytes, on the wire or not."""
    if response.is_stream_consumed:
        # Built whole in memory and decoded by httpx (httpx.MockTransport): no stream to bound.
        check_size(len(response.content), max_bytes, source=str(url))
        return response.content
    inflater = _inflater_for(response, url)
    body = bytearray()
    received = 0
    async for chunk in response.aiter_raw():
        received += len(chunk)
        if received > max_bytes:
            raise over_the_limit(max_bytes, source=str(url))
        if inflater is None:
            body += chunk
        else:
            _inflate_into(body, inflater, chunk, max_bytes, url)
    return bytes(body)


def _inflate_into(
    body: bytearray, inflater: _Inflater, data: bytes, max_bytes: int, url: httpx.URL
) -> None:
    """Inflate data onto body, refusing the page once body would pass max_bytes."""
    while data:
        try:
            body += inflater.inflate(data, max_bytes - len(body) + 1)
        except zlib.error:
            message = _("The page at {url} came compressed in a way I could not read.")
            raise FetchError(message.format(url=url)) from None
        if len(body) > max_bytes:
            raise over_the_limit(max_bytes, source=str(url))
        data = inflater.tail


def _inflater_for(response: httpx.Response, url: httpx.URL) -> _Inflater | None:
    """The inflater the page's Content-Encoding calls for; None when it is not compressed."""
    codings = [
        coding.strip().lower()
        for coding in response.headers.get_list("content-encoding", split_commas=True)
    ]
    codings = [coding for coding in codings if coding and coding != "identity"]
    if not codings:
        return None
    if len(codings) > 1:
        message = _("The page at {url} came compressed twice over, which I do not read.")
        raise FetchError(message.format(url=url))
    if codings[0] not in _WBITS:
        message = _("The page at {url} came compressed as {coding}, which I cannot read.")
        raise FetchError(message.format(url=url, coding=codings[0]))
    return _Inflater(_WBITS[codings[0]])
