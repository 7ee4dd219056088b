"""Tests for briefings.reading.decoding: encodings, binary refusal, normalisation."""

from __future__ import annotations

import codecs
import random

import pytest

from briefings.errors import BinaryInputError, EmptyInputError
from briefings.i18n import UKRAINIAN, use_language
from briefings.reading.decoding import decode_text

CURLY = "He said it\u2019s \u201cover\u201d \u2013 and the caf\u00e9 in Z\u00fcrich agreed."


def test_utf8_is_decoded() -> None:
    assert decode_text("Zelenskyy met Trump in Paris \u2013 \u201cgood\u201d.".encode()) == (
        "Zelenskyy met Trump in Paris \u2013 \u201cgood\u201d."
    )


def test_utf8_bom_is_dropped() -> None:
    assert decode_text(codecs.BOM_UTF8 + "Kyiv, \u00e9t\u00e9".encode()) == "Kyiv, \u00e9t\u00e9"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(codec: str) -> None:
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    raw = bom + "\u041a\u0438\u0457\u0432 said \u201cno\u201d.\r\nNext line.".encode(codec)
    assert decode_text(raw) == "\u041a\u0438\u0457\u0432 said \u201cno\u201d.\nNext line."


def test_cp1252_curly_quotes_are_decoded() -> None:
    assert decode_text(CURLY.encode("cp1252")) == CURLY


def test_short_cp1252_text_is_decoded() -> None:
    assert decode_text("It\u2019s here.".encode("cp1252")) == "It\u2019s here."


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_cyrillic_legacy_encodings_are_decoded(codec: str) -> None:
    text = "\u041f\u0443\u0442\u0438\u043d \u0441\u043a\u0430\u0437\u0430\u043b, \u0447\u0442\u043e \u043f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u043d\u0430\u0447\u043d\u0443\u0442\u0441\u044f \u0432 \u044f\u043d\u0432\u0430\u0440\u0435."
    assert decode_text(text.encode(codec)) == text


@pytest.mark.parametrize("raw", [b"", b"   \n\t\r\n  "])
def test_empty_and_whitespace_are_refused(raw: bytes) -> None:
    with pytest.raises(EmptyInputError):
        decode_text(raw)


def test_whitespace_after_a_bom_is_refused() -> None:
    with pytest.raises(EmptyInputError):
        decode_text(codecs.BOM_UTF16_LE + "  \n ".encode("utf-16-le"))


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
    ],
)
def test_known_binary_formats_are_named(raw: bytes, named: str) -> None:
    with pytest.raises(BinaryInputError, match=named):
        decode_text(raw)


def test_random_bytes_with_nuls_are_refused() -> None:
    rng = random.Random(7)
    noise = bytes(rng.randrange(256) for _ in range(4096))
    with pytest.raises(BinaryInputError):
        decode_text(b"Some text\x00" + noise)


def test_control_heavy_bytes_are_refused() -> None:
    with pytest.raises(BinaryInputError):
        decode_text(b"abc\x01\x02\x03\x04def\x05\x06\x07\x08" * 50)


@pytest.mark.parametrize("low", [0x20, 0x80])
def test_random_bytes_without_nuls_are_refused(low: int) -> None:
    rng = random.Random(low)
    noise = bytes(rng.randrange(low, 0x100) for _ in range(2000))
    with pytest.raises(BinaryInputError, match="not readable text"):
        decode_text(noise)


def test_a_run_of_one_high_byte_is_not_text() -> None:
    with pytest.raises(BinaryInputError):
        decode_text(b"\x82" * 500)


def test_invalid_utf8_after_bom_is_refused() -> None:
    with pytest.raises(BinaryInputError):
        decode_text(codecs.BOM_UTF8 + b"caf\xe9 \xff\xfe")


def refusal(raw: bytes) -> str:
    """The sentence decode_text refuses raw with."""
    with pytest.raises((BinaryInputError, EmptyInputError)) as refused:
        decode_text(raw)
    return str(refused.value)


def test_refusals_are_said_in_ukrainian_under_ukrainian() -> None:
    with use_language(UKRAINIAN):
        said = [refusal(b"%PDF-1.7\n1 0 obj"), refusal(b" \n"), refusal(b"\x82" * 500)]
    assert said == [
        "Це документ PDF, а не текст; надішліть статтю як текст або HTML.",
        "Файл порожній.",
        "Файл не читається як текст: він не в UTF-8 і не в іншому відомому мені кодуванні.",
    ]
    assert refusal(b"%PDF-1.7\n1 0 obj") == (
        "This is a PDF document, not text; send the article as text or HTML."
    )
