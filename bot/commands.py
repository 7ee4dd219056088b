"""The command core: one function turns a command line into the reply text, for every front end."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.runtime import Runtime
from briefings.briefs import (
    Export,
    build_actor_card,
    build_demands,
    build_figures,
    build_sources,
    build_who,
)
from storage import export_store

HELP = """ceasefire-brief: a sourced briefing on the Ukraine ceasefire story.
December 2024: Trump called for an "immediate ceasefire" after meeting Zelenskyy and Macron in Paris;
Zelenskyy asked for a "just and enduring" peace with security guarantees; the Kremlin restated its terms.

/who [name] — the actors and their roles, or one actor's card
/figures — the numbers and who claims them
/demands — what each side demands, proposes or rejects
/sources — the articles behind every answer ([n] in answers points here)
/help — this message"""


async def _export(runtime: Runtime) -> Export:
    async with runtime.sessions() as session:
        return await export_store(session)


async def _who(runtime: Runtime, argument: str) -> str:
    export = await _export(runtime)
    return build_actor_card(export, argument) if argument else build_who(export)


async def _figures(runtime: Runtime, argument: str) -> str:
    return build_figures(await _export(runtime))


async def _demands(runtime: Runtime, argument: str) -> str:
    return build_demands(await _export(runtime))


async def _sources(runtime: Runtime, argument: str) -> str:
    return build_sources(await _export(runtime))


async def _help(runtime: Runtime, argument: str) -> str:
    return HELP


COMMANDS: dict[str, Callable[[Runtime, str], Awaitable[str]]] = {
    "who": _who,
    "figures": _figures,
    "demands": _demands,
    "sources": _sources,
    "help": _help,
    "start": _help,
}


async def respond(runtime: Runtime, text: str) -> str:
    """The reply a user gets for one line: a command with its argument."""
    line = text.strip()
    if not line.startswith("/"):
        return "Send a command such as /who, /figures or /demands. /help lists them all."
    command, _, argument = line[1:].partition(" ")
    handler = COMMANDS.get(command.split("@")[0].lower())
    if handler is None:
        return f"I don't know /{command}. /help lists the commands."
    return await handler(runtime, argument.strip())
