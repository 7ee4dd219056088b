"""Turn the bytes of a file, paste or web page into normalised text, refusing binary data."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from briefings.errors import BinaryInputError, EmptyInputError
from briefings.i18n import N_, _
from briefings.reading.normalising import normalise_characters

# File signatures of formats people send by mistake; the name goes into the reply
# ("This is {name}, not text"), translated there.
_MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", N_("a PDF document")),
    (b"\x89PNG\r\n\x1a\n", N_("a PNG image")),
    (b"\xff\xd8\xff", N_("a JPEG image")),
    (b"GIF87a", N_("a GIF image")),
    (b"GIF89a", N_("a GIF image")),
    (b"PK\x03\x04", N_("a ZIP archive (or a Word or OpenDocument file)")),
    (b"\xd0\xcf\x11\xe0", N_("a Microsoft Office document")),
    (b"\x1f\x8b", N_("a gzip archive")),
)

# Single-byte encodings that real articles arrive in; anything else a detector proposes
# for bytes that are not UTF-8 (Shift-JIS, Big5 ...) is almost always a misreading.
_LEGACY_TEXT_ENCODINGS = [
    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "iso8859_5",
    "koi8_r", "koi8_u", "mac_cyrillic", "cp1253", "cp1254", "cp1257", "mac_roman",
]  # fmt: skip
_MAX_CHAOS = 0.1
_MAX_CONTROL_SHARE = 0.05
_MIN_LETTER_SHARE = 0.6
_SAMPLE_BYTES = 65536
_ASCII_WHITESPACE = b" \t\r\n\x0b\x0c"
_CONTROL_BYTES = frozenset(range(0x20)) - frozenset(b"\t\n\r\x0b\x0c\x1b")

NOT_TEXT = N_("The file is not readable text: it is neither UTF-8 nor a text encoding I recognise.")


def decode_text(raw: bytes) -> str:
    """Decode bytes to normalised text, or raise EmptyInputError / BinaryInputError."""
    if not raw.strip(_ASCII_WHITESPACE):
        raise EmptyInputError(_("The file is empty."))
    _refuse_known_binary(raw)
    text = normalise_characters(_decode(raw))
    if not text.strip():
        raise EmptyInputError(_("The file contains only whitespace."))
    return text


def _refuse_known_binary(raw: bytes) -> None:
    """Raise BinaryInputError when the bytes start with a known binary file signature."""
    for magic, name in _MAGIC_NUMBERS:
        if raw.startswith(magic):
            # i18n: {name} is a kind of file, such as "a PDF document".
            refusal = _("This is {name}, not text; send the article as text or HTML.")
            raise BinaryInputError(refusal.format(name=_(name)))


def _decode(raw: bytes) -> str:
    """Decode by BOM, then strict UTF-8, then a confident legacy single-byte encoding."""
    if raw.startswith(codecs.BOM_UTF8):
        return _strict(raw, "utf-8-sig")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _refuse_control_heavy(_strict(raw, "utf-16"))
    if b"\x00" in raw or _control_share(raw[:_SAMPLE_BYTES]) > _MAX_CONTROL_SHARE:
        raise BinaryInputError(_("The file is binary data, not readable text."))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _detect_legacy(raw)


def _strict(raw: bytes, encoding: str) -> str:
    """Decode with the given encoding, turning errors into BinaryInputError."""
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise BinaryInputError(_(NOT_TEXT)) from error


def _detect_legacy(raw: bytes) -> str:
    """Decode with the legacy encoding charset-normalizer is confident about, or refuse."""
    best = from_bytes(raw, cp_isolation=_LEGACY_TEXT_ENCODINGS).best()
    if best is None or best.chaos > _MAX_CHAOS or not _reads_as_words(str(best)):
        raise BinaryInputError(_(NOT_TEXT))
    return str(best)


def _reads_as_words(text: str) -> bool:
    """True when the text has spaces and is mostly letters, as prose in any alphabet is."""
    visible = [char for char in text if not char.isspace()]
    letters = sum(char.isalpha() for char in visible)
    return len(visible) < len(text) and letters >= _MIN_LETTER_SHARE * len(visible)


def _control_share(sample: bytes) -> float:
    """Share of bytes that are control characters no text file contains."""
    if not sample:
        return 0.0
    return sum(byte in _CONTROL_BYTES for byte in sample) / len(sample)


def _refuse_control_heavy(text: str) -> str:
    """Return text unless too many of its characters are control characters."""
    sample = text[:_SAMPLE_BYTES]
    controls = sum(ord(char) in _CONTROL_BYTES for char in sample)
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        raise BinaryInputError(_(NOT_TEXT))
    return text
