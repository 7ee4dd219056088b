"""The limits on an article's size (bytes, lines, paragraphs), and the sentences that refuse
an input over them.

The byte limit is a setting (MAX_INPUT_BYTES). Lines and paragraphs are bounded too: within
the byte limit a file can hold 190,000 one-word lines, which is no article, and costs the
extraction many minutes. A hard-wrapped text of 2 MB has about 30,000 lines; a long article a
few hundred paragraphs, and a 2 MB transcript of short turns about 20,000.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from briefings.errors import InputTooLargeError

_KIB = 1024
_MIB = 1024 * 1024
MAX_LINES = 50_000
MAX_PARAGRAPHS = 20_000


def check_size(size: int, max_bytes: int, *, source: str) -> None:
    """Raise InputTooLargeError when size is over max_bytes."""
    if size > max_bytes:
        shown, limit = _human_size(size), _human_size(max_bytes)
        if shown == limit:  # "7.8 KB; the limit is 7.8 KB" would hide the difference
            shown = f"{shown} ({_exact_size(size)})"
            limit = f"{limit} ({_exact_size(max_bytes)})"
        raise InputTooLargeError(f"The {source_noun(source)} is {shown}; the limit is {limit}.")


def over_the_limit(max_bytes: int, *, source: str) -> InputTooLargeError:
    """The refusal of an input found to pass max_bytes while reading, its full size unknown."""
    limit = _human_size(max_bytes)
    return InputTooLargeError(f"The {source_noun(source)} is over the size limit of {limit}.")


def check_lines(text: str, *, source: str) -> None:
    """Raise InputTooLargeError when the text has more than MAX_LINES lines."""
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if lines > MAX_LINES:
        raise InputTooLargeError(
            f"The {source_noun(source)} has {lines:,} lines; an article has at most {MAX_LINES:,}."
        )


def check_paragraphs(count: int, *, source: str) -> None:
    """Raise InputTooLargeError when an article has more than MAX_PARAGRAPHS paragraphs."""
    if count > MAX_PARAGRAPHS:
        raise InputTooLargeError(
            f"The {source_noun(source)} has {count:,} paragraphs; an article has at most "
            f"{MAX_PARAGRAPHS:,}."
        )


def is_web_address(source: str) -> bool:
    """True when the source is a web address (http or https)."""
    return urlsplit(source).scheme in {"http", "https"}


def source_noun(source: str) -> str:
    """'page' for a web address, 'file' for anything else, as the refusals name a source."""
    return "page" if is_web_address(source) else "file"


def _human_size(size: int) -> str:
    """A byte count for people: '512 bytes', '12.5 KB', '2.0 MB'."""
    if size < _KIB:
        return _exact_size(size)
    if size < _MIB:
        return f"{size / _KIB:.1f} KB"
    return f"{size / _MIB:.1f} MB"


def _exact_size(size: int) -> str:
    """A byte count to the byte: '8,001 bytes', '1 byte'."""
    return "1 byte" if size == 1 else f"{size:,} bytes"
