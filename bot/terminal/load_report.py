"""What `briefbot load` prints: a line per file as its outcome is known, under a progress bar on a terminal."""

from __future__ import annotations

import sys
from collections import Counter
from typing import TYPE_CHECKING, TextIO

import typer

from briefings.i18n import _
from briefings.replies.counts import amount, counted

if TYPE_CHECKING:
    from tqdm import tqdm

    from bot.core.loading import LoadOutcome


def describe(outcome: LoadOutcome) -> str:
    """One file's outcome in one line: its article and counts, its earlier copy, or its reason."""
    if outcome.saved is not None:
        s = outcome.saved
        return _(
            "{source}: loaded as article {id} “{title}”: {actors} ({new} new), {figures}, {demands}"
        ).format(
            source=outcome.source,
            id=s.article_id,
            title=s.title,
            actors=counted(s.n_actors, "{n} actor", "{n} actors"),
            new=amount(s.n_actors_new),
            figures=counted(s.n_figures, "{n} figure", "{n} figures"),
            demands=counted(s.n_demands, "{n} demand", "{n} demands"),
        )
    if outcome.duplicate_of is not None:
        return _("{source}: already loaded as article {id}; nothing changed").format(
            source=outcome.source, id=outcome.duplicate_of
        )
    # i18n: {reason} is one sentence saying why, such as "The file is empty."
    return _("{source}: not loaded: {reason}").format(source=outcome.source, reason=outcome.error)


def summarise(outcomes: list[LoadOutcome]) -> str:
    """The tally of a load of several files: how many were loaded, already there, refused."""
    kinds = Counter(
        "loaded" if o.saved else "known" if o.duplicate_of else "refused" for o in outcomes
    )
    # i18n: {files} is a number of files ("3 files"); the others are numbers alone.
    return _("{files}: {loaded} loaded, {known} already loaded, {refused} not loaded").format(
        files=counted(len(outcomes), "{n} file", "{n} files"),
        loaded=amount(kinds["loaded"]),
        known=amount(kinds["known"]),
        refused=amount(kinds["refused"]),
    )


class LoadReport:
    """Prints each outcome as it comes; a progress bar on standard error when that is a terminal."""

    def __init__(self, total: int, bar_stream: TextIO | None = None) -> None:
        stream = bar_stream or sys.stderr
        self.bar: tqdm[None] | None = None
        if stream.isatty():
            # Imported here: only a load on a terminal draws a bar.
            from tqdm import tqdm

            self.bar = tqdm(total=total, file=stream, unit="file", desc=_("loading"), leave=False)

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
