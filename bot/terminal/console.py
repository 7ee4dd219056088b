"""The offline console: the bot's commands typed and answered in a terminal."""

from __future__ import annotations

import asyncio
import logging
import sys
from dataclasses import replace

from bot.core.callers import CONSOLE
from bot.core.commands import answer
from bot.core.runtime import Runtime
from bot.core.seeding import ensure_seeded
from bot.terminal.photos import save_photo
from briefings.replies.counts import counted
from briefings.replies.reply import Reply, text_reply
from storage import describe_store_failure, is_store_failure, store_label

log = logging.getLogger(__name__)

BANNER = (
    "ceasefire-brief offline console. Type /help for the commands, /quit to leave.\n"
    "To run on Telegram instead, put TELEGRAM_TOKEN=<token from @BotFather> in .env and run again.\n"
    "You are an admin here: /load <file, URL or text>, /articles, /remove N and /stats work too."
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
            reply = await _answer(runtime, line)
            print(reply.plain)
            if reply.photo is not None:
                print(f"(chart saved as {save_photo(reply.photo)})")


async def _answer(runtime: Runtime, line: str) -> Reply:
    """The reply to a line; a store that fails says so in one sentence, and the console goes on."""
    try:
        return await answer(runtime, line, replace(CONSOLE, progress=show_stage))
    except Exception as error:
        if not is_store_failure(error):
            raise
        log.error("the store failed answering %r", line, exc_info=error)
        return text_reply(describe_store_failure(error, store_label(runtime.settings.database_url)))


async def show_stage(stage: str) -> None:
    """Print a stage of a long command (a load) on its own line."""
    print(stage, flush=True)


def _prompt() -> str | None:
    try:
        return input("briefbot> ")
    except EOFError:
        print(file=sys.stdout)
        return None
