"""Tests for bot.logs: one JSON object a line with LOG_FORMAT=json, and the settings that ask for it."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.logs import JsonFormatter, configure_logging, log_formatter
from bot.settings import Settings, SettingsError, load_settings

REPO = Path(__file__).resolve().parents[2]


def logged(formatter: logging.Formatter, emit: str = "error", **kwargs: object) -> str:
    """What a logger writes through formatter when it logs one message."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    logger = logging.getLogger("tests.logs")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        getattr(logger, emit)("digest %s failed", 42, **kwargs)
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    return stream.getvalue()


def test_a_record_with_an_exception_is_one_parseable_line() -> None:
    try:
        raise ValueError("bad value\nsecond line")
    except ValueError:
        written = logged(JsonFormatter(), emit="exception")
    lines = written.splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "tests.logs"
    assert entry["message"] == "digest 42 failed"
    assert entry["exception"].startswith("Traceback (most recent call last):")
    assert entry["exception"].endswith("ValueError: bad value\nsecond line")
    moment = datetime.fromisoformat(entry["time"])
    assert moment.utcoffset() is not None and moment.utcoffset().total_seconds() == 0
    assert abs((datetime.now(UTC) - moment).total_seconds()) < 60


def test_a_record_without_an_exception_has_no_exception_key() -> None:
    entry = json.loads(logged(JsonFormatter(), emit="warning"))
    assert set(entry) == {"time", "level", "logger", "message"}
    assert entry["level"] == "WARNING"


def test_extra_fields_are_kept_and_what_json_cannot_hold_is_its_repr() -> None:
    extra = {"chat_id": 7, "tags": ["a", "b"], "path": Path("/x"), "ratio": float("nan")}
    entry = json.loads(logged(JsonFormatter(), extra=extra))
    assert entry["chat_id"] == 7
    assert entry["tags"] == ["a", "b"]
    assert entry["path"] == repr(Path("/x"))
    assert entry["ratio"] == "nan"  # NaN is no JSON: its repr keeps the line strict JSON


def test_an_extra_field_cannot_replace_the_message() -> None:
    entry = json.loads(logged(JsonFormatter(), extra={"level": "fake", "logger": "fake"}))
    assert entry["level"] == "ERROR" and entry["logger"] == "tests.logs"


def test_text_is_the_default_format(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("LOG_FORMAT", raising=False)
    monkeypatch.delenv("LOG_LEVEL", raising=False)
    settings = Settings()
    assert (settings.log_format, settings.log_level) == ("text", "INFO")
    assert " ERROR tests.logs: digest 42 failed\n" in logged(log_formatter(settings))


def test_json_is_chosen_in_any_case(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOG_FORMAT", " JSON ")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = Settings()
    assert (settings.log_format, settings.log_level) == ("json", "DEBUG")
    assert json.loads(logged(log_formatter(settings)))["message"] == "digest 42 failed"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("LOG_FORMAT", "xml", "LOG_FORMAT: Input should be 'text' or 'json'"),
        ("LOG_LEVEL", "loud", "LOG_LEVEL: Input should be 'DEBUG', 'INFO', 'WARNING' or 'ERROR'"),
    ],
)
def test_other_values_are_refused_with_the_ones_allowed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, variable: str, value: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).splitlines()[1:] == [f"  {expected}"]


@pytest.fixture
def root_logger() -> Iterator[logging.Logger]:
    """The root logger, its handlers and level put back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    root.handlers = []
    yield root
    root.handlers, root.level = handlers, level


def test_configure_logging_uses_the_format_and_level(
    root_logger: logging.Logger, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOG_FORMAT", "json")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    configure_logging(Settings())
    assert root_logger.level == logging.WARNING
    [ours] = [h for h in root_logger.handlers if isinstance(h.formatter, JsonFormatter)]
    assert isinstance(ours, logging.StreamHandler)
