"""The digest tick's last step: delete the records about users whose time is up.

Delivery records, inactive subscriptions and pagers go as storage.retention says, at most
PRUNED_PER_TICK of each at a time; on PostgreSQL, so do the pacing keys of chats idle for
longer than IDLE_KEY_SECONDS (bot.core.send_budget). Retentions are days or an hour, so a
process prunes at most once every PRUNE_EVERY, not on every tick: a write transaction a minute
would take the store's write lock for nothing.
"""

from __future__ import annotations

import time
from datetime import datetime

from bot.core.runtime import Runtime
from bot.core.send_budget import IDLE_KEY_SECONDS
from storage import prune_expired
from storage.engine import on_postgres, write_first
from storage.send_slots import forget_idle_keys

# A tick a minute deletes up to this many of each kind: far more than a day adds, so a
# backlog (a store from before these rules) is gone within days, in short transactions.
PRUNED_PER_TICK = 500
# How often a process prunes: a sixth of the shortest retention (the pacing keys' hour).
PRUNE_EVERY = IDLE_KEY_SECONDS / 6


async def prune_expired_records(runtime: Runtime, *, now: datetime) -> int:
    """Delete the expired records (module docstring), in one short transaction, when this
    process has not for PRUNE_EVERY; how many."""
    started = time.monotonic()
    if runtime.pruned_at is not None and started - runtime.pruned_at < PRUNE_EVERY:
        return 0
    runtime.pruned_at = started
    async with runtime.write_lock, runtime.sessions.begin() as session:
        await write_first(session)
        pruned = await prune_expired(session, now=now, limit=PRUNED_PER_TICK)
        idle = 0
        if on_postgres(session):
            connection = await session.connection()
            idle = await forget_idle_keys(connection, idle_seconds=IDLE_KEY_SECONDS)
    return pruned.total + idle
