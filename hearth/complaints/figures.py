"""The complaints figures of one period, counted from the records of one council. Names nobody.

Every count is of one council's records (`authority_id`), read straight from the tables: a report is built
for a council, not through a user's scope (hearth.core.reports), and holds only counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet

from hearth.complaints.models import (
    Complaint,
    ComplaintStage,
    Compliment,
    LearningAction,
    OmbudsmanReferral,
    Outcome,
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def label(self) -> str:
        return (
            f"{self.start.year}/{str(self.end.year)[2:]}"
            if self.is_year
            else f"{self.start:%-d %b %Y} to {self.end:%-d %b %Y}"
        )

    @property
    def is_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (4, 1, 3, 31) and \
            self.end.year == self.start.year + 1  # fmt: skip

    def before(self) -> Period:
        return Period(self.start.replace(year=self.start.year - 1), self.end.replace(year=self.end.year - 1))


def last_complete_year(on: date) -> Period:
    """The financial year (1 April to 31 March) that ended on or before `on`: the year an annual report
    written on that day covers."""
    end_year = on.year if (on.month, on.day) >= (3, 31) else on.year - 1
    return Period(date(end_year - 1, 4, 1), date(end_year, 3, 31))


def year_containing(on: date) -> Period:
    start_year = on.year if on.month >= 4 else on.year - 1
    return Period(date(start_year, 4, 1), date(start_year + 1, 3, 31))


@dataclass
class Figures:
    """One period's counts. Keys are (procedure, stage number) or choice values."""

    period: Period
    stages_started: Counter[tuple[str, int]] = field(default_factory=Counter)
    responses: Counter[tuple[str, int]] = field(default_factory=Counter)  # not counting withdrawals
    in_time: Counter[tuple[str, int]] = field(default_factory=Counter)
    extended: Counter[tuple[str, int]] = field(default_factory=Counter)
    outcomes: Counter[tuple[str, str]] = field(default_factory=Counter)  # (procedure, outcome)
    received_by_service: Counter[tuple[str, str]] = field(default_factory=Counter)  # (procedure, service)
    received_by_team: Counter[str] = field(default_factory=Counter)  # team name, "" for none
    received_by_subject: Counter[str] = field(default_factory=Counter)
    received_by_month: Counter[tuple[str, int]] = field(default_factory=Counter)  # (procedure, month)
    compliments_by_service: Counter[str] = field(default_factory=Counter)
    compliments_by_month: Counter[int] = field(default_factory=Counter)
    actions_agreed: Counter[str] = field(default_factory=Counter)  # by theme
    actions_done: Counter[str] = field(default_factory=Counter)  # done by the report's date
    actions_done_by_due: Counter[str] = field(default_factory=Counter)
    ombudsman_referrals: int = 0
    ombudsman_decisions: Counter[str] = field(default_factory=Counter)

    @property
    def compliments(self) -> int:
        return sum(self.compliments_by_service.values())

    def received(self, procedure: str) -> int:
        return sum(n for (p, _), n in self.received_by_service.items() if p == procedure)

    def all_responses(self) -> int:
        return sum(self.responses.values())

    def all_in_time(self) -> int:
        return sum(self.in_time.values())


def figures_for(*, authority_id: int, period: Period, on: date) -> Figures:
    """The figures of `period`, as the records stood on `on` (nothing dated after `on` counts)."""
    start, end = period.start, min(period.end, on)
    f = Figures(period)
    stages = ComplaintStage.objects.filter(authority_id=authority_id)
    for kind, number, n in _count_by(
        stages.filter(started_on__range=(start, end)), "complaint__kind", "number"
    ):
        f.stages_started[(kind, number)] = n
    answered = stages.filter(responded_on__range=(start, end))
    timed = (
        answered.exclude(outcome=Outcome.WITHDRAWN)
        .values("complaint__kind", "number")
        .annotate(
            n=Count("pk"),
            in_time=Count("pk", filter=Q(in_time=True)),
            extended=Count("pk", filter=Q(extended_to__isnull=False)),
        )
        .values_list("complaint__kind", "number", "n", "in_time", "extended")
    )
    for kind, number, n, in_time, extended in timed:
        f.responses[(kind, number)], f.in_time[(kind, number)], f.extended[(kind, number)] = (
            n,
            in_time,
            extended,
        )
    for kind, outcome, n in _count_by(answered, "complaint__kind", "outcome"):
        f.outcomes[(kind, outcome)] = n

    received = Complaint.objects.filter(authority_id=authority_id, received_on__range=(start, end))
    for kind, service, n in _count_by(received, "kind", "service"):
        f.received_by_service[(kind, service)] = n
    for team, n in _count_by(received, "team__name"):
        f.received_by_team[team or ""] = n
    for subject, n in _count_by(received, "subject"):
        f.received_by_subject[subject] = n
    for kind, day in received.values_list("kind", "received_on"):
        f.received_by_month[(kind, day.month)] += 1

    compliments = Compliment.objects.filter(authority_id=authority_id, received_on__range=(start, end))
    for service, day in compliments.values_list("service", "received_on"):
        f.compliments_by_service[service] += 1
        f.compliments_by_month[day.month] += 1

    actions = LearningAction.objects.filter(authority_id=authority_id, recorded_on__range=(start, end))
    for theme, due_on, done_on in actions.values_list("theme", "due_on", "done_on"):
        f.actions_agreed[theme] += 1
        if done_on is not None and done_on <= on:
            f.actions_done[theme] += 1
            f.actions_done_by_due[theme] += done_on <= due_on

    referrals = OmbudsmanReferral.objects.filter(authority_id=authority_id)
    f.ombudsman_referrals = referrals.filter(referred_on__range=(start, end)).count()
    for decision, n in _count_by(referrals.filter(decided_on__range=(start, end)), "decision"):
        f.ombudsman_decisions[decision] = n
    return f


def _count_by(queryset: QuerySet[Any], *fields: str) -> list[tuple[Any, ...]]:
    """(value of each field..., how many rows) for each group of rows with the same values."""
    return list(queryset.values(*fields).annotate(n=Count("pk")).values_list(*fields, "n"))


def in_time_by_year(*, authority_id: int, years: list[Period], on: date) -> list[tuple[int, int]]:
    """(responses, in time) for each year, withdrawals left out, nothing after `on`."""
    rows = (ComplaintStage.objects.filter(authority_id=authority_id, responded_on__range=(years[0].start, on))
            .exclude(outcome=Outcome.WITHDRAWN).values_list("responded_on", "in_time"))  # fmt: skip
    totals = [[0, 0] for _ in years]
    for day, in_time in rows:
        if day is None:
            continue
        for i, year in enumerate(years):
            if year.start <= day <= year.end:
                totals[i][0] += 1
                totals[i][1] += bool(in_time)
    return [(a, b) for a, b in totals]


@dataclass(frozen=True)
class Snapshot:
    open: int
    overdue: int


def open_on(*, authority_id: int, on: date) -> Snapshot:
    """Complaints with a stage open at the end of `on`, and how many of those were past their due date (as
    recorded now, with any extension)."""
    stages = ComplaintStage.objects.filter(authority_id=authority_id, started_on__lte=on).filter(
        Q(responded_on__isnull=True) | Q(responded_on__gt=on)
    )
    return Snapshot(open=stages.count(), overdue=stages.filter(due_on__lt=on).count())


def month_order(period: Period) -> list[tuple[int, str]]:
    """The months of a financial year in order, April first: (month number, "Apr 2025")."""
    months, day = [], period.start
    while day <= period.end:
        months.append((day.month, f"{day:%b %Y}"))
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return months
