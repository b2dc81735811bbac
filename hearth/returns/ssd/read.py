"""Reading an SSD extract: the files, their columns, and each value parsed or reported.

Every problem names the file, the row (as a spreadsheet shows it: the header is row 1) and the column, in
plain words, so the council's analyst can find and fix it in their extract.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.utils import timezone

from hearth.returns.ssd.columns import TABLES

# The columns without which a table cannot be read at all.
REQUIRED: dict[str, tuple[str, ...]] = {
    "ssd_person": ("pers_person_id", "pers_forename", "pers_surname", "pers_dob", "pers_sex", "pers_ethnicity"),
    "ssd_department": ("dept_team_id", "dept_team_name", "dept_team_parent_id"),
    "ssd_professionals": ("prof_professional_id", "prof_professional_name", "prof_professional_department"),
    "ssd_involvements": ("invo_involvements_id", "invo_person_id", "invo_professional_team",
                         "invo_involvement_start_date"),
    "ssd_cin_episodes": ("cine_referral_id", "cine_person_id", "cine_referral_date", "cine_referral_source_code"),
    "ssd_cla_episodes": ("clae_cla_episode_id", "clae_person_id", "clae_cla_placement_id", "clae_cla_id",
                         "clae_cla_episode_start_date", "clae_cla_episode_start_reason", "clae_cla_primary_need_code"),
    "ssd_cla_placement": ("clap_cla_placement_id", "clap_cla_id", "clap_cla_placement_start_date",
                          "clap_cla_placement_type"),
    "ssd_legal_status": ("lega_person_id", "lega_legal_status", "lega_legal_status_start_date"),
}  # fmt: skip


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int  # 0 when the problem is with the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}" if self.row else self.file
        return f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class Table:
    """One file's rows, with a way to read each value and record what is wrong with it."""

    def __init__(self, name: str, rows: list[dict[str, str]], problems: list[Problem]) -> None:
        self.name, self.rows, self.problems = name, rows, problems

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def numbered(self) -> list[tuple[int, dict[str, str]]]:
        return [(n, row) for n, row in enumerate(self.rows, start=2)]

    def problem(self, n: int, column: str, message: str) -> None:
        self.problems.append(Problem(self.file, n, column, message))

    def text(self, row: dict[str, str], column: str) -> str:
        value = (row.get(column) or "").strip()
        return "" if value.upper() == "NULL" else value

    def required(self, n: int, row: dict[str, str], column: str, what: str) -> str:
        value = self.text(row, column)
        if not value:
            self.problem(n, column, f"Enter {what}")
        return value

    def day(self, n: int, row: dict[str, str], column: str, *, required: str = "") -> date | None:
        value = self.text(row, column)
        if not value:
            if required:
                self.problem(n, column, f"Enter {required}")
            return None
        parsed = parse_day(value)
        if parsed is None:
            self.problem(n, column, f"“{value}” is not a date: use YYYY-MM-DD, like 2025-04-01")
        return parsed

    def moment(self, n: int, row: dict[str, str], column: str, *, required: str = "") -> datetime | None:
        value = self.text(row, column)
        if not value:
            if required:
                self.problem(n, column, f"Enter {required}")
            return None
        for pattern in ("%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"):
            try:
                return timezone.make_aware(datetime.strptime(value, pattern))
            except ValueError:
                continue
        day = parse_day(value)
        if day is None:
            self.problem(
                n, column, f"“{value}” is not a date and time: use YYYY-MM-DD HH:MM, like 2025-04-01 17:30"
            )
            return None
        return timezone.make_aware(datetime.combine(day, time(0, 0)))

    def code(
        self, n: int, row: dict[str, str], column: str, allowed: Any, what: str, *, required: bool = True
    ) -> str:
        value = self.text(row, column)
        known = dict(allowed) if not isinstance(allowed, (set, frozenset)) else {c: c for c in allowed}
        if not value:
            if required:
                self.problem(n, column, f"Enter {what}")
            return ""
        if value not in known:
            self.problem(n, column, f"“{value}” is not a code for {what}")
            return ""
        return value

    def flag(self, row: dict[str, str], column: str) -> bool:
        return self.text(row, column).upper() in {"Y", "YES", "TRUE", "1"}

    def number(self, n: int, row: dict[str, str], column: str, what: str) -> int | None:
        value = self.text(row, column)
        if not value:
            return None
        try:
            return int(float(value))
        except ValueError:
            self.problem(n, column, f"“{value}” is not a number for {what}")
            return None

    def json(self, n: int, row: dict[str, str], column: str) -> Any:
        value = self.text(row, column)
        if not value:
            return {}
        try:
            return json.loads(value)
        except ValueError:
            self.problem(n, column, "This is not valid JSON")
            return {}


def parse_day(value: str) -> date | None:
    text = value.strip()[:10]
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def read_extract(folder: Path) -> tuple[dict[str, Table], list[Problem]]:
    """Every SSD table found in `folder`. Tables Hearth does not read are listed as problems only if they are
    not SSD tables at all; a table Hearth reads but the extract lacks is read as empty."""
    problems: list[Problem] = []
    if not folder.is_dir():
        return {}, [Problem(str(folder), 0, "", "There is no folder here")]
    tables: dict[str, Table] = {}
    for name, columns in TABLES.items():
        path = folder / f"{name}.csv"
        if not path.exists():
            if name == "ssd_person":
                problems.append(
                    Problem(path.name, 0, "", "The extract has no ssd_person.csv: every import needs it")
                )
            tables[name] = Table(name, [], problems)
            continue
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in reader.fieldnames or []]
            reader.fieldnames = header
            missing = [c for c in REQUIRED.get(name, columns[:2]) if c not in header]
            for column in missing:
                problems.append(Problem(path.name, 1, column, "The file has no column with this name"))
            rows = [] if missing else list(reader)
        tables[name] = Table(name, rows, problems)
    return tables, problems
