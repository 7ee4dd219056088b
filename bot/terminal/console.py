"""The offline console: the bot's commands typed and answered in a terminal, in the language
given with `--lang` or chosen with /lang for the session."""

from __future__ import annotations

import asyncio
import logging
import sys
from dataclasses import dataclass, replace

from bot.core.callers import CONSOLE
from bot.core.commands import answer, parse_command
from bot.core.language_commands import language_named
from bot.core.runtime import Runtime
from bot.core.seeding import ensure_seeded
from bot.terminal.photos import save_photo
from briefings.i18n import ENGLISH, N_, _, use_language
from briefings.replies.counts import counted
from briefings.replies.reply import Reply, text_reply
from storage import describe_store_failure, is_store_failure, store_label

log = logging.getLogger(__name__)

BANNER = N_(
    "ceasefire-brief offline console. Type /help for the commands, /quit to leave.\n"
    "To run on Telegram instead, put TELEGRAM_TOKEN=<token from @BotFather> in .env and run "
    "again.\n"
    "You are an admin here: /load <file, URL or text>, /articles, /remove N and /stats work too."
)


@dataclass
class ConsoleSession:
    """What the console keeps between lines: the language answers are in (/lang changes it)."""

    language: str = ENGLISH

    def follow(self, line: str) -> None:
        """Take up the language a /lang line names, if it names one."""
        command = parse_command(line)
        chosen = language_named(command.argument) if command and command.name == "lang" else None
        self.language = chosen or self.language


async def run_console(runtime: Runtime, language: str = ENGLISH) -> None:
    """Seed the store if empty, then answer commands read from standard input until EOF or
    /quit, in `language` until a /lang changes it."""
    session = ConsoleSession(language)
    loaded = await ensure_seeded(runtime)
    with use_language(session.language):
        print(_(BANNER))
        if loaded:
            seeds = counted(loaded, "{n} seed article", "{n} seed articles")
            print(_("(loaded {seeds} into the empty store)").format(seeds=seeds))
    while True:
        line = await asyncio.to_thread(_prompt)
        if line is None or line.strip() in {"/quit", "/exit"}:
            return
        if line.strip():
            await _show(runtime, session, line)


async def _show(runtime: Runtime, session: ConsoleSession, line: str) -> None:
    """Print the reply to a line in the session's language (a /lang: in the new one)."""
    with use_language(session.language):
        reply = await _answer(runtime, line, session.language)
    session.follow(line)
    with use_language(session.language):
        print(reply.plain)
        if reply.photo is not None:
            print(_("(chart saved as {path})").format(path=save_photo(reply.photo)))


async def _answer(runtime: Runtime, line: str, language: str) -> Reply:
    """The reply to a line; a store that fails says so in one sentence, and the console goes on."""
    caller = replace(CONSOLE, progress=show_stage, language=language)
    try:
        return await answer(runtime, line, caller)
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
