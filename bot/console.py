"""The offline console: the bot's commands typed and answered in a terminal."""

from __future__ import annotations

import asyncio
import sys

from bot.commands import respond
from bot.loading import ensure_seeded
from bot.runtime import Runtime

BANNER = (
    "ceasefire-brief offline console. Type /help for the commands, /quit to leave.\n"
    "To run on Telegram instead, put TELEGRAM_TOKEN=<token from @BotFather> in .env and run again."
)


async def run_console(runtime: Runtime) -> None:
    """Seed the store if empty, then answer commands read from standard input until EOF or /quit."""
    loaded = await ensure_seeded(runtime)
    print(BANNER)
    if loaded:
        print(f"(loaded {loaded} seed articles into the empty store)")
    while True:
        line = await asyncio.to_thread(_prompt)
        if line is None or line.strip() in {"/quit", "/exit"}:
            return
        if line.strip():
            print(await respond(runtime, line))


def _prompt() -> str | None:
    try:
        return input("briefbot> ")
    except EOFError:
        print(file=sys.stdout)
        return None
