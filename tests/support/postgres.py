"""The PostgreSQL test database: its URL from TEST_POSTGRES_URL, required under CI.

Under pytest-xdist each worker process has a database of its own, the URL's database with the
worker's name after it (briefbot_test_gw0, briefbot_test_gw1, …: scripts/postgres-up.sh
makes them), since the store tests empty and fill the whole database.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import make_url

POSTGRES_URL_ENV = "TEST_POSTGRES_URL"
POSTGRES_SKIP_REASON = f"{POSTGRES_URL_ENV} not set: PostgreSQL store tests skipped"


def postgres_url() -> str:
    """The PostgreSQL test URL; skip without one, or fail under CI, where it is required."""
    url = os.environ.get(POSTGRES_URL_ENV, "").strip()
    if not url:
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{POSTGRES_URL_ENV} not set but CI=true: PostgreSQL tests must run")
        pytest.skip(POSTGRES_SKIP_REASON)
    # The fixture drops every table; refuse a database that does not look like a test one.
    parsed = make_url(url)
    if "test" not in (parsed.database or ""):
        pytest.fail(f"{POSTGRES_URL_ENV} must name a test database (its name contains 'test')")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "").strip()
    if worker:
        parsed = parsed.set(database=f"{parsed.database}_{worker}")
    return parsed.render_as_string(hide_password=False)
