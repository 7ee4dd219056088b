"""Fixtures of the extraction tests; the `nlp` pipeline fixture lives in tests/conftest.py."""

from __future__ import annotations

from article_builders import extract_text, figure_at, make_source, measured, only_demand

__all__ = ["extract_text", "figure_at", "make_source", "measured", "only_demand"]
