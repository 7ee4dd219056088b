"""Citations: the [n] after every fact, pointing to article n in /sources."""

from __future__ import annotations

from collections.abc import Iterable

MAX_CITES = 4


def cite(article_ids: Iterable[int], limit: int = MAX_CITES, total: int | None = None) -> str:
    """Citations such as [1][2]: the first few in order, then how many more (of total, if given)."""
    ids = sorted(set(article_ids))
    hidden = (len(ids) if total is None else max(total, len(ids))) - min(len(ids), limit)
    return "".join(f"[{n}]" for n in ids[:limit]) + (f"+{hidden}" if hidden > 0 else "")
