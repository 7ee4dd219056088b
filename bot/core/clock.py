"""The core's clock: the current instant, always in UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """The current instant, in UTC."""
    return datetime.now(UTC)
