"""Admins are told of a failure once, not once per user: grouped by type and place, rate-limited.

The grouping is tested on ErrorReports with a clock the test moves, then through the real
Application: updates fed to `process_update` with Bot API calls recorded, and users writing
to the polling bot through the Bot API double.
"""

from __future__ import annotations

import asyncio
import errno
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from app_builders import ADMIN_ID, TOKEN
from telegram import Bot, Update

import bot.core.commands as core
from bot.core import arguments, charts
from bot.telegram_adapter.application import BriefApplication
from bot.telegram_adapter.error_handler import SORRY, STORE_DOWN, user_notice
from bot.telegram_adapter.error_reports import (
    REPEAT_WINDOW,
    REPORTS_PER_MINUTE,
    ErrorKey,
    ErrorReports,
    Report,
    error_key,
)
from briefings.i18n import UKRAINIAN, _, use_language
from tests.support.bot_api_double import BotApiDouble
from tests.support.bot_api_objects import make_command_update
from tests.support.recording_request import RecordingRequest

START = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


class Clock:
    """A clock that stands still until the test moves it."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def move(self, by: timedelta) -> None:
        """Let `by` pass."""
        self.now += by


def raised(error: BaseException) -> BaseException:
    """The error with a traceback, raised here (in the test, not in the project's code)."""
    try:
        raise error
    except BaseException as caught:
        return caught


# -- the groups, on ErrorReports itself --------------------------------------------------


def test_the_same_error_in_the_same_place_is_reported_once_then_counted() -> None:
    clock = Clock()
    reports = ErrorReports(clock)
    error = raised(ZeroDivisionError("boom"))

    first = reports.admit(error)
    assert first == Report(error_key(error))
    for _second in range(49):
        clock.move(timedelta(seconds=1))
        assert reports.admit(error) is None

    clock.move(REPEAT_WINDOW)
    assert reports.admit(error) == Report(error_key(error), repeats=49, since=START)
    assert reports.admit(error) is None


def test_different_errors_and_places_are_reported_each() -> None:
    reports = ErrorReports(Clock())
    errors = [raised(ZeroDivisionError("a")), raised(KeyError("b"))]
    try:
        arguments.article_number("²")
    except Exception as error:
        errors.append(error)
    assert [reports.admit(error) is not None for error in errors] == [True, True, True]
    assert len({error_key(error) for error in errors}) == 3


def test_reports_are_rate_limited_over_all_errors_and_the_held_back_counted() -> None:
    clock = Clock()
    reports = ErrorReports(clock)
    kinds = [type(f"Failure{n}", (Exception,), {}) for n in range(REPORTS_PER_MINUTE + 3)]
    errors = [raised(kind()) for kind in kinds]

    admitted = [reports.admit(error) for error in errors]
    assert sum(report is not None for report in admitted) == REPORTS_PER_MINUTE

    clock.move(timedelta(minutes=1))
    late = reports.admit(errors[-1])
    assert late == Report(error_key(errors[-1]), repeats=1, since=START)


def test_the_place_is_the_innermost_frame_of_the_projects_code() -> None:
    try:
        arguments.article_number("x")
    except Exception as error:
        key = error_key(error)
    assert key.kind == "ArgumentError"
    assert key.place.startswith("bot/core/arguments.py:")
    # Raised in a library called from no project code: the library's own frame.
    try:
        json.loads("{")
    except ValueError as error:
        assert error_key(error).place.startswith("json/decoder.py:")
    assert error_key(None) == ErrorKey("no exception", "unknown place")


# -- through the Application, updates fed to process_update ------------------------------


def sent_to(recorder: RecordingRequest, chat_id: int) -> list[dict[str, Any]]:
    """The parameters of every sendMessage to a chat."""
    return [c.params for c in recorder.calls("sendMessage") if c.params["chat_id"] == chat_id]


async def crash(*_: object) -> None:
    """A handler with a bug."""
    raise ZeroDivisionError("boom")


async def test_fifty_users_meeting_one_bug_make_one_report_then_a_count(
    app: BriefApplication, recorder: RecordingRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    app.bot_data.error_reports = ErrorReports(clock)
    monkeypatch.setitem(core.COMMANDS, "who", crash)
    users = range(1000, 1050)

    for user in users:
        clock.move(timedelta(seconds=2))
        await app.process_update(make_command_update("/who", bot=app.bot, chat_id=user))

    assert all([m["text"] for m in sent_to(recorder, user)] == [SORRY] for user in users)
    [report] = sent_to(recorder, ADMIN_ID)
    assert "ZeroDivisionError at bot/core/commands.py:" in report["text"]
    assert "more time" not in report["text"]

    clock.move(REPEAT_WINDOW)
    await app.process_update(make_command_update("/who", bot=app.bot, chat_id=2000))
    later = sent_to(recorder, ADMIN_ID)[1]["text"]
    assert "…and happened 49 more times since 01 Mar 12:00 UTC." in later


async def test_the_same_error_in_another_place_is_another_report(
    app: BriefApplication, recorder: RecordingRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(core.COMMANDS, "who", crash)
    monkeypatch.setitem(charts.CHART_HANDLERS, "chart", crash)
    for line in ["/who", "/chart", "/who", "/chart"]:
        await app.process_update(make_command_update(line, bot=app.bot, chat_id=3000))

    reports = [m["text"] for m in sent_to(recorder, ADMIN_ID)]
    assert len(reports) == 2
    assert (
        reports[0].split("</b>: ")[1].split("\n")[0] != reports[1].split("</b>: ")[1].split("\n")[0]
    )
    assert [m["text"] for m in sent_to(recorder, 3000)] == [SORRY] * 4


def speaking(language_code: str, update: Update) -> Update:
    """The update as sent from a Telegram app set to another language."""
    data = update.to_dict()
    data["message"]["from"]["language_code"] = language_code
    return Update.de_json(data, update.get_bot())


async def test_the_apology_is_in_the_users_language_and_the_report_in_english(
    app: BriefApplication, recorder: RecordingRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(core.COMMANDS, "who", crash)
    for chat, code in [(7000, "uk"), (7001, "en")]:
        update = make_command_update("/who", bot=app.bot, chat_id=chat)
        await app.process_update(speaking(code, update))

    with use_language(UKRAINIAN):
        apology = _(SORRY)
    assert apology != SORRY
    assert [m["text"] for m in sent_to(recorder, 7000)] == [apology]
    assert [m["text"] for m in sent_to(recorder, 7001)] == [SORRY]
    [report] = sent_to(recorder, ADMIN_ID)
    assert report["text"].startswith("<b>ceasefire-brief error</b>: ZeroDivisionError at ")


def test_a_store_that_is_down_is_told_in_the_users_language() -> None:
    update = make_command_update("/who", bot=Bot(TOKEN))
    down = ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused")

    with use_language(UKRAINIAN):
        expected = _(STORE_DOWN)
    assert user_notice(speaking("uk-UA", update), down) == expected != STORE_DOWN
    assert user_notice(speaking("de", update), down) == STORE_DOWN
    assert user_notice(speaking("uk", update), ZeroDivisionError()) != SORRY


# -- through the polling bot and the Bot API double ---------------------------------------


async def test_many_users_one_bug_through_telegram_one_report_each_user_an_apology(
    double: BotApiDouble, polling_bot: BriefApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def other_crash(*_: object) -> None:
        raise KeyError("missing")

    monkeypatch.setitem(core.COMMANDS, "who", crash)
    monkeypatch.setitem(core.COMMANDS, "timeline", other_crash)
    users = range(5000, 5050)
    for user in users:
        double.push_command("/who", chat_id=user)
    double.push_command("/timeline", chat_id=6000)

    await double.wait_for(
        "sendMessage", lambda c: c.params.get("chat_id") != ADMIN_ID, count=51, timeout=20
    )
    # Reports follow the apologies; give a stray third one the time to arrive.
    await double.wait_for(
        "sendMessage", lambda c: c.params.get("chat_id") == ADMIN_ID, count=2, timeout=5
    )
    await asyncio.sleep(0.3)

    reports = [str(m["text"]) for m in double.sent_messages(ADMIN_ID)]
    assert len(reports) == 2
    assert any("ZeroDivisionError" in text for text in reports)
    assert any("KeyError" in text for text in reports)
    assert all([m["text"] for m in double.sent_messages(user)] == [SORRY] for user in users)
    assert [m["text"] for m in double.sent_messages(6000)] == [SORRY]
