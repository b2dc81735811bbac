"""Statutory timescales for casework (Working Together to Safeguard Children), in one place.

Working days come from hearth.core.calendar (England and Wales bank holidays from the holidays package);
"months" are calendar months, ending on the same day of the month or the last day of a shorter month.

| step | due | counted from |
|---|---|---|
| single (continuous) assessment completed | 45 working days | the referral (or the assessment's start) |
| initial child protection conference | 15 working days | the strategy discussion that started the S47 enquiry |
| first core group meeting | 10 working days | the initial conference |
| first review conference | 3 months | the initial conference |
| later review conferences | 6 months | the previous review |
| child protection statutory visit | 10 working days | the last visit (or the plan's start) |
| later core group meetings (local practice) | 6 weeks | the previous core group |
| child in need plan review (local practice) | 3 months | the plan's start, then the previous review |
| early help family plan review (local practice) | 6 weeks | the plan's start, then the previous review |
| family group conference review (local practice) | 3 months | the conference |

Working Together sets the first six; the council sets the rest, and changes them here. A local-practice
date that falls on a weekend or bank holiday moves back to the working day before, so the cycle is kept.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from hearth.core.calendar import add_working_days, is_working_day

ASSESSMENT_WORKING_DAYS = 45
ICPC_WORKING_DAYS = 15
CORE_GROUP_WORKING_DAYS = 10
CP_VISIT_WORKING_DAYS = 10
FIRST_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
CORE_GROUP_INTERVAL = timedelta(weeks=6)
CIN_REVIEW_MONTHS = 3
FAMILY_REVIEW_INTERVAL = timedelta(weeks=6)
FGC_REVIEW_MONTHS = 3


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the last day of that month when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def working_days_after(start: date, days: int) -> date:
    result = add_working_days(start, days)
    assert isinstance(result, date)
    return result


def assessment_due(referred_on: date) -> date:
    return working_days_after(referred_on, ASSESSMENT_WORKING_DAYS)


def initial_conference_due(strategy_discussion_on: date) -> date:
    return working_days_after(strategy_discussion_on, ICPC_WORKING_DAYS)


def core_group_due(initial_conference_on: date) -> date:
    return working_days_after(initial_conference_on, CORE_GROUP_WORKING_DAYS)


def review_conference_due(initial_conference_on: date, previous_review_on: date | None = None) -> date:
    if previous_review_on is None:
        return add_months(initial_conference_on, FIRST_REVIEW_MONTHS)
    if previous_review_on < initial_conference_on:
        raise ValueError("A review conference cannot be before the initial conference")
    return add_months(previous_review_on, LATER_REVIEW_MONTHS)


def cp_visit_due(last_visit_on: date) -> date:
    return working_days_after(last_visit_on, CP_VISIT_WORKING_DAYS)


def _working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def next_core_group_due(previous_on: date) -> date:
    return _working_day_on_or_before(previous_on + CORE_GROUP_INTERVAL)


def plan_review_due(kind: str, from_on: date) -> date:
    """The next review of a child in need plan ("cin") or an early help family plan ("family"), counted
    from the plan's start or the previous review."""
    if kind == "cin":
        return _working_day_on_or_before(add_months(from_on, CIN_REVIEW_MONTHS))
    if kind == "family":
        return _working_day_on_or_before(from_on + FAMILY_REVIEW_INTERVAL)
    raise ValueError(f"No review cycle for plans of kind {kind!r}")


def fgc_review_due(conference_on: date) -> date:
    return _working_day_on_or_before(add_months(conference_on, FGC_REVIEW_MONTHS))
