"""The faults both Bot API fakes are tested with, each with the PTB error it must raise."""

from __future__ import annotations

from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

from tests.support.bot_api_calls import Fault

FAULT_CASES: list[tuple[Fault, type[TelegramError]]] = [
    (Fault.forbidden(), Forbidden),
    (Fault.server_error(), NetworkError),
    (Fault.bad_request("chat not found"), BadRequest),
]
