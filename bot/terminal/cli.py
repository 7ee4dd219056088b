"""The `briefbot` command line: load, export, ask, chart, health and run (the offline console
without a token).

Exit codes: 0 done; 1 not done (a file or a `/load` not loaded, nothing to chart); 2 the
settings (or the command line) are wrong; 3 the store failed (unreachable, unwritable, not a
database…), said in one sentence on standard error; 4 (health only) the store answers but its
schema is not this briefbot's. The log stays off the terminal unless `--verbose` is given.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer

from bot.core.callers import CONSOLE
from bot.core.charts import chart_reply
from bot.core.commands import answer
from bot.core.runtime import Runtime, open_runtime
from bot.core.seeding import ensure_seeded
from bot.logs import configure_logging, log_formatter
from bot.settings import Settings, SettingsError, load_settings
from bot.terminal.languages import LANGUAGE_OPTION, ON_TELEGRAM, language_or_exit, refuse
from bot.terminal.photos import save_photo
from briefings.i18n import ENGLISH, use_language
from briefings.replies.reply import Reply
from storage import describe_store_failure, export_store, is_store_failure, store_label
from storage.migrate import SchemaState

if TYPE_CHECKING:
    from bot.core.health import StoreHealth
    from bot.core.loading import LoadOutcome

app = typer.Typer(
    help="ceasefire-brief: a sourced briefing bot on the Ukraine ceasefire story.",
    no_args_is_help=True,
)
T = TypeVar("T")
log = logging.getLogger(__name__)

EXIT_NOT_DONE = 1
EXIT_SETTINGS = 2
EXIT_STORE = 3
EXIT_SCHEMA = 4


@app.callback()
def options(
    context: typer.Context,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print the log, tracebacks too, on stderr")
    ] = False,
) -> None:
    """ceasefire-brief: a sourced briefing bot on the Ukraine ceasefire story."""
    # Every command's context inherits obj: how much of the log to show.
    context.obj = verbose


def _settings_or_exit() -> Settings:
    """The settings, or exit 2 with one line per bad field."""
    try:
        return load_settings()
    except SettingsError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(EXIT_SETTINGS) from None


def _run(context: typer.Context, work: Callable[[Runtime], Awaitable[T]]) -> T:
    """Open the store, do the work, close it; a store that fails exits 3 with its sentence."""
    settings = _settings_or_exit()
    verbose = bool(context.obj)

    async def main() -> T:
        try:
            runtime = await open_runtime(settings)
        except Exception as error:
            # Whatever stops the store opening (connecting, creating, migrating) is the store's.
            _store_failed(error, settings, verbose=verbose)
        try:
            return await work(runtime)
        finally:
            await runtime.close()

    with _log_shown(settings, verbose=verbose):
        try:
            return asyncio.run(main())
        except typer.Exit:
            raise
        except Exception as error:
            if not is_store_failure(error):
                raise
            _store_failed(error, settings, verbose=verbose)


def _store_failed(error: Exception, settings: Settings, *, verbose: bool) -> NoReturn:
    """Say in one sentence on standard error how the store failed; exit 3. The traceback goes
    to the log with --verbose only: even the bot's own log gets the sentence alone."""
    if verbose:
        log.error("the store failed", exc_info=error)
    typer.echo(describe_store_failure(error, store_label(settings.database_url)), err=True)
    raise typer.Exit(EXIT_STORE) from None


@contextmanager
def _log_shown(settings: Settings, *, verbose: bool) -> Iterator[None]:
    """With --verbose the log (warnings and errors, with tracebacks) goes to standard error in
    LOG_FORMAT; without, it stays off the terminal, where Python would print it raw."""
    handler: logging.Handler = logging.StreamHandler() if verbose else logging.NullHandler()
    handler.setFormatter(log_formatter(settings))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)


