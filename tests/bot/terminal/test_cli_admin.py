"""`briefbot ask "/load …"` and the console's admin commands behave as in Telegram."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cli_runner import copy_store, export_json, run_cli

from bot.settings import get_settings

ARTICLE = (
    "Talks resume in Riyadh\n\n"
    "RIYADH, 10 March 2025 — Marco Rubio met Ukrainian negotiators in Riyadh on Tuesday. "
    "Russia rejected a 30-day ceasefire, the Kremlin spokesman Dmitry Peskov said.\n"
)
PAGE = (
    "<!doctype html><html><head><title>Envoys meet in Geneva</title></head><body><article>"
    "<h1>Envoys meet in Geneva</h1><p>Keith Kellogg, the US envoy, met Ukrainian officials in "
    "Geneva on Monday to prepare a ceasefire. Volodymyr Zelenskyy said 46,000 Ukrainian "
    "soldiers had been killed since 2022.</p></article></body></html>"
)


class _Pages(BaseHTTPRequestHandler):
    """Serves one article page and a 404 for anything else."""

    def do_GET(self) -> None:
        body = PAGE.encode() if self.path == "/geneva.html" else b"gone"
        self.send_response(200 if self.path == "/geneva.html" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture
def site() -> Iterator[str]:
    """A web server on 127.0.0.1 in a thread (the CLI runs its own event loop)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def store(store_env: Path, seeded_template: Path) -> Path:
    """The seeded store, as the CLI's settings name it."""
    copy_store(seeded_template, store_env)
    return store_env


def test_ask_load_reads_a_local_file(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "riyadh.txt"
    path.write_text(ARTICLE)
    result = run_cli("ask", f"/load {path}")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("✅ Loaded as article [3]")
    assert "Extracting" in result.stderr
    assert export_json()["articles"][-1]["title"] == "Talks resume in Riyadh"


@pytest.mark.parametrize(
    ("argument", "expected"),
    [("missing.txt", "There is no file named missing.txt."), ("notes.pdf", "cannot read .pdf")],
)
def test_ask_load_of_a_bad_file_changes_nothing(
    store: Path, tmp_path: Path, argument: str, expected: str
) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.7")
    before = export_json()
    result = run_cli("ask", f"/load {tmp_path / argument}")
    assert result.stdout.startswith("❌ Not loaded.")
    assert expected in result.stdout
    assert export_json() == before


def test_ask_load_fetches_a_url_where_the_network_is_allowed(
    store: Path, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = export_json()
    refused = run_cli("ask", f"/load {site}/geneva.html")
    assert "I do not fetch private or local network addresses" in refused.stdout
    assert export_json() == before
    monkeypatch.setenv("FETCH_ALLOWED_NETWORKS", "127.0.0.0/8")
    get_settings.cache_clear()
    loaded = run_cli("ask", f"/load {site}/geneva.html")
    assert loaded.stdout.startswith("✅ Loaded as article [3]"), loaded.stdout
    missing = run_cli("ask", f"/load {site}/gone.html")
    assert "answered 404 Not Found" in missing.stdout


def test_the_console_loads_lists_and_removes(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "riyadh.txt"
    path.write_text(ARTICLE)
    typed = f"/load {path}\n/articles\n/remove 3\n/remove 3 yes\n/quit\n"
    result = run_cli("run", input=typed)
    assert result.exit_code == 0, result.output
    answers = result.stdout.split("briefbot> ")[1:]
    assert "🔎 Extracting" in answers[0] and "✅ Loaded as article [3]" in answers[0]
    assert "3. Talks resume in Riyadh" in answers[1]
    assert answers[2].startswith("Remove article [3] “Talks resume in Riyadh”?")
    assert "send /remove 3 yes to confirm" in answers[2]
    assert answers[3].startswith("🗑 Removed article [3]")
    assert [a["id"] for a in export_json()["articles"]] == [1, 2]
