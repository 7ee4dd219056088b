"""The bot's send budget: Telegram's limits kept for every send, by one process or many.

Telegram limits a bot, not a process: about 30 messages a second in all (up to 1,000 with
paid broadcasts) and about one a second in one chat (20 a minute in a group). Every send
waits its turn here first. Turns are kept by the generic cell rate algorithm (see
storage.send_slots): in memory for one process (`LocalSendBudget`), in PostgreSQL for
several workers on one store (`SharedSendBudget`), so three workers share one 30 a second.

Sends reach Telegram a little after their turn, by varying amounts, and a send delayed
more than a later one could make some second hold one send too many. So turns come at the
rate less a headroom (TELEGRAM_RATE_HEADROOM, 10%: 27 a second for 30): any second then
holds at most the rate even when a send arrives h / (1 - h) seconds (0.11 s) later than one
sent a second after it. A send that wakes more than half that after its turn takes a new
turn rather than crowd the next ones.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.settings import DEFAULT_HEADROOM
from storage.engine import on_postgres_engine
from storage.send_slots import hold_sends, reserve_send

# A send that wakes too late after its turn takes a new one, at most LATE_RETRIES times.
LATE_RETRIES = 3
# Keys kept by a local budget at most (the least recently used go first), and how long a
# key may sit idle in the shared store before it is deleted.
KEPT_KEYS = 10_000
IDLE_KEY_SECONDS = 3600.0
ALL_SENDS = "all"


@dataclass(frozen=True)
class Pace:
    """One key's limit: a send every `interval` seconds, `tolerance` seconds early at most."""

    interval: float
    tolerance: float = 0.0


# A private chat: a burst of three, then one a second; a group: twenty a minute.
PRIVATE_CHAT = Pace(interval=1.0, tolerance=2.0)
GROUP_CHAT = Pace(interval=3.0, tolerance=57.0)


def overall_pace(rate: float, headroom: float) -> Pace:
    """All the bot's sends: turns at `rate` less the headroom (a share of it), evenly spaced."""
    return Pace(interval=1.0 / (rate * (1.0 - headroom)))


def tolerated_delay(headroom: float) -> float:
    """Seconds a send may arrive later than one sent a second after it, within the rate."""
    return headroom / (1.0 - headroom)


def chat_pace(chat_id: int | str) -> tuple[str, Pace]:
    """A chat's key and pace: groups and channels (negative ids, @names) get the group limit."""
    group = isinstance(chat_id, str) and not chat_id.lstrip("-").isdigit()
    group = group or int(chat_id) < 0
    return f"chat:{chat_id}", GROUP_CHAT if group else PRIVATE_CHAT


class SendBudget(Protocol):
    """Where turns to send are kept: reserve one for a key, or hold a key back."""

    rate: float
    headroom: float

    async def reserve(self, key: str, pace: Pace) -> float:
        """Reserve the key's next turn; the seconds to wait for it."""
        ...

    async def hold(self, key: str, seconds: float) -> None:
        """Give the key no turn for `seconds` from now."""
        ...


async def wait_turn(budget: SendBudget, chat_id: int | str | None) -> None:
    """Wait until a message to the chat (None: no chat) may go, within every limit."""
    if chat_id is not None:
        key, pace = chat_pace(chat_id)
        await asyncio.sleep(await budget.reserve(key, pace))
    overall = overall_pace(budget.rate, budget.headroom)
    late_by = tolerated_delay(budget.headroom) / 2
    for _ in range(LATE_RETRIES):
        delay = await budget.reserve(ALL_SENDS, overall)
        if delay <= 0:
            return
        turn = time.monotonic() + delay
        await asyncio.sleep(delay)
        if time.monotonic() - turn <= late_by:
            return


async def hold_everything(budget: SendBudget, seconds: float) -> None:
    """Telegram asked for a pause (429): no send of the bot gets a turn for `seconds`."""
    await budget.hold(ALL_SENDS, seconds)


class LocalSendBudget:
    """The budget of one process, kept in memory (a single worker, or a SQLite store)."""

    def __init__(self, rate: float, headroom: float = DEFAULT_HEADROOM) -> None:
        self.rate = rate
        self.headroom = headroom
        self._next_at: OrderedDict[str, float] = OrderedDict()

    async def reserve(self, key: str, pace: Pace) -> float:
        """Reserve the key's next turn; the seconds to wait for it."""
        now = time.monotonic()
        start = max(self._next_at.pop(key, now), now)
        self._next_at[key] = start + pace.interval
        if len(self._next_at) > KEPT_KEYS:
            self._next_at.popitem(last=False)
        return max(0.0, start - pace.tolerance - now)

    async def hold(self, key: str, seconds: float) -> None:
        """Give the key no turn for `seconds` from now."""
        until = time.monotonic() + seconds
        self._next_at[key] = max(self._next_at.get(key, until), until)


class SharedSendBudget:
    """The budget of every worker on one PostgreSQL store, kept in its send_slots table."""

    def __init__(
        self, engine: AsyncEngine, rate: float, headroom: float = DEFAULT_HEADROOM
    ) -> None:
        self.rate = rate
        self.headroom = headroom
        # One statement each, so no transaction around them: no BEGIN and COMMIT round trips.
        self._engine = engine.execution_options(isolation_level="AUTOCOMMIT")

    async def reserve(self, key: str, pace: Pace) -> float:
        """Reserve the key's next turn in the store; the seconds to wait for it."""
        async with self._engine.connect() as connection:
            # Idle keys are deleted by the digest tick (bot.core.pruning), not on this path.
            return await reserve_send(
                connection, key=key, interval=pace.interval, tolerance=pace.tolerance
            )

    async def hold(self, key: str, seconds: float) -> None:
        """Give the key no turn for `seconds` from now, for every worker."""
        async with self._engine.connect() as connection:
            await hold_sends(connection, key=key, seconds=seconds)


def send_budget(engine: AsyncEngine, rate: float, headroom: float) -> SendBudget:
    """The budget for a store: shared through PostgreSQL, else this process's own."""
    if on_postgres_engine(engine):
        return SharedSendBudget(engine, rate, headroom)
    return LocalSendBudget(rate, headroom)
