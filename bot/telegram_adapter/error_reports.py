"""Which failures the admins are told of: each error once per place and window, a few a minute.

A failure belongs to a group: its exception type and the place it was raised, the innermost
frame of its traceback in this project's code (bot/, briefings/, storage/) as file:line, else
the innermost frame at all. The first failure of a group is reported; the same group again
within REPEAT_WINDOW of that report is only counted, and the group's next report, once the
window has passed, says how many times it happened meanwhile. Over all groups, at most
REPORTS_PER_MINUTE reports go out in any minute: a failure held back by that limit is counted
in its group like a repeat, so the group's next report carries it. So no user, however many
failures they cause, can make the bot write to the admins more than a few times a minute,
and fifty users meeting one bug make one report. Every user still gets the apology.

The state lives in the application's `bot_data` (one ErrorReports per Application), read and
changed without awaiting in between, so concurrent handlers' errors are counted exactly.
"""

from __future__ import annotations

import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from bot.core.clock import utc_now

REPEAT_WINDOW = timedelta(minutes=10)
REPORTS_PER_MINUTE = 5
_MINUTE = timedelta(minutes=1)
# This file is bot/telegram_adapter/error_reports.py: the project's root is three folders up.
_PROJECT = Path(__file__).resolve().parents[2]
_OURS = tuple(_PROJECT / package for package in ("bot", "briefings", "storage"))

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class ErrorKey:
    """What makes two failures the same: the exception's type and where it was raised."""

    kind: str
    place: str


@dataclass(frozen=True)
class Report:
    """A failure to report, with how often its group happened unreported since `since`."""

    key: ErrorKey
    repeats: int = 0
    since: datetime | None = None


@dataclass
class _Group:
    """One group's state: when it was last reported, and what happened unreported since."""

    reported_at: datetime | None = None
    unreported: int = 0
    first_unreported: datetime | None = None


class ErrorReports:
    """Decides, failure by failure, whether the admins are told now (see the module docstring)."""

    def __init__(self, clock: Clock = utc_now) -> None:
        self.clock = clock
        self._groups: dict[ErrorKey, _Group] = {}
        self._sent: deque[datetime] = deque()

    def admit(self, error: BaseException | None) -> Report | None:
        """The report to send for this failure now, or None when it is only counted."""
        key = error_key(error)
        now = self.clock()
        group = self._groups.setdefault(key, _Group())
        if self._repeated(group, now) or not self._room(now):
            group.unreported += 1
            group.first_unreported = group.first_unreported or now
            return None
        report = Report(key, group.unreported, group.reported_at or group.first_unreported)
        self._groups[key] = _Group(reported_at=now)
        self._sent.append(now)
        return report

    @staticmethod
    def _repeated(group: _Group, now: datetime) -> bool:
        """True when the group was reported within the repeat window."""
        return group.reported_at is not None and now - group.reported_at < REPEAT_WINDOW

    def _room(self, now: datetime) -> bool:
        """True when fewer than REPORTS_PER_MINUTE reports went out in the last minute."""
        while self._sent and now - self._sent[0] >= _MINUTE:
            self._sent.popleft()
        return len(self._sent) < REPORTS_PER_MINUTE


def error_key(error: BaseException | None) -> ErrorKey:
    """The group of a failure: its type's name and the place it was raised (module docstring)."""
    if error is None:
        return ErrorKey("no exception", "unknown place")
    return ErrorKey(type(error).__qualname__, _place(error))


def _place(error: BaseException) -> str:
    """file:line of the innermost frame in our code (else the innermost frame), the project's
    files named from its root."""
    frames = traceback.extract_tb(error.__traceback__)
    if not frames:
        return "unknown place"
    ours = [frame for frame in frames if _is_ours(Path(frame.filename))]
    frame = (ours or frames)[-1]
    path = Path(frame.filename).resolve()
    # A library's file by its package and name: the project's .venv is inside the project.
    shown = path.relative_to(_PROJECT).as_posix() if ours else "/".join(path.parts[-2:])
    return f"{shown}:{frame.lineno}"


def _is_ours(path: Path) -> bool:
    """True for a file of this project's packages (not of a library, even one in .venv)."""
    resolved = path.resolve()
    return any(resolved.is_relative_to(root) for root in _OURS)
