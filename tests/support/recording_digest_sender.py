"""A `DigestSender` for fan-out tests: records every send and answers with scripted outcomes.

    sender = RecordingDigestSender()
    sender.script(400, NotSent(Failure.BLOCKED, "blocked: test"))  # chat 400's next send
    await send_due_digests(runtime, sender, now=due)
    assert sender.chats() == [400]

A chat with nothing scripted is sent to, with message ids increasing per chat. A scripted
`CRASH` raises CancelledError from the send, as if the process died with it in flight.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict, deque
from dataclasses import dataclass

from bot.core.digest_composer import Digest
from bot.core.digest_sender import SendOutcome, Sent
from briefings.i18n import current_language


class Crash:
    """Scripted in place of an outcome: the send raises CancelledError, the process dying."""


CRASH = Crash()


@dataclass(frozen=True)
class SentTo:
    """One send as the recorder saw it: to which chat, which digest, how it was answered, and
    the interface language the send ran in."""

    chat_id: int
    digest: Digest
    outcome: SendOutcome | None  # None: the send crashed
    language: str = "en"

    @property
    def text(self) -> str:
        """The digest's text as the console shows it."""
        return self.digest.reply.plain


class RecordingDigestSender:
    """Records the digests sent to each chat; answers with the outcomes scripted for it."""

    def __init__(self) -> None:
        self.sends: list[SentTo] = []
        self._scripts: dict[int, deque[SendOutcome | Crash]] = defaultdict(deque)
        self._last_message_id: dict[int, int] = defaultdict(int)

    def script(self, chat_id: int, *outcomes: SendOutcome | Crash) -> None:
        """Answer a chat's next sends with these outcomes (or CRASH), in order."""
        self._scripts[chat_id].extend(outcomes)

    def to(self, chat_id: int) -> list[SentTo]:
        """The sends to one chat, oldest first."""
        return [sent for sent in self.sends if sent.chat_id == chat_id]

    def delivered(self, chat_id: int) -> list[str]:
        """The text of each digest a chat received, oldest first."""
        return [sent.text for sent in self.to(chat_id) if isinstance(sent.outcome, Sent)]

    async def send(self, chat_id: int, digest: Digest) -> SendOutcome:
        """Record the send; the chat's next scripted outcome, else sent."""
        scripted = self._scripts[chat_id].popleft() if self._scripts[chat_id] else None
        if isinstance(scripted, Crash):
            self.sends.append(SentTo(chat_id, digest, None, current_language()))
            raise asyncio.CancelledError
        outcome = scripted or self._sent(chat_id)
        self.sends.append(SentTo(chat_id, digest, outcome, current_language()))
        return outcome

    def _sent(self, chat_id: int) -> Sent:
        self._last_message_id[chat_id] += 1
        return Sent(self._last_message_id[chat_id])
