"""The deployment files hold together: Dockerfile, .dockerignore, compose.yaml, systemd units.

No container engine runs here, so these read the files and check what would break a build or a
start: the lock installed hash-checked, a non-root user, `briefbot run`, the store on a volume,
every setting named being one the bot has, compose's bot on its healthy PostgreSQL.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

from bot.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SETTINGS = {name.upper() for name in Settings.model_fields}


def dockerfile() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (INSTRUCTION, arguments), continuation lines joined."""
    text = re.sub(r"\\\n", " ", (REPO / "Dockerfile").read_text(encoding="utf-8"))
    lines = (line.strip() for line in text.splitlines())
    pairs = (line.split(None, 1) for line in lines if line and not line.startswith("#"))
    return [(words[0].upper(), words[1] if len(words) > 1 else "") for words in pairs]


def final_stage() -> list[tuple[str, str]]:
    """The instructions of the image's last stage, the one that runs."""
    instructions = dockerfile()
    start = max(i for i, (name, _) in enumerate(instructions) if name == "FROM")
    return instructions[start:]


def image_env() -> dict[str, str]:
    """The ENV of the last stage (KEY=value forms)."""
    pairs = (p for name, args in final_stage() if name == "ENV" for p in args.split())
    return dict(pair.split("=", 1) for pair in pairs)


def test_the_lock_is_installed_hash_checked_before_the_project() -> None:
    runs = [args for name, args in dockerfile() if name == "RUN"]
    lock = next(i for i, r in enumerate(runs) if "-r requirements.lock" in r)
    assert "pip install --require-hashes --no-deps -r requirements.lock" in runs[lock]
    assert any("pip install --no-deps ." in r for r in runs[lock + 1 :])


def test_the_image_runs_the_bot_as_a_fixed_non_root_user() -> None:
    stage = final_stage()
    users = [args for name, args in stage if name == "USER"]
    assert users and users[-1] not in {"root", "0"}
    assert re.search(rf"--uid \d+ .*{users[-1]}$", next(a for n, a in stage if "useradd" in a))
    assert json.loads(next(a for n, a in stage if n == "CMD")) == ["briefbot", "run"]
    healthcheck = next(a for n, a in stage if n == "HEALTHCHECK")
    assert healthcheck.endswith('CMD ["briefbot", "health"]')


def test_the_sqlite_store_is_on_the_volume_and_every_env_is_a_setting() -> None:
    volume = json.loads(next(a for n, a in final_stage() if n == "VOLUME"))[0]
    env = image_env()
    assert env["DATABASE_URL"].startswith(f"sqlite+aiosqlite:///{volume}/")
    assert {k for k in env if k != "PATH" and not k.startswith("PYTHON")} <= SETTINGS


def test_every_file_copied_is_in_the_build_context() -> None:
    allowed = {
        line[1:].rstrip("/")
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.startswith("!")
    }
    sources = [
        args.split()[:-1] for name, args in dockerfile() if name == "COPY" and "--from" not in args
    ]
    for source in (s.rstrip("/") for group in sources for s in group):
        assert source in allowed, f"{source} is left out of the build context by .dockerignore"
        assert (REPO / source).exists(), source


def dev_only_packages() -> ModuleType:
    """deploy/dev_only_packages.py, loaded from its file (deploy/ is no package)."""
    spec = importlib.util.spec_from_file_location("dev_only", REPO / "deploy/dev_only_packages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_image_drops_the_dev_tools_and_keeps_what_runs() -> None:
    module = dev_only_packages()
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    dropped = set(module.dev_only(pyproject, (REPO / "requirements.lock").read_text("utf-8")))
    assert {"pytest", "mypy", "ruff", "hypothesis"} <= dropped
    # Declared ones, and ones only other packages need (thinc for spaCy, greenlet for SQLAlchemy).
    assert not {"spacy", "python-telegram-bot", "asyncpg", "greenlet", "thinc"} & dropped
    # An extra's requirements count: python-telegram-bot[job-queue] brings APScheduler.
    assert "apscheduler" in module.runtime_closure(["python-telegram-bot[job-queue]"])
    assert "apscheduler" not in module.runtime_closure(["python-telegram-bot"])


def compose() -> dict[str, dict[str, object]]:
    """compose.yaml's services, parsed (PyYAML is optional: skipped where it is missing)."""
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((REPO / "compose.yaml").read_text(encoding="utf-8"))["services"]


def test_compose_runs_scalable_bots_on_a_healthy_postgres() -> None:
    services = compose()
    bot = services["bot"]
    url = bot["environment"]["DATABASE_URL"]
    host = re.fullmatch(r"postgresql\+asyncpg://[^:]+:\$\{\w+\}@([\w-]+):5432/\w+", url)
    assert host is not None, url
    postgres = services[host.group(1)]
    assert "pg_isready" in postgres["healthcheck"]["test"]
    assert postgres["environment"]["POSTGRES_PASSWORD"].startswith("${")
    assert bot["depends_on"][host.group(1)]["condition"] == "service_healthy"
    assert bot["env_file"] == ".env" and bot["restart"]
    assert "ports" not in bot, "a fixed host port stops `--scale bot=3`"
    assert set(bot["environment"]) <= SETTINGS


def unit(name: str) -> dict[str, list[str]]:
    """A systemd unit's settings, each key with its values in order."""
    found: dict[str, list[str]] = {}
    for line in (REPO / "deploy" / name).read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            found.setdefault(key, []).append(value)
    return found


@pytest.mark.parametrize("name", ["briefbot.service", "briefbot@.service"])
def test_the_systemd_units_run_the_bot_confined(name: str) -> None:
    settings = unit(name)
    workdir = settings["WorkingDirectory"][0]
    assert settings["ExecStart"] == [f"{workdir}/.venv/bin/briefbot run"]
    assert settings["User"][0] not in {"root", "0"}
    assert settings["ProtectSystem"] == ["strict"]
    assert settings["ReadWritePaths"] == [f"{workdir}/data"]
    assert settings["NoNewPrivileges"] == ["true"]
