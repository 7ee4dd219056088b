"""Tests of the storage package's public surface: __all__ lists every public name."""

from __future__ import annotations

import types

import storage


def test_all_lists_every_public_name() -> None:
    public = {
        name
        for name, value in vars(storage).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert set(storage.__all__) == public


def test_all_names_resolve() -> None:
    assert all(getattr(storage, name, None) is not None for name in storage.__all__)
