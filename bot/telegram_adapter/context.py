"""The typed callback context: handlers reach the bot's services through it, never through casts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.core.runtime import Runtime
from bot.settings import Settings
from bot.telegram_adapter.error_reports import ErrorReports

if TYPE_CHECKING:
    from bot.core.extraction_worker import ExtractionWorker


class BotData:
    """What the running bot keeps in `bot_data`: its settings, once started its runtime, and
    which failures the admins were told of."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.runtime: Runtime | None = None
        self.error_reports = ErrorReports()
        # An extraction worker the caller shares (tests, benches), handed to the runtime.
        self.shared_extraction: ExtractionWorker | None = None


class BriefContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The callback context of this bot, with typed access to its services."""

    @property
    def runtime(self) -> Runtime:
        """The runtime start_services opened; an error before start or after shutdown."""
        runtime = self.bot_data.runtime
        if runtime is None:
            raise RuntimeError("the bot's services are not running (start_services has not run)")
        return runtime

    @property
    def settings(self) -> Settings:
        """The settings the application was built with."""
        settings = self.bot_data.settings
        if settings is None:
            raise RuntimeError("the application was built without settings")
        return settings


CONTEXT_TYPES = ContextTypes(context=BriefContext, bot_data=BotData)
