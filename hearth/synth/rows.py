"""Fast inserts for the demo county's largest tables.

Building a Django model instance per row costs more than the database's own work for millions of rows
(profiled: 70% of synth time), so the biggest tables are written as plain parameterised INSERTs with
executemany. Works on SQLite and PostgreSQL alike through Django's cursor.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from itertools import islice
from typing import Any

from django.db import connection, models


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]], batch: int = 5000
) -> int:
    meta = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(getattr(meta.get_field(name), "column", name))) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608  (names from the model)
    count = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(islice(iterator, batch)):
            cursor.executemany(sql, [tuple(_adapt(v) for v in row) for row in chunk])
            count += len(chunk)
    return count


def _adapt(value: Any) -> Any:
    """What the ORM would do to a value before writing it (a raw cursor does none of it)."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return value
