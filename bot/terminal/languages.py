"""The --lang option of `briefbot ask`, `chart` and `run` (the console): the language answers
are printed in."""

from __future__ import annotations

from typing import NoReturn

import typer

from bot.core.language_commands import language_named

# The exit code of a wrong command line (as of wrong settings, see bot.terminal.cli).
EXIT_BAD_OPTION = 2
# A code, or a name as /lang takes it; on Telegram each user picks theirs with /lang.
LANGUAGE_OPTION = typer.Option(
    "--lang", help="The language of the answers: en (English, the default) or uk (Ukrainian)"
)
ON_TELEGRAM = (
    "--lang sets the language of the offline console; on Telegram each user chooses theirs "
    "with /lang."
)


def language_or_exit(value: str) -> str:
    """The language --lang names, or exit 2 with one sentence."""
    language = language_named(value)
    if language is None:
        refuse(f"--lang takes en (English) or uk (Ukrainian), not {value[:32]!r}.")
    return language


def refuse(sentence: str) -> NoReturn:
    """Say on standard error what is wrong with the command line; exit 2."""
    typer.echo(sentence, err=True)
    raise typer.Exit(EXIT_BAD_OPTION)
