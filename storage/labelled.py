"""Records built from query rows by column label, never by position."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import fields, is_dataclass
from functools import cache
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
    """Records from rows whose column labels name the record's fields, in row order.

    The labels are compared once: when they are a dataclass's fields in its order (as the
    queries for the long lists select them), every row fills the record by position, without
    building a mapping per row; otherwise each row goes by label (record_from).
    """
    records: list[Record] = []
    in_order: bool | None = None
    for row in rows:
        if in_order is None:
            in_order = _field_names(make) == row._fields
        records.append(make(*row) if in_order else record_from(make, row))
    return records


@cache
def _field_names(make: Callable[..., Any]) -> tuple[str, ...] | None:
    """A dataclass's field names in order; None for any other maker."""
    if not (isinstance(make, type) and is_dataclass(make)):
        return None
    return tuple(field.name for field in fields(make))


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
