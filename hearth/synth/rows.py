"""Fast inserts for the demo county's largest tables.

Building a Django model instance per row costs more than the database's own work for millions of rows
(profiled: 70% of synth time), so the biggest tables are written as plain parameterised INSERTs with
executemany. Works on SQLite and PostgreSQL alike through Django's cursor.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from itertools import count, islice
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max


def insert_rows(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]], batch: int = 5000
) -> int:
    meta = model._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(getattr(meta.get_field(name), "column", name))) for name in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608  (names from the model)
    written = 0
    iterator = iter(rows)
    adapt = _adapter()
    with connection.cursor() as cursor:
        while chunk := list(islice(iterator, batch)):
            cursor.executemany(sql, [tuple(map(adapt, row)) for row in chunk])
            written += len(chunk)
    return written


def _adapter() -> Callable[[Any], Any]:
    """What the ORM would do to a value before writing it (a raw cursor does none of it). Most values are
    plain ids and text, and pass straight through."""
    ops = connection.ops
    datetime_value, date_value = ops.adapt_datetimefield_value, ops.adapt_datefield_value
    plain = {int, str, bool, float, type(None)}

    def adapt(value: Any) -> Any:
        if type(value) in plain:
            return value
        if isinstance(value, datetime):
            return datetime_value(value)
        if isinstance(value, date):
            return date_value(value)
        if isinstance(value, (dict, list)):
            return json.dumps(value)
        return value

    return adapt


def next_ids(model: type[models.Model]) -> Iterator[int]:
    """Primary keys for rows about to be written with insert_rows, so that other rows can point at them
    before they exist. Safe because the demo county is built alone, in one transaction; call
    reset_sequences(model) after writing, since PostgreSQL's sequence does not see ids given to it."""
    last = model._default_manager.aggregate(last=Max("pk"))["last"] or 0
    return count(last + 1)


def reset_sequences(*model_classes: type[models.Model]) -> None:
    """Move each table's id sequence past the ids given by next_ids (nothing to do on SQLite)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(model_classes)):
            cursor.execute(sql)
