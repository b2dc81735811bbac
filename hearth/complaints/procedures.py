"""The complaints procedures and their timescales, read from `data/procedures.csv`.

The timescales are data, not code: each row of the CSV is one step of one stage (a response, a review panel's
meeting, its findings), how many working days it has, how far it may be extended, what it is counted from,
and the law or policy that sets it. A council that changes its corporate procedure edits that file; nothing
here names a procedure or a number of days.

- The statutory procedure for children's social care follows the Children Act 1989 Representations Procedure
  (England) Regulations 2006 (SI 2006/1738) and the DfES guidance "Getting the best from complaints" (2006):
  stage 1 local resolution, stage 2 investigation, stage 3 review panel. The regulations (reg. 2) count
  working days as days other than weekends, Christmas Day, Boxing Day, Good Friday and bank holidays, which
  is what `hearth.core.calendar` counts.
- The corporate procedure is the council's own (two stages in the demo county).

A step's due date is counted from the stage's start (the day the complaint, or the request for the next
stage, was received) or from the day an earlier step of the same stage was done; until that step is done,
from the day it is due.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from hearth.core.calendar import add_working_days

SOURCE = Path(__file__).resolve().parent / "data" / "procedures.csv"
START = "start"
RESPONSE = "response"  # every stage ends with its response to the complainant


@dataclass(frozen=True)
class Step:
    key: str
    name: str
    working_days: int
    extend_to: int | None  # the most working days, counted like working_days, an extension may give
    counted_from: str  # START, or the key of an earlier step of the stage
    source: str


@dataclass(frozen=True)
class Stage:
    procedure: str
    number: int
    name: str
    steps: tuple[Step, ...]

    @property
    def label(self) -> str:
        return self.name if self.name.startswith("Stage") else f"Stage {self.number}: {self.name.lower()}"

    @property
    def response(self) -> Step:
        return self.steps[-1]

    @property
    def extendable(self) -> bool:
        return self.response.extend_to is not None and len(self.steps) == 1

    def step(self, key: str) -> Step:
        return next(s for s in self.steps if s.key == key)


def _day(start: date, days: int) -> date:
    due = add_working_days(start, days)
    assert isinstance(due, date)
    return due


def step_dues(stage: Stage, started_on: date, done: Mapping[str, date | None]) -> dict[str, date]:
    """When each step of `stage` is due, counted from the day the step before it was done (`done`), or was
    due if it has not been done yet."""
    dues: dict[str, date] = {}
    for step in stage.steps:
        if step.counted_from == START:
            base = started_on
        else:
            base = done.get(step.counted_from) or dues[step.counted_from]
        dues[step.key] = _day(base, step.working_days)
    return dues


def next_due(stage: Stage, started_on: date, done: Mapping[str, date | None]) -> date:
    """The due date of the first step of the stage not yet done (the response, when the others are)."""
    dues = step_dues(stage, started_on, done)
    return next((dues[s.key] for s in stage.steps if not done.get(s.key)), dues[RESPONSE])


def latest_extension(stage: Stage, started_on: date) -> date | None:
    """The latest date the response may be extended to, or None if the stage cannot be extended."""
    if not stage.extendable:
        return None
    assert stage.response.extend_to is not None
    return _day(started_on, stage.response.extend_to)


def answered_in_time(stage: Stage, started_on: date, done: Mapping[str, date | None],
                     extended_to: date | None = None) -> bool:  # fmt: skip
    """Was every step done by its due date? The response counts as in time up to a lawful extension."""
    dues = step_dues(stage, started_on, done)
    for step in stage.steps:
        when = done.get(step.key)
        due = max(dues[step.key], extended_to) if step.key == RESPONSE and extended_to else dues[step.key]
        if when is None or when > due:
            return False
    return True


@cache
def procedures() -> dict[str, tuple[Stage, ...]]:
    """Every procedure's stages, in order, as the CSV gives them (checked as they are read)."""
    rows: dict[tuple[str, int], list[dict[str, str]]] = {}
    with SOURCE.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rows.setdefault((row["procedure"], int(row["stage"])), []).append(row)
    found: dict[str, list[Stage]] = {}
    for (procedure, number), stage_rows in rows.items():
        steps = tuple(
            Step(key=r["step"], name=r["step_name"], working_days=int(r["working_days"]),
                 extend_to=int(r["extend_to"]) if r["extend_to"] else None, counted_from=r["counted_from"],
                 source=r["source"])
            for r in stage_rows
        )  # fmt: skip
        _check(procedure, number, steps)
        found.setdefault(procedure, []).append(Stage(procedure, number, stage_rows[0]["stage_name"], steps))
    result = {}
    for procedure, stages in found.items():
        stages.sort(key=lambda s: s.number)
        if [s.number for s in stages] != list(range(1, len(stages) + 1)):
            raise ValueError(f"{SOURCE.name}: the {procedure} procedure's stages must be numbered 1, 2, 3...")
        result[procedure] = tuple(stages)
    return result


def _check(procedure: str, number: int, steps: tuple[Step, ...]) -> None:
    where = f"{SOURCE.name}: {procedure} stage {number}"
    if steps[-1].key != RESPONSE:
        raise ValueError(f"{where} must end with its '{RESPONSE}' step")
    seen = {START}
    for step in steps:
        if step.counted_from not in seen:
            raise ValueError(
                f"{where}: step {step.key!r} is counted from {step.counted_from!r}, not an earlier step"
            )
        if step.extend_to is not None and step.extend_to <= step.working_days:
            raise ValueError(f"{where}: an extension must give more than {step.working_days} working days")
        seen.add(step.key)


def stages_of(procedure: str) -> tuple[Stage, ...]:
    return procedures()[procedure]


def stage_rule(procedure: str, number: int) -> Stage | None:
    """Stage `number` of `procedure`, or None when the procedure has no such stage."""
    stages = stages_of(procedure)
    return stages[number - 1] if 1 <= number <= len(stages) else None
