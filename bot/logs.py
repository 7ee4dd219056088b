"""How the process's log is written: text lines, or one JSON object a line (LOG_FORMAT=json).

A JSON line holds `time` (ISO 8601, UTC), `level`, `logger`, `message`, `exception` (the
traceback) when there is one, `stack` when asked for, and the record's `extra` fields: as
they are when JSON can hold them, else as their repr. Newlines inside values are escaped,
so a traceback never breaks a line, and a collector reads the log line by line.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from bot.settings import Settings

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# What every LogRecord carries; any other attribute came from `extra`.
_RECORD_FIELDS = frozenset(vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


class JsonFormatter(logging.Formatter):
    """Formats each record as one JSON object on one line."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON object: time, level, logger, message, exception, extras."""
        entry: dict[str, Any] = {
            "time": _utc_iso(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and key not in entry:
                entry[key] = value if _serialisable(value) else repr(value)
        return json.dumps(entry, ensure_ascii=False, allow_nan=False)


def log_formatter(settings: Settings) -> logging.Formatter:
    """The formatter LOG_FORMAT asks for."""
    return JsonFormatter() if settings.log_format == "json" else logging.Formatter(TEXT_FORMAT)


def configure_logging(settings: Settings) -> None:
    """Send the whole log, from LOG_LEVEL up, to standard error in LOG_FORMAT (`briefbot run`)."""
    handler = logging.StreamHandler()
    handler.setFormatter(log_formatter(settings))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(settings.log_level)


def _utc_iso(created: float) -> str:
    """A record's time in ISO 8601, UTC, to the millisecond: 2026-12-03T15:41:38.123Z."""
    moment = datetime.fromtimestamp(created, UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _serialisable(value: object) -> bool:
    """True when JSON holds the value as it is."""
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True
