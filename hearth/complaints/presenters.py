"""What the complaints pages show: due dates in working days, stage labels, rows of the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from hearth.complaints import procedures
from hearth.complaints.models import Complaint, ComplaintStage
from hearth.core.calendar import working_days_between
from hearth.core.jinja import govuk_date


def _days(n: int) -> str:
    return f"{n} working day{'' if n == 1 else 's'}"


def due_text(due_on: date | None, today: date) -> str:
    """ "Due today", "Due in 3 working days", "Overdue by 2 working days" (weekends and bank holidays do
    not count)."""
    if due_on is None:
        return ""
    if due_on == today:
        return "Due today"
    if due_on > today:
        return f"Due in {_days(working_days_between(today, due_on))}"
    late = working_days_between(due_on, today)
    return f"Overdue by {_days(late)}" if late else "Overdue"


def is_overdue(due_on: date | None, today: date) -> bool:
    return due_on is not None and due_on < today


def stage_label(kind: str, number: int) -> str:
    rule = procedures.stage_rule(kind, number)
    return rule.label if rule else f"Stage {number}"


@dataclass(frozen=True)
class ComplaintRow:
    complaint: Complaint
    reference: str
    kind: str
    stage: str
    status: str
    due: str
    overdue: bool


def complaint_rows(rows: list[Complaint], today: date) -> list[ComplaintRow]:
    return [
        ComplaintRow(
            complaint=c,
            reference=f"Complaint {c.pk}",
            kind=c.get_kind_display().split(" (")[0],
            stage=stage_label(c.kind, c.stage),
            status="Open" if c.is_open else f"Closed {govuk_date(c.closed_on)}",
            due=due_text(c.due_on, today) if c.is_open else "",
            overdue=c.is_open and is_overdue(c.due_on, today),
        )
        for c in rows
    ]


@dataclass(frozen=True)
class StageView:
    stage: ComplaintStage
    label: str
    rows: list[tuple[str, str]]


def stage_views(kind: str, stages: list[ComplaintStage], today: date) -> list[StageView]:
    """Each stage's dates, due dates, extension and response, as summary list rows."""
    views = []
    for s in stages:
        rule = procedures.stage_rule(kind, s.number)
        rows = [("Started", govuk_date(s.started_on))]
        if rule is not None and len(rule.steps) > 1:
            done = {"panel": s.panel_on, "findings": s.findings_on, procedures.RESPONSE: s.responded_on}
            dues = procedures.step_dues(rule, s.started_on, done)
            for step in rule.steps:
                when = done.get(step.key)
                text = f"Done {govuk_date(when)}" if when else f"Due {govuk_date(dues[step.key])}"
                if not when and s.is_open and s.due_on == dues[step.key]:
                    text += f" ({due_text(dues[step.key], today).lower()})"
                rows.append((step.name, text))
        else:
            due = f"{govuk_date(s.due_on)}"
            if s.is_open:
                due += f" ({due_text(s.due_on, today).lower()})"
            rows.append(("Response due", due))
        if s.extended_to:
            rows.append(("Extended", f"From {govuk_date(s.first_due_on)} to {govuk_date(s.extended_to)}: "
                                     f"{s.extension_reason}"))  # fmt: skip
        if s.responded_on:
            timing = "in time" if s.in_time else ("late" if s.in_time is False else "")
            rows.append(("Response", f"{govuk_date(s.responded_on)}{', ' + timing if timing else ''}"))
            rows.append(("Outcome", s.get_outcome_display()))
            if s.response_summary:
                rows.append(("What the response said", s.response_summary))
        views.append(StageView(s, stage_label(kind, s.number), rows))
    return views


def next_stage(kind: str, stages: list[ComplaintStage]) -> Any:
    """The stage the complainant could ask for next, or None (a stage is open, or this was the last)."""
    last = stages[-1]
    if last.is_open or last.outcome == "withdrawn":
        return None
    return procedures.stage_rule(kind, last.number + 1)
