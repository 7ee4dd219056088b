"""How the core hands a digest to a front end: the `DigestSender` protocol and a send's outcomes.

A sender delivers one digest to one chat and says how it went; a delivery failure is an
outcome, never an exception (an exception is a bug or a cancellation, and ends the tick):

- `Sent(message_id)`: delivered;
- `NotSent(Failure.BLOCKED, error)`: the user blocked the bot; the subscription stops;
- `NotSent(Failure.GONE, error)`: the chat does not exist any more; the subscription stops;
- `NotSent(Failure.REFUSED, error)`: refused for another reason; this day is given up, the
  subscription kept;
- `NotSent(Failure.RETRY_LATER, error)`: worth another try on a later tick.

`error` is the text the store records for the delivery (and for a stopped subscription),
worded by the sender.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bot.core.digest_composer import Digest


class Failure(StrEnum):
    """Why a digest was not delivered, as far as the fan-out must know."""

    BLOCKED = "blocked"
    GONE = "gone"
    REFUSED = "refused"
    RETRY_LATER = "retry later"

    @property
    def stops_subscription(self) -> bool:
        """Whether no later digest could reach the chat either."""
        return self in (Failure.BLOCKED, Failure.GONE)


@dataclass(frozen=True)
class Sent:
    """The digest was delivered as this message."""

    message_id: int


@dataclass(frozen=True)
class NotSent:
    """The digest was not delivered: why, and the error to record."""

    failure: Failure
    error: str


SendOutcome = Sent | NotSent


class DigestSender(Protocol):
    """Delivers digests to chats for the fan-out."""

    async def send(self, chat_id: int, digest: Digest) -> SendOutcome:
        """Send one digest to one chat; how it went (delivery failures are outcomes, not raised)."""
        ...
