"""Replies as plain data: lines of styled text that each front end renders its own way.

Telegram renders them as HTML, the terminal as plain text; both show the same words, so
the text a test reads in the console is the text a user reads in Telegram.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Style(StrEnum):
    """How a run of text is emphasised."""

    PLAIN = "plain"
    BOLD = "bold"
    ITALIC = "italic"


@dataclass(frozen=True)
class Segment:
    """A run of text in one style."""

    text: str
    style: Style = Style.PLAIN


@dataclass(frozen=True)
class Line:
    """One line of a reply; an empty line separates blocks."""

    segments: tuple[Segment, ...] = ()

    @property
    def plain(self) -> str:
        """The line's text without styling."""
        return "".join(segment.text for segment in self.segments)


@dataclass(frozen=True)
class Photo:
    """A picture sent with a reply (a PNG), and the file name a terminal saves it under."""

    png: bytes = field(repr=False)
    name: str


@dataclass(frozen=True)
class Share:
    """What a reply about one subject shares: the deep-link payload that opens it again
    (briefings.replies.share_links) and its title, such as the actor's name."""

    payload: str
    title: str


@dataclass(frozen=True)
class Reply:
    """A whole answer: its lines, commands offered as buttons beneath it, and maybe a picture.

    An action is a command ("/figures"), or, not starting with "/", a button's own data that
    a handler of its own takes (/forget's "forget:42", see privacy_briefs).
    With a photo, the lines are its caption (at most 1,024 characters, Telegram's limit).
    `failed` marks a reply saying a request was not done (a load refused), for front ends
    that say so otherwise too, such as an exit code. `share` is set on a reply about one
    card or figure group, which front ends may offer to share.
    """

    lines: tuple[Line, ...]
    actions: tuple[str, ...] = field(default=())
    photo: Photo | None = None
    failed: bool = False
    share: Share | None = None

    @property
    def plain(self) -> str:
        """The reply as plain text, one line per line."""
        return "\n".join(line.plain for line in self.lines)


def bold(text: str) -> Segment:
    """A bold segment."""
    return Segment(text, Style.BOLD)


def italic(text: str) -> Segment:
    """An italic segment."""
    return Segment(text, Style.ITALIC)


def line(*parts: Segment | str) -> Line:
    """A line from segments and plain strings; empty strings are dropped."""
    return Line(tuple(p if isinstance(p, Segment) else Segment(p) for p in parts if p != ""))


def blank() -> Line:
    """An empty line."""
    return Line()


def reply(lines: list[Line], actions: tuple[str, ...] = ()) -> Reply:
    """A reply from its lines, without trailing blank lines."""
    while lines and not lines[-1].segments:
        lines = lines[:-1]
    return Reply(tuple(lines), actions)


def text_reply(text: str, actions: tuple[str, ...] = ()) -> Reply:
    """A reply of plain text, one line per line of the text."""
    return reply([line(row) for row in text.split("\n")], actions)
