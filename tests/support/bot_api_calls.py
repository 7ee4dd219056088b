"""Bot API calls as the test fakes see and answer them: call records, error answers, uploads.

`BotApiDouble` and `RecordingRequest` log every call as a `Call` (decoded params, when, how
it was answered) and answer refusals with a `Fault`, Telegram's status and wording; a
method raises `FaultError` to refuse. Tests pass faults to `inject`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

JSONDict = dict[str, Any]

DOWNLOAD = "downloadFile"  # the name file downloads get in call logs and in `inject`


@dataclass(frozen=True)
class Fault:
    """An error answer of the Bot API: HTTP status, Telegram's description, retry_after."""

    status: int
    description: str
    retry_after: int | None = None

    @classmethod
    def too_many_requests(cls, retry_after: int) -> Fault:
        """429 flood control; PTB raises `RetryAfter`."""
        return cls(429, f"Too Many Requests: retry after {retry_after}", retry_after)

    @classmethod
    def forbidden(cls) -> Fault:
        """403 for a user who blocked the bot; PTB raises `Forbidden`."""
        return cls(403, "Forbidden: bot was blocked by the user")

    @classmethod
    def server_error(cls) -> Fault:
        """500 from Telegram's side; PTB raises `NetworkError`."""
        return cls(500, "Internal Server Error")

    @classmethod
    def bad_request(cls, description: str) -> Fault:
        """400 with Telegram's wording; the "Bad Request: " prefix is added when missing."""
        prefix = "" if description.startswith("Bad Request: ") else "Bad Request: "
        return cls(400, prefix + description)

    @classmethod
    def unauthorized(cls) -> Fault:
        """401 for a token Telegram does not know; PTB raises `InvalidToken`."""
        return cls(401, "Unauthorized")

    @classmethod
    def conflict(cls, description: str) -> Fault:
        """409, e.g. getUpdates while a webhook is set; PTB raises `Conflict`."""
        return cls(409, f"Conflict: {description}")

    @classmethod
    def not_found(cls) -> Fault:
        """404 for a method Telegram does not have."""
        return cls(404, "Not Found")

    def to_json(self) -> JSONDict:
        """The response body Telegram sends with this error."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


class FaultError(Exception):
    """Raised inside a fake's method to answer the call with `fault`."""

    def __init__(self, fault: Fault) -> None:
        super().__init__(fault.description)
        self.fault = fault


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded in a multipart request."""

    file_name: str
    mime_type: str
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class Call:
    """One Bot API call as a fake saw it: decoded params, when, and how it was answered."""

    method: str
    params: JSONDict
    at: float
    fault: Fault | None = None  # the error answered, injected or Telegram's own; None when ok
    injected: bool = False
    result: Any = None

    @property
    def ok(self) -> bool:
        """Whether the call was answered with a result rather than an error."""
        return self.fault is None

    def summary(self) -> str:
        """One line for failure messages: method, outcome and the short params."""
        outcome = "ok" if self.fault is None else f"{self.fault.status} {self.fault.description}"
        shown = {k: (v if len(repr(v)) < 60 else "…") for k, v in self.params.items()}
        return f"{self.method} -> {outcome} {shown}"


def describe_calls(calls: list[Call]) -> str:
    """The call log as numbered lines, for assertion messages."""
    if not calls:
        return "  (no calls)"
    return "\n".join(f"  {i}. {call.summary()}" for i, call in enumerate(calls, 1))


def resolve_attachments(params: JSONDict) -> JSONDict:
    """Params with "attach://<part>" values replaced by that uploaded part, as Telegram reads them."""
    return {
        key: params.get(value.removeprefix("attach://"), value)
        if isinstance(value, str) and value.startswith("attach://")
        else value
        for key, value in params.items()
    }


def commands_key(params: JSONDict) -> str:
    """The key setMyCommands stores under: scope (default if absent) and language code."""
    scope = params.get("scope") or {"type": "default"}
    return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)
