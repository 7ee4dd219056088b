"""The `briefbot` command line: load, export, ask and run (the offline console without a token)."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from bot.core.callers import CONSOLE
from bot.core.charts import chart_reply
from bot.core.commands import answer
from bot.core.runtime import Runtime, open_runtime
from bot.core.seeding import ensure_seeded
from bot.settings import Settings, SettingsError, load_settings
from bot.terminal.photos import save_photo
from briefings.replies.reply import Reply
from storage import export_store

if TYPE_CHECKING:
    from bot.core.loading import LoadOutcome

app = typer.Typer(
    help="ceasefire-brief: a sourced briefing bot on the Ukraine ceasefire story.",
    no_args_is_help=True,
)
T = TypeVar("T")


def _settings_or_exit() -> Settings:
    """The settings, or exit 2 with one line per bad field."""
    try:
        return load_settings()
    except SettingsError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from None


def _run(work: Callable[[Runtime], Awaitable[T]]) -> T:
    settings = _settings_or_exit()

    async def main() -> T:
        runtime = await open_runtime(settings)
        try:
            return await work(runtime)
        finally:
            await runtime.close()

    return asyncio.run(main())


@app.command()
def load(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Article files (.txt, .md, .html), or folders of them (not their subfolders)"
        ),
    ],
) -> None:
    """Load article files into the store and print a line for each as it is done."""

    # Imported here, not at start: the other commands never need spaCy or the fetcher.
    from bot.core.bulk_loading import article_files, load_files
    from bot.terminal.load_report import LoadReport, summarise

    files = article_files(paths)
    if not files:
        typer.echo("No article files (.txt, .md, .html) to load there.", err=True)
        raise typer.Exit(1)

    async def work(runtime: Runtime) -> list[LoadOutcome]:
        report, outcomes = LoadReport(len(files)), []
        try:
            async for outcome in load_files(runtime, files):
                report.show(outcome)
                outcomes.append(outcome)
        finally:
            report.close()
        return outcomes

    outcomes = _run(work)
    if len(outcomes) > 1:
        typer.echo(summarise(outcomes))
    if any(o.failed for o in outcomes):
        raise typer.Exit(1)


@app.command()
def export() -> None:
    """Print the whole store as JSON (articles, actors, figures, demands)."""

    async def work(runtime: Runtime) -> dict[str, object]:
        async with runtime.sessions() as session:
            return dict(await export_store(session))

    json.dump(_run(work), sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


@app.command()
def ask(
    line: Annotated[str, typer.Argument(help='A command as a user types it, e.g. "/who zelensky"')],
) -> None:
    """Print the answer a user gets for a command, on the store (seeded first when empty)."""

    async def work(runtime: Runtime) -> Reply:
        await ensure_seeded(runtime)
        return await answer(runtime, line, replace(CONSOLE, progress=_stage_to_stderr))

    reply = _run(work)
    typer.echo(reply.plain)
    if reply.photo is not None:
        typer.echo("(the chart itself: briefbot chart TOPIC --out FILE.png)", err=True)


@app.command()
def chart(
    topic: Annotated[
        str, typer.Argument(help='What to chart, as /chart takes it: "soldiers killed"')
    ] = "",
    out: Annotated[
        Path | None, typer.Option(help="The PNG file to write (default: chart-TOPIC.png)")
    ] = None,
) -> None:
    """Write the chart /chart TOPIC sends (a PNG) and print its caption, on the store (seeded first when empty)."""

    async def work(runtime: Runtime) -> Reply:
        await ensure_seeded(runtime)
        return await chart_reply(runtime, topic)

    reply = _run(work)
    if reply.photo is None:
        typer.echo(reply.plain, err=True)
        raise typer.Exit(1)
    typer.echo(f"{save_photo(reply.photo, out)}: chart written")
    typer.echo(reply.plain)


async def _stage_to_stderr(stage: str) -> None:
    """Print a stage of a load on standard error, keeping standard output for the answer."""
    typer.echo(stage, err=True)


@app.command()
def run() -> None:
    """Run the bot on Telegram when TELEGRAM_TOKEN is set; otherwise open the offline console."""
    settings = _settings_or_exit()
    if settings.telegram_token is not None:
        from bot.telegram_adapter.application import AlreadyPollingError, run_polling

        logging.basicConfig(
            format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO
        )
        # httpx logs every getUpdates request at INFO; keep the bot's own log readable.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        try:
            run_polling(settings)
        except AlreadyPollingError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(1) from None
        return
    from bot.terminal.console import run_console

    _run(run_console)


if __name__ == "__main__":
    app()
