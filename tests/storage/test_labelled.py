"""Tests for storage/labelled.py: records filled by column label, drift refused, extra columns paired."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Row, column, create_engine, literal, select

from storage.labelled import paired, record_from, records_from


@dataclass(frozen=True)
class Pair:
    """A record with two fields, declared in the opposite order of the query's columns."""

    left: int
    right: str


def _rows(query: Any) -> list[Row[Any]]:
    """The rows a query gives on an empty in-memory SQLite database."""
    with create_engine("sqlite://").connect() as connection:
        return list(connection.execute(query))


def test_fields_are_filled_by_label_not_position() -> None:
    rows = _rows(select(literal("r").label("right"), literal(1).label("left")))
    assert record_from(Pair, rows[0]) == Pair(left=1, right="r")


def test_records_keep_row_order() -> None:
    query = select(literal(1).label("left"), literal("a").label("right")).union_all(
        select(literal(2), literal("b"))
    )
    assert records_from(Pair, _rows(query)) == [Pair(1, "a"), Pair(2, "b")]


def test_an_unlabelled_or_missing_column_is_refused() -> None:
    rows = _rows(
        select(literal(1).label("left"), column("x").label("other")).select_from(
            select(literal(0).label("x")).subquery()
        )
    )
    with pytest.raises(TypeError):
        record_from(Pair, rows[0])


def test_paired_gives_the_record_and_the_extra_column() -> None:
    rows = _rows(
        select(literal(7).label("total"), literal(1).label("left"), literal("r").label("right"))
    )
    assert record_from(paired(Pair, "total"), rows[0]) == (Pair(left=1, right="r"), 7)


def test_paired_refuses_a_row_without_the_extra_column() -> None:
    rows = _rows(select(literal(1).label("left"), literal("r").label("right")))
    with pytest.raises(TypeError, match="total"):
        record_from(paired(Pair, "total"), rows[0])


def test_rows_labelled_in_the_records_order_fill_it_by_position_alike() -> None:
    query = select(literal(1).label("left"), literal("a").label("right")).union_all(
        select(literal(2), literal("b"))
    )
    rows = _rows(query)
    assert records_from(Pair, rows) == [record_from(Pair, row) for row in rows]


def test_rows_labelled_in_another_order_go_by_label() -> None:
    rows = _rows(select(literal("r").label("right"), literal(1).label("left")))
    assert records_from(Pair, rows) == [Pair(left=1, right="r")]


def test_a_missing_column_is_refused_in_a_list_too() -> None:
    rows = _rows(select(literal(1).label("left")))
    with pytest.raises(TypeError, match="right"):
        records_from(Pair, rows)
