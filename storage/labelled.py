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


def paired(make: Callable[..., Record], label: str) -> Callable[..., tuple[Record, Any]]:
    """A maker, for record_from, of (record, value) from rows with one column past the record's.

    For queries that add a column to a record's fields, such as a total over every row or the
    key the records are grouped by; a row without that column is a TypeError too.
    """

    def make_pair(**columns: Any) -> tuple[Record, Any]:
        if label not in columns:
            raise TypeError(f"no column labelled {label!r}")
        value = columns.pop(label)
        return make(**columns), value

    return make_pair
