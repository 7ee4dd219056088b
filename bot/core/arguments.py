"""Every argument of every command, read and checked in one place, one sentence per kind of nonsense.

What a user types after a command reaches the handlers only through here, and `answer`
(bot.core.commands) turns an ArgumentError into its sentence:

- Text is cleaned first (`clean`): control characters (C0, C1), format characters (Unicode
  category Cf: the bidirectional controls U+061C, U+200E/F, U+202A-U+202E, U+2066-U+2069, the
  zero-width space, word joiner, byte order mark, soft hyphen, tag characters…) and lone
  surrogates are removed, and each run of whitespace becomes one space. A reply that echoes an
  argument echoes it cleaned, in the console and in Telegram alike, so no argument can reorder
  the reply around it or hide text in it. The two joiners (U+200C, U+200D) stay: emoji and
  several scripts need them.
- Numbers are ASCII digits only, at most ten, checked against their range before `int()`:
  '²'.isdigit() is True yet int('²') fails, int('٣') is 3, and an article number past the
  store's 32-bit keys fails in SQL (a 25-digit one already in SQLite).
- Names, topics, questions and schedules are bounded in characters, so a 100,000-character
  argument costs one cleaning pass and a length check, and gets one sentence.
- Times and zones are read by briefings.schedules.zones: HH:MM (or 7pm), then a city or the
  IANA zone of a place (Area/Location, such as Europe/Kyiv) or UTC.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import time

from briefings.errors import ArgumentError
from briefings.i18n import N_, _
from briefings.replies.counts import amount
from briefings.replies.load_briefs import CONFIRM_WORD
from briefings.replies.reply import Reply, text_reply
from briefings.schedules.zones import Schedule, parse_schedule

# Longest argument of each kind, in characters (after cleaning).
NAME_CHARS = 100
TOPIC_CHARS = 100
# A question may be as long as a Telegram message.
QUESTION_CHARS = 4096
SCHEDULE_CHARS = 64
# Telegram's longest command name; an unknown one is echoed at most this long.
COMMAND_CHARS = 32
# The store's keys (article numbers, pager ids) are 32-bit integers on PostgreSQL.
LAST_KEY = 2**31 - 1
LAST_PAGE = 10_000

# The refusals, translated when raised (so in the language of the answer being built).
ARTICLE_NUMBER = N_(
    "Article numbers are whole numbers such as 3, cited as [3] in answers; /sources lists them."
)
# LAST_PAGE written out (test_arguments checks that they agree).
PAGE_NUMBER = N_("Pages of /who are whole numbers from 1 to 10,000, such as /who 2.")
LONG_QUESTION = N_("A question is at most {n} characters; please ask a shorter one.")
LONG_SCHEDULE = N_("A time and a place take at most {n} characters.")
LONG_NAME = N_("A name is at most {n} characters; {listing}.")
LONG_TOPIC = N_("A topic is at most {n} characters, such as {command} killed.")

_JOINERS = frozenset("\u200c\u200d")
_HIDDEN_KINDS = frozenset({"Cc", "Cf", "Cs"})
_DIGITS = re.compile(r"\[?([0-9]{1,10})\]?")
_REMOVE = re.compile(rf"(\S+)(?:\s+({CONFIRM_WORD}))?", re.IGNORECASE)


@dataclass(frozen=True)
class Removal:
    """What /remove names: an article, and whether the removal is confirmed."""

    article_id: int
    confirmed: bool


def clean(text: str) -> str:
    """The text without hidden characters (see the module docstring), whitespace collapsed."""
    if not text.isprintable():
        text = "".join(char for char in text if not _hidden(char))
    return " ".join(text.split())


def _hidden(char: str) -> bool:
    """True for a character removed from arguments: a control or format character, a surrogate."""
    if char.isprintable() or char.isspace() or char in _JOINERS:
        return False
    return unicodedata.category(char) in _HIDDEN_KINDS


def refusal(error: ArgumentError) -> Reply:
    """The reply to an argument a command does not take: its one sentence, marked not done."""
    return replace(text_reply(str(error)), failed=True)


def article_number(text: str) -> int:
    """An article's number, as in '3' or '[3]', from 1 to LAST_KEY; ArgumentError otherwise."""
    number = whole_number(clean(text), LAST_KEY)
    if number is None:
        raise ArgumentError(_(ARTICLE_NUMBER))
    return number


def removal(text: str) -> Removal | None:
    """'/remove N' or '/remove N yes'; None for anything else (the usage answers), ArgumentError
    for a number that is no article number."""
    match = _REMOVE.fullmatch(clean(text))
    if match is None or not _numeral(match.group(1).strip("[]")):
        return None
    return Removal(article_number(match.group(1)), match.group(2) is not None)


def page_number(word: str) -> int | None:
    """A /who page from a word that is a number; None for a word that is none (a name)."""
    if not _numeral(word):
        return None
    number = whole_number(word, LAST_PAGE)
    if number is None:
        raise ArgumentError(_(PAGE_NUMBER))
    return number


def _numeral(word: str) -> bool:
    """True for a word written as a whole number, in any script, maybe signed: '2', '-1', '²', '٣'."""
    return word.lstrip("+-\u2212").isdigit()


def whole_number(text: str, last: int) -> int | None:
    """The number from 1 to `last` that text writes in ASCII digits (maybe in brackets), else None."""
    match = _DIGITS.fullmatch(text)
    if match is None:
        return None
    number = int(match.group(1))
    return number if 1 <= number <= last else None


def name(text: str, listing: str) -> str:
    """A name (an actor, party or speaker), cleaned; ArgumentError past NAME_CHARS. `listing`
    is a clause marked for the catalogs that says where to find names: "/who lists the actors"."""
    return _bounded(text, NAME_CHARS, LONG_NAME, listing=_(listing))


def topic(text: str, command: str) -> str:
    """A topic of /figures or /chart, cleaned; ArgumentError past TOPIC_CHARS."""
    return _bounded(text, TOPIC_CHARS, LONG_TOPIC, command=command)


def question(text: str) -> str:
    """A question in plain words, cleaned; ArgumentError past QUESTION_CHARS."""
    return _bounded(text, QUESTION_CHARS, LONG_QUESTION)


def schedule(text: str, default_at: time, default_zone: str) -> Schedule:
    """A /subscribe time and zone, the defaults filling what is left out; InputError otherwise
    (ArgumentError past SCHEDULE_CHARS), its sentence for the user."""
    return parse_schedule(_bounded(text, SCHEDULE_CHARS, LONG_SCHEDULE), default_at, default_zone)


def _bounded(text: str, most: int, sentence: str, **values: str) -> str:
    """The cleaned text when it is at most `most` characters; otherwise ArgumentError with the
    sentence (a catalog message, its {n} the bound, its other placeholders the values)."""
    cleaned = clean(text)
    if len(cleaned) > most:
        raise ArgumentError(_(sentence).format(n=amount(most), **values))
    return cleaned


def shown_command(text: str) -> str:
    """A command's name as a reply echoes it: cleaned, and cut with '…' past COMMAND_CHARS."""
    cleaned = clean(text)
    return cleaned if len(cleaned) <= COMMAND_CHARS else cleaned[: COMMAND_CHARS - 1] + "…"
