"""`hearth ssd export DIR`: the Standard Safeguarding Dataset as CSV, one file per table, from Hearth's records.

The columns are the SSD's own, in its order (`columns.py`); a column Hearth has no fact for is left empty.
The cohort is every child with a contact, an involvement, a period of care, a care leaver record or a missing
episode, with the mothers of those children. People are written in the order Hearth added them, and every
table refers to a person by the ID the returns use (`returns.ids`), so an extract loaded into another Hearth
gives the same returns. Records are named by their Hearth ID. Where the SSD keeps one fact Hearth splits
(a looked-after episode's legal status) or the other way round, the module for that area says how.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.utils import timezone

from hearth.returns.ssd import export_care, export_casework, export_people
from hearth.returns.ssd.columns import TABLES

Row = dict[str, Any]


def ssd_value(value: Any) -> str:
    """A value as the SSD's CSV writes it: ISO dates, local times, Y/N flags, empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, datetime):  # local (UK) time, as council systems record it and the import reads it
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class Extract:
    """What every table of one export needs to know: the council, the cohort and each person's ID."""

    def __init__(self, *, authority_id: int) -> None:
        from hearth.returns.ids import child_ids

        self.authority_id = authority_id
        self.cohort = export_people.cohort(authority_id)
        held = child_ids(authority_id=authority_id)
        self.ids = {pk: held.get(pk) or str(pk) for pk in self.cohort}

    def pid(self, person_id: int) -> str:
        return self.ids[person_id]


def ssd_tables(extract: Extract) -> Iterator[tuple[str, Iterator[Row]]]:
    for module in (export_people, export_casework, export_care):
        yield from module.tables(extract)


def write_ssd(*, authority_id: int, out: Path) -> dict[str, int]:
    """Write every table Hearth holds to OUT/<table>.csv; returns the rows written per table."""
    out.mkdir(parents=True, exist_ok=True)
    extract = Extract(authority_id=authority_id)
    counts: dict[str, int] = {}
    for name, rows in ssd_tables(extract):
        columns = TABLES[name]
        with (out / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            n = 0
            for row in rows:
                unknown = set(row) - set(columns)
                assert not unknown, f"{name} has no column {unknown}"
                writer.writerow([ssd_value(row.get(column)) for column in columns])
                n += 1
        counts[name] = n
    return counts
