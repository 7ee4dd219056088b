"""Records built from query rows by column label, never by position."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy import Row

Record = TypeVar("Record")


def record_from(make: Callable[..., Record], row: Row[Any]) -> Record:
    """One record from a row whose column labels name the record's fields.

    A column the record lacks, or a field no column fills, is a TypeError at once,
    so a query and the record it fills cannot drift apart unnoticed.
    """
    return make(**row._mapping)


def records_from(make: Callable[..., Record], rows: Iterable[Row[Any]]) -> list[Record]:
    """Records from rows whose column labels name the record's fields, in row order."""
    return [record_from(make, row) for row in rows]
