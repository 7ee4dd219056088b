"""The shared send budget's store: one row per key, the instant its next send may go (GCRA).

The generic cell rate algorithm keeps one instant per key, its theoretical arrival time
(TAT). Reserving a send moves it on by the key's interval from whichever is later, itself or
now; the send may go `tolerance` seconds before the TAT it found, never earlier than now. A
tolerance of 0 spaces every send by the interval; one of 2 s at 1 s intervals allows a burst
of three, then one a second. Each reservation is one statement, an upsert that also answers
how long to wait, timed by the database's clock so that the workers' clocks never matter.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

_RESERVE = text(
    """
    INSERT INTO send_slots AS slot (key, next_at)
    VALUES (:key, clock_timestamp() + make_interval(secs => :interval))
    ON CONFLICT (key) DO UPDATE
    SET next_at = greatest(slot.next_at, clock_timestamp()) + make_interval(secs => :interval)
    RETURNING greatest(
        0.0,
        extract(epoch FROM slot.next_at - clock_timestamp())::float8 - :interval - :tolerance
    )
    """
)
_HOLD = text(
    """
    INSERT INTO send_slots AS slot (key, next_at)
    VALUES (:key, clock_timestamp() + make_interval(secs => :seconds))
    ON CONFLICT (key) DO UPDATE
    SET next_at = greatest(slot.next_at, clock_timestamp() + make_interval(secs => :seconds))
    """
)
_FORGET = text(
    "DELETE FROM send_slots WHERE next_at < clock_timestamp() - make_interval(secs => :age)"
)


async def reserve_send(
    connection: AsyncConnection, *, key: str, interval: float, tolerance: float
) -> float:
    """Reserve the key's next send; the seconds to wait before sending (0: send now)."""
    result = await connection.execute(
        _RESERVE, {"key": key, "interval": interval, "tolerance": tolerance}
    )
    return float(result.scalar_one())


async def hold_sends(connection: AsyncConnection, *, key: str, seconds: float) -> None:
    """Let the key send nothing for `seconds` from now (Telegram's 429 retry_after)."""
    await connection.execute(_HOLD, {"key": key, "seconds": seconds})


async def forget_idle_keys(connection: AsyncConnection, *, idle_seconds: float) -> int:
    """Delete the rows of keys idle for longer than `idle_seconds`; how many went."""
    result = await connection.execute(_FORGET, {"age": idle_seconds})
    return int(getattr(result, "rowcount", 0) or 0)
