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
from briefings.i18n import _, current_language
from briefings.replies.counts import amount, counted

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
        sentence = said_of(
            source,
            file=_("The file is {size}; the limit is {limit}."),
            page=_("The page is {size}; the limit is {limit}."),
        )
        raise InputTooLargeError(sentence.format(size=shown, limit=limit))


def over_the_limit(max_bytes: int, *, source: str) -> InputTooLargeError:
    """The refusal of an input found to pass max_bytes while reading, its full size unknown."""
    sentence = said_of(
        source,
        file=_("The file is over the size limit of {limit}."),
        page=_("The page is over the size limit of {limit}."),
    )
    return InputTooLargeError(sentence.format(limit=_human_size(max_bytes)))


def check_lines(text: str, *, source: str) -> None:
    """Raise InputTooLargeError when the text has more than MAX_LINES lines."""
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if lines > MAX_LINES:
        _refuse_count(counted(lines, "{n} line", "{n} lines"), MAX_LINES, source)


def check_paragraphs(count: int, *, source: str) -> None:
    """Raise InputTooLargeError when an article has more than MAX_PARAGRAPHS paragraphs."""
    if count > MAX_PARAGRAPHS:
        _refuse_count(counted(count, "{n} paragraph", "{n} paragraphs"), MAX_PARAGRAPHS, source)


def _refuse_count(count: str, limit: int, source: str) -> None:
    """Raise InputTooLargeError for an input with too many of something (count says how many)."""
    sentence = said_of(
        source,
        # i18n: {count} is a number with its noun ("50,001 lines", "20,001 paragraphs").
        file=_("The file has {count}; an article has at most {limit}."),
        page=_("The page has {count}; an article has at most {limit}."),
    )
    raise InputTooLargeError(sentence.format(count=count, limit=amount(limit)))


def is_web_address(source: str) -> bool:
    """True when the source is a web address (http or https)."""
    return urlsplit(source).scheme in {"http", "https"}


def said_of(source: str, *, file: str, page: str) -> str:
    """The sentence for a source: page's for a web address, file's for anything else (the
    refusals name a source as a page or a file, whole sentences so that words agree)."""
    return page if is_web_address(source) else file


def _human_size(size: int) -> str:
    """A byte count for people: '512 bytes', '12.5 KB', '2.0 MB'."""
    if size < _KIB:
        return _exact_size(size)
    if size < _MIB:
        return _("{size} KB").format(size=_one_decimal(size / _KIB))
    return _("{size} MB").format(size=_one_decimal(size / _MIB))


def _exact_size(size: int) -> str:
    """A byte count to the byte: '8,001 bytes', '1 byte'."""
    return counted(size, "{n} byte", "{n} bytes")


def _one_decimal(value: float) -> str:
    """A number with one decimal, in the current language's decimal sign: '7.8', '7,8'."""
    from babel.numbers import format_decimal  # only where a size is refused

    # Rounded here as the sentences always rounded; Babel only writes the decimal sign.
    return format_decimal(float(f"{value:.1f}"), format="0.0", locale=current_language())
