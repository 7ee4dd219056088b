"""`column IN (values)` as one parameter, whatever the number of values.

SQLAlchemy writes an IN list as one parameter per value, coerced when the statement is built
and rendered again at every execution (on PostgreSQL each with its cast, `$7::INTEGER`, and the
statement prepared again for each new count). cProfile of "who is the Kremlin spokesman?" at
10,000 articles counted 805 bind renderings an answer. Here the values go as one parameter: an
array on PostgreSQL (`= ANY($1::INTEGER[])`), a JSON array on SQLite (`IN (SELECT value FROM
json_each(?))`); both engines seek the column's index once per value, as for an IN list.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Text, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.types import TypeEngine

from storage.engine import on_postgres

Column = ColumnElement[Any] | InstrumentedAttribute[Any]


def values_in(
    session: AsyncSession, column: Column, values: Collection[Any]
) -> ColumnElement[bool]:
    """column IN values (numbers or strings), as one parameter of the session's database."""
    as_array = on_postgres(session)
    listed = bindparam(
        None, bound_list(values, as_array=as_array), type_=_list_type(column, as_array)
    )
    return _in_list(column, listed, as_array=as_array)


def bound_list_in(column: Column, name: str, *, as_array: bool) -> ColumnElement[bool]:
    """column IN the list bound later as `name` (made by `bound_list`), for a statement built
    once: an array on PostgreSQL (`as_array`), a JSON array read by json_each on SQLite, one
    parameter either way (so the statement is not rendered again for each number of values)."""
    listed = bindparam(name, type_=_list_type(column, as_array))
    return _in_list(column, listed, as_array=as_array)


def bound_list(values: Collection[Any], *, as_array: bool) -> Any:
    """The value to bind for `bound_list_in`: the values as a list, or as a JSON array."""
    listed = list(values)
    return listed if as_array else json.dumps(listed)


def _list_type(column: Column, as_array: bool) -> TypeEngine[Any]:
    """The type of a list parameter: an array of the column's type, or JSON text."""
    return ARRAY(column.type) if as_array else Text()


def _in_list(column: Column, listed: BindParameter[Any], *, as_array: bool) -> ColumnElement[bool]:
    """column IN a list parameter: `= ANY` of the array, or IN the values json_each reads."""
    if as_array:
        return column == any_(listed)
    return column.in_(select(func.json_each(listed).table_valued("value").c.value))
