"""Timescales for children looked after, in one place (Care Planning, Placement and Case Review (England)
Regulations 2010; statutory guidance on promoting the health and education of looked-after children).

| step | due | counted from |
|---|---|---|
| first review | 20 working days | the day the child started to be looked after |
| second review | 3 months | the first review |
| later reviews | 6 months | the previous review |
| statutory visit | 1 week | the start of each placement |
| later visits, first year of a placement | 6 weeks | the previous visit |
| later visits, after a year in the placement | 3 months | the previous visit |
| initial health assessment | 20 working days | the start of the period of care |
| review health assessment | 6 months under 5, 12 months from 5 | the previous assessment |
| dental check | 12 months | the previous check |
| SDQ (ages 4 to 16) | 12 months | the previous one |
| personal education plan (ages 3 to 17) | 3 months (each school term; local practice) | the previous one |
| return home interview offered | 72 hours | the child's return |
| missing intervention meeting | 5 working days (local practice) | the episode that reached 3, 5 or 9 in 90 days |
| pathway plan review | 6 months | the previous plan |
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hearth.casework.timescales import add_months, working_days_after

FIRST_REVIEW_WORKING_DAYS = 20
SECOND_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
FIRST_VISIT = timedelta(weeks=1)
VISIT_FIRST_YEAR = timedelta(weeks=6)
VISIT_AFTER = 3  # months
HEALTH_ASSESSMENT_WORKING_DAYS = 20
INTERVIEW_WITHIN = timedelta(hours=72)
MISSING_WINDOW = timedelta(days=90)
MISSING_THRESHOLDS = (3, 5, 9)  # seed 001: intervention meetings at 3+, 5+ and 9+ episodes in 90 days
MISSING_MEETING_WORKING_DAYS = 5
PATHWAY_REVIEW_MONTHS = 6
PEP_MONTHS = 3


def review_due(*, period_start: date, number: int, previous_held_on: date | None = None) -> date:
    """When review `number` (1, 2, 3, ...) of a period of care is due."""
    if number == 1:
        return working_days_after(period_start, FIRST_REVIEW_WORKING_DAYS)
    if previous_held_on is None:
        raise ValueError("A later review is counted from the previous one")
    return add_months(previous_held_on, SECOND_REVIEW_MONTHS if number == 2 else LATER_REVIEW_MONTHS)


def visit_due(*, placement_start: date, last_visit_on: date | None) -> date:
    if last_visit_on is None or last_visit_on < placement_start:
        return placement_start + FIRST_VISIT
    if last_visit_on < add_months(placement_start, 12):
        return last_visit_on + VISIT_FIRST_YEAR
    return add_months(last_visit_on, VISIT_AFTER)


def health_due(*, kind: str, period_start: date, last_on: date | None, age: int) -> date | None:
    """The next health check of `kind` due, or None when none is due at this age."""
    if kind == "initial":
        return None if last_on else working_days_after(period_start, HEALTH_ASSESSMENT_WORKING_DAYS)
    if kind == "review":
        return add_months(last_on or period_start, 6 if age < 5 else 12) if last_on else None
    if kind == "dental":
        return add_months(last_on or period_start, 12)
    if kind == "sdq":
        return add_months(last_on or period_start, 12) if 4 <= age <= 16 else None
    return None


def education_plan_due(*, period_start: date, last_on: date | None, age: int) -> date | None:
    if not 3 <= age <= 17:
        return None
    return (
        add_months(last_on, PEP_MONTHS)
        if last_on
        else working_days_after(period_start, FIRST_REVIEW_WORKING_DAYS)
    )


def interview_due(returned_at: datetime) -> datetime:
    return returned_at + INTERVIEW_WITHIN


def missing_meeting_due(on: date) -> date:
    return working_days_after(on, MISSING_MEETING_WORKING_DAYS)


def pathway_review_due(plan_on: date) -> date:
    return add_months(plan_on, PATHWAY_REVIEW_MONTHS)