@app.command()
def load(
    context: typer.Context,
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
        raise typer.Exit(EXIT_NOT_DONE)

    async def work(runtime: Runtime) -> list[LoadOutcome]:
        report, outcomes = LoadReport(len(files)), []
        try:
            async for outcome in load_files(runtime, files):
                report.show(outcome)
                outcomes.append(outcome)
        finally:
            report.close()
        return outcomes

    outcomes = _run(context, work)
    if len(outcomes) > 1:
        typer.echo(summarise(outcomes))
    if any(o.failed for o in outcomes):
        raise typer.Exit(EXIT_NOT_DONE)


@app.command()
def export(context: typer.Context) -> None:
    """Print the whole store as JSON (articles, actors, figures, demands)."""

    async def work(runtime: Runtime) -> dict[str, object]:
        async with runtime.sessions() as session:
            return dict(await export_store(session))

    json.dump(_run(context, work), sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


@app.command()
def ask(
    context: typer.Context,
    line: Annotated[str, typer.Argument(help='A command as a user types it, e.g. "/who zelensky"')],
    lang: Annotated[str, LANGUAGE_OPTION] = ENGLISH,
) -> None:
    """Print the answer a user gets for a command, on the store (seeded first when empty);
    exit 1 when it says the command was not done (a /load that failed, an argument refused)."""
    language = language_or_exit(lang)

    async def work(runtime: Runtime) -> Reply:
        await ensure_seeded(runtime)
        caller = replace(CONSOLE, progress=_stage_to_stderr, language=language)
        with use_language(language):
            return await answer(runtime, line, caller)

    reply = _run(context, work)
    typer.echo(reply.plain)
    if reply.photo is not None:
        typer.echo("(the chart itself: briefbot chart TOPIC --out FILE.png)", err=True)
    if reply.failed:
        raise typer.Exit(EXIT_NOT_DONE)


@app.command()
def chart(
    context: typer.Context,
    topic: Annotated[
        str, typer.Argument(help='What to chart, as /chart takes it: "soldiers killed"')
    ] = "",
    out: Annotated[
        Path | None, typer.Option(help="The PNG file to write (default: chart-TOPIC.png)")
    ] = None,
    lang: Annotated[str, LANGUAGE_OPTION] = ENGLISH,
) -> None:
    """Write the chart /chart TOPIC sends (a PNG) and print its caption, on the store (seeded first when empty)."""
    language = language_or_exit(lang)

    async def work(runtime: Runtime) -> Reply:
        await ensure_seeded(runtime)
        with use_language(language):
            return await chart_reply(runtime, topic)

    reply = _run(context, work)
    if reply.photo is None:
        typer.echo(reply.plain, err=True)
        raise typer.Exit(EXIT_NOT_DONE)
    typer.echo(f"{save_photo(reply.photo, out)}: chart written")
    typer.echo(reply.plain)


async def _stage_to_stderr(stage: str) -> None:
    """Print a stage of a load on standard error, keeping standard output for the answer."""
    typer.echo(stage, err=True)


@app.command()
def health(context: typer.Context) -> None:
    """Check, without changing it, that the store answers and its schema is this briefbot's:
    exit 0 with one line; 3 when the store fails, 4 when its schema is behind or ahead."""
    settings = _settings_or_exit()
    verbose = bool(context.obj)
    from bot.core.health import check_store

    with _log_shown(settings, verbose=verbose):
        try:
            report = asyncio.run(check_store(settings))
        except Exception as error:
            # Whatever stops the check (connecting, reading, the time running out) is the store's.
            _store_failed(error, settings, verbose=verbose)
    if report.state is not SchemaState.CURRENT:
        typer.echo(_schema_sentence(report, store_label(settings.database_url)), err=True)
        raise typer.Exit(EXIT_SCHEMA)
    typer.echo(f"ok: store answers, schema at revision {report.revision}")


def _schema_sentence(report: StoreHealth, store: str) -> str:
    """One sentence on a store whose schema is not this briefbot's, and what to do."""
    if report.state is SchemaState.AHEAD:
        return (
            f"{store[0].upper()}{store[1:]} answers, but a newer briefbot migrated it to revision "
            f"{report.revision} (this one knows up to {report.head}); upgrade briefbot."
        )
    stands = (
        "was never migrated"
        if report.state is SchemaState.NEVER_MIGRATED
        else f"is at schema revision {report.revision}, not {report.head}"
    )
    return (
        f"{store[0].upper()}{store[1:]} answers but {stands}; "
        "starting the bot (briefbot run) migrates it."
    )


@app.command()
def run(context: typer.Context, lang: Annotated[str | None, LANGUAGE_OPTION] = None) -> None:
    """Run the bot on Telegram when TELEGRAM_TOKEN is set; else the offline console, in --lang."""
    language = language_or_exit(lang or ENGLISH)
    settings = _settings_or_exit()
    if settings.telegram_token is not None:
        if lang is not None:
            refuse(ON_TELEGRAM)
        from bot.telegram_adapter.application import AlreadyPollingError
        from bot.telegram_adapter.application import run as run_bot

        configure_logging(settings)
        # httpx logs every getUpdates request at INFO; keep the bot's own log readable.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        try:
            run_bot(settings)
        except AlreadyPollingError as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(EXIT_NOT_DONE) from None
        except Exception as error:
            if not is_store_failure(error):
                raise
            _store_failed(error, settings, verbose=bool(context.obj))
        return
    from bot.terminal.console import run_console

    _run(context, lambda runtime: run_console(runtime, language))


if __name__ == "__main__":
    app()
