"""Tests for the double's sendPhoto: an uploaded PNG kept with its caption, refusals as Telegram's."""

from __future__ import annotations

import struct
import zlib

import pytest
from telegram import Bot, InputFile
from telegram.constants import ParseMode
from telegram.error import BadRequest

from tests.support.bot_api_double import BotApiDouble

CHAT = 4242


def make_png(width: int, height: int) -> bytes:
    """A valid grey PNG of a size (one filter byte and `width` pixels per row)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress((b"\x00" + b"\x80" * width) * height)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


async def test_a_photo_is_kept_with_its_size_and_parsed_caption(
    double: BotApiDouble, bot: Bot
) -> None:
    png = make_png(40, 30)

    sent = await bot.send_photo(
        CHAT,
        InputFile(png, filename="chart.png"),
        caption="<b>Chart</b> &amp; sources [1]",
        parse_mode=ParseMode.HTML,
    )

    [size] = sent.photo
    assert (size.width, size.height) == (40, 30)
    assert sent.caption == "Chart & sources [1]"
    assert sent.caption_entities[0].type == "bold"
    assert double.file_bytes(size.file_id) == png
    [call] = double.calls("sendPhoto")
    assert call.params["photo"].file_name == "chart.png"
    stored = double.message(CHAT, sent.message_id)
    assert stored.html == "<b>Chart</b> &amp; sources [1]"
    assert double.sent_messages(CHAT)[-1]["photo"][0]["width"] == 40


@pytest.mark.parametrize(
    ("photo", "caption", "refusal"),
    [
        (b"not an image at all", None, "Image_process_failed"),
        (make_png(9_500, 600), None, "Photo_invalid_dimensions"),
        (make_png(2_100, 100), None, "Photo_invalid_dimensions"),
        (make_png(10, 10), "x" * 1025, "Message caption is too long"),
    ],
)
async def test_what_telegram_refuses_is_refused(
    bot: Bot, photo: bytes, caption: str | None, refusal: str
) -> None:
    with pytest.raises(BadRequest, match=refusal):
        await bot.send_photo(CHAT, InputFile(photo, filename="p.png"), caption=caption)
