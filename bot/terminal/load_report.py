"""What `briefbot load` prints: a line per file as its outcome is known, under a progress bar on a terminal."""

from __future__ import annotations

import sys
from collections import Counter
from typing import TYPE_CHECKING, TextIO

import typer

from briefings.replies.counts import counted

if TYPE_CHECKING:
    from tqdm import tqdm

    from bot.core.loading import LoadOutcome


def describe(outcome: LoadOutcome) -> str:
    """One file's outcome in one line: its article and counts, its earlier copy, or its reason."""
    if outcome.saved is not None:
        s = outcome.saved
        actors = f"{counted(s.n_actors, 'actor')} ({s.n_actors_new} new)"
        facts = f"{counted(s.n_figures, 'figure')}, {counted(s.n_demands, 'demand')}"
        return f"{outcome.source}: loaded as article {s.article_id} “{s.title}”: {actors}, {facts}"
    if outcome.duplicate_of is not None:
        return (
            f"{outcome.source}: already loaded as article {outcome.duplicate_of}; nothing changed"
        )
    return f"{outcome.source}: not loaded: {outcome.error}"


def summarise(outcomes: list[LoadOutcome]) -> str:
    """The tally of a load of several files: how many were loaded, already there, refused."""
    kinds = Counter(
        "loaded" if o.saved else "already loaded" if o.duplicate_of else "not loaded"
        for o in outcomes
    )
    parts = ", ".join(
        f"{kinds[kind]} {kind}" for kind in ("loaded", "already loaded", "not loaded")
    )
    return f"{counted(len(outcomes), 'file')}: {parts}"


class LoadReport:
    """Prints each outcome as it comes; a progress bar on standard error when that is a terminal."""

    def __init__(self, total: int, bar_stream: TextIO | None = None) -> None:
        stream = bar_stream or sys.stderr
        self.bar: tqdm[None] | None = None
        if stream.isatty():
            # Imported here: only a load on a terminal draws a bar.
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=stream, unit="file", desc="loading", leave=False)

    def show(self, outcome: LoadOutcome) -> None:
        """Print one file's line (failures on standard error) and move the bar on."""
        line = describe(outcome)
        if self.bar is None:
            typer.echo(line, err=outcome.failed)
            return
        # tqdm.write clears the bar, prints the line above it, and draws the bar again.
        self.bar.write(line, file=sys.stderr if outcome.failed else sys.stdout)
        self.bar.update(1)

    def close(self) -> None:
        """Take the bar off the terminal."""
        if self.bar is not None:
            self.bar.close()
