"""The PostgreSQL test database: its URL from TEST_POSTGRES_URL, required under CI."""

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
    if "test" not in (make_url(url).database or ""):
        pytest.fail(f"{POSTGRES_URL_ENV} must name a test database (its name contains 'test')")
    return url
