"""Importing people from a CSV file, through the same checks and duplicate detection as the form and the API.

All or nothing: every row is checked first, and if any row is wrong nothing is saved and every problem is
reported by row and column. A row that clearly matches someone already on Hearth links to them instead of
adding a second record.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from hearth.people.services import AddressInput, PersonInput, person_match_or_create, validate_person_input

COLUMNS = ("given_name", "family_name", "date_of_birth", "sex", "nhs_number", "upn", "la_child_id",
           "line_1", "town", "postcode")  # fmt: skip
REQUIRED = ("given_name", "family_name")


@dataclass
class ImportResult:
    added: int = 0
    linked: int = 0
    possible_duplicates: list[tuple[int, list[int]]] = field(default_factory=list)  # (row, Hearth IDs)


class ImportRefused(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def _row_input(row: dict[str, str]) -> tuple[PersonInput, list[str]]:
    problems = []
    born = None
    if row.get("date_of_birth", "").strip():
        try:
            born = date.fromisoformat(row["date_of_birth"].strip())
        except ValueError:
            problems.append("date_of_birth: enter the date as YYYY-MM-DD, like 2015-03-27")
    sex = (row.get("sex") or "U").strip().upper()[:1] or "U"
    if sex not in {"F", "M", "U"}:
        problems.append("sex: use F, M or U")
    has_address = any(row.get(c, "").strip() for c in ("line_1", "town", "postcode"))
    data = PersonInput(
        given_name=row.get("given_name", ""), family_name=row.get("family_name", ""), date_of_birth=born, sex=sex,
        identifiers={k: row[c] for k, c in (("nhs", "nhs_number"), ("upn", "upn"), ("la_child_id", "la_child_id"))
                     if row.get(c, "").strip()},
        address=AddressInput(line_1=row.get("line_1", ""), town=row.get("town", ""), postcode=row.get("postcode", ""))
        if has_address else None,
    )  # fmt: skip
    for name, messages in validate_person_input(data).items():
        problems += [f"{name}: {m}" for m in messages]
    return data, problems


def people_import(*, by: Any, file: IO[str]) -> ImportResult:
    reader = csv.DictReader(file)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    unknown = [c for c in reader.fieldnames or [] if c not in COLUMNS]
    if missing or unknown:
        problems = [f"The file has no column {c}" for c in missing] + [
            f"The file has an unknown column {c}" for c in unknown
        ]
        raise ImportRefused([*problems, f"Columns allowed: {', '.join(COLUMNS)}"])
    rows = []
    problems = []
    for number, row in enumerate(reader, start=2):  # row 1 is the header
        data, row_problems = _row_input(row)
        problems += [f"Row {number}, {p}" for p in row_problems]
        rows.append((number, data))
    if problems:
        raise ImportRefused(problems)
    result = ImportResult()
    try:
        with transaction.atomic():
            for number, data in rows:
                placed = person_match_or_create(by=by, data=data)
                if placed.created:
                    result.added += 1
                else:
                    result.linked += 1
                if placed.possible:
                    result.possible_duplicates.append((number, placed.possible))
    except ValidationError as error:  # for example an NHS number already on another record
        raise ImportRefused([f"Nothing was imported: {m}" for m in error.messages]) from error
    return result
