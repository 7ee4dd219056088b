"""The typed callback context: handlers reach the bot's services through it, never through casts."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.core.runtime import Runtime
from bot.settings import Settings


class BotData:
    """What the running bot keeps in `bot_data`: its settings and, once started, its runtime."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.runtime: Runtime | None = None
        # A pipeline already loaded by the caller (tests, benches), handed to the runtime.
        self.preloaded_nlp: Language | None = None


class BriefContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The callback context of this bot, with typed access to its services."""

    @property
    def runtime(self) -> Runtime:
        """The runtime started in post_init; an error before start or after shutdown."""
        runtime = self.bot_data.runtime
        if runtime is None:
            raise RuntimeError("the bot's services are not running (post_init has not run)")
        return runtime

    @property
    def settings(self) -> Settings:
        """The settings the application was built with."""
        settings = self.bot_data.settings
        if settings is None:
            raise RuntimeError("the application was built without settings")
        return settings


CONTEXT_TYPES = ContextTypes(context=BriefContext, bot_data=BotData)
