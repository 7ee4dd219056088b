"""The offline console: the bot's commands typed and answered in a terminal."""

from __future__ import annotations

import asyncio
import sys
from dataclasses import replace

from bot.core.callers import CONSOLE
from bot.core.commands import answer
from bot.core.runtime import Runtime
from bot.core.seeding import ensure_seeded
from bot.terminal.photos import save_photo
from briefings.replies.counts import counted

BANNER = (
    "ceasefire-brief offline console. Type /help for the commands, /quit to leave.\n"
    "To run on Telegram instead, put TELEGRAM_TOKEN=<token from @BotFather> in .env and run again.\n"
    "You are an admin here: /load <file, URL or text>, /articles and /remove N work too."
)


async def run_console(runtime: Runtime) -> None:
    """Seed the store if empty, then answer commands read from standard input until EOF or /quit."""
    loaded = await ensure_seeded(runtime)
    print(BANNER)
    if loaded:
        print(f"(loaded {counted(loaded, 'seed article')} into the empty store)")
    while True:
        line = await asyncio.to_thread(_prompt)
        if line is None or line.strip() in {"/quit", "/exit"}:
            return
        if line.strip():
            reply = await answer(runtime, line, replace(CONSOLE, progress=show_stage))
            print(reply.plain)
            if reply.photo is not None:
                print(f"(chart saved as {save_photo(reply.photo)})")


async def show_stage(stage: str) -> None:
    """Print a stage of a long command (a load) on its own line."""
    print(stage, flush=True)


def _prompt() -> str | None:
    try:
        return input("briefbot> ")
    except EOFError:
        print(file=sys.stdout)
        return None
