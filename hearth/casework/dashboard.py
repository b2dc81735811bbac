"""The team manager's dashboard: each worker's caseload (weighted by involvement type), due and overdue
work. Built from a few grouped queries, so its cost does not grow with the number of children."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from hearth.accounts.models import User
from hearth.accounts.roles import Role
from hearth.casework.models import (
    Assessment,
    AssessmentStatus,
    CaseAction,
    Conference,
    Involvement,
    InvolvementKind,
    Meeting,
    MeetingKind,
    ProtectionPlan,
)
from hearth.core.access import Action, scoped
from hearth.people.models import Allocation

# How much a child counts towards a caseload, by their most demanding open involvement.
WEIGHTS: dict[str, float] = {
    InvolvementKind.CHILD_PROTECTION: 1.5,
    InvolvementKind.SOCIAL_CARE: 1.0,
    InvolvementKind.EARLY_HELP: 1.0,
}


@dataclass
class WorkerRow:
    worker: User
    children: int = 0
    weighted: float = 0.0
    by_kind: Counter[str] = field(default_factory=Counter)
    assessments: int = 0
    assessments_overdue: int = 0
    visits_overdue: int = 0
    conferences_due: int = 0
    meetings_overdue: int = 0  # core groups and plan reviews past their due date, not yet held
    actions_overdue: int = 0  # actions the worker owns, past their due date


def team_dashboard(*, user: Any) -> list[WorkerRow]:
    """Every member of the manager's team (but the manager) with their work. Empty for other roles."""
    if user.role != Role.TEAM_MANAGER or not user.team_id:
        return []
    today = timezone.localdate()
    workers = scoped(user, User.objects.filter(team_id=user.team_id, is_active=True)).exclude(
        role=Role.TEAM_MANAGER
    )
    rows = {w.pk: WorkerRow(w) for w in workers.order_by("last_name", "first_name")}
    allocations = list(
        scoped(
            user, Allocation.objects.filter(worker_id__in=list(rows), ended_on__isnull=True), Action.VIEW
        ).values_list("worker_id", "person_id")
    )
    people = {person for _, person in allocations}
    kinds: dict[int, set[str]] = defaultdict(set)
    for person, kind in scoped(user, Involvement.objects.filter(person_id__in=people, ended_on__isnull=True),
                               Action.VIEW).values_list("person_id", "kind"):  # fmt: skip
        kinds[person].add(kind)
    overdue_visits = set(
        scoped(user, ProtectionPlan.objects.filter(person_id__in=people, ended_on__isnull=True,
                                                   next_visit_due_on__lt=today), Action.VIEW).values_list("person_id", flat=True)
    )  # fmt: skip
    conferences = Counter(
        scoped(
            user, Conference.objects.filter(person_id__in=people, held_on__isnull=True), Action.VIEW
        ).values_list("person_id", flat=True)
    )
    late_meetings = Counter(
        scoped(user, Meeting.objects.filter(person_id__in=people, held_on__isnull=True, due_on__lt=today)
               .exclude(kind=MeetingKind.CONFERENCE), Action.VIEW).values_list("person_id", flat=True)
    )  # fmt: skip
    late_actions = Counter(
        scoped(user, CaseAction.objects.filter(owner_id__in=list(rows), done_on__isnull=True, due_on__lt=today),
               Action.VIEW).values_list("owner_id", flat=True)
    )  # fmt: skip
    for worker_id, late in late_actions.items():
        rows[worker_id].actions_overdue = late
    for worker_id, person in allocations:
        row = rows[worker_id]
        row.children += 1
        kind = max(kinds[person], key=lambda k: WEIGHTS.get(k, 1.0), default="")
        row.weighted += WEIGHTS.get(kind, 1.0)
        row.by_kind[kind or "none"] += 1
        row.visits_overdue += person in overdue_visits
        row.conferences_due += conferences[person]
        row.meetings_overdue += late_meetings[person]
    open_assessments = scoped(
        user, Assessment.objects.filter(worker_id__in=list(rows),
                                        status__in=[AssessmentStatus.IN_PROGRESS, AssessmentStatus.RETURNED]), Action.VIEW
    )  # fmt: skip
    for worker_id, due_on in open_assessments.values_list("worker_id", "due_on"):
        rows[worker_id].assessments += 1
        rows[worker_id].assessments_overdue += due_on < today
    return list(rows.values())


@dataclass
class DistrictRow:
    name: str
    children_population: int
    workers: int = 0
    children: int = 0
    on_plans: int = 0
    assessments_open: int = 0
    assessments_overdue: int = 0
    completed_year: int = 0
    completed_in_time: int = 0

    @property
    def average_caseload(self) -> float:
        return self.children / self.workers if self.workers else 0.0

    @property
    def in_time_percent(self) -> int | None:
        return round(100 * self.completed_in_time / self.completed_year) if self.completed_year else None


def districts_overview(*, user: Any) -> list[DistrictRow]:
    """Caseloads and timeliness by district, for those who see county figures. Grouped queries only."""
    from datetime import timedelta

    from django.db.models import Count, F, Q

    from hearth.core.access import Capability, has_capability
    from hearth.organisation.models import District

    if not has_capability(user, Capability.COUNTY_FIGURES):
        return []
    today = timezone.localdate()
    rows = {d.pk: DistrictRow(d.name, d.child_population) for d in scoped(user, District).order_by("name")}
    social_workers = scoped(
        user, User.objects.filter(role=Role.PRACTITIONER, is_active=True, team__isnull=False)
    )
    for district, total in social_workers.values_list("team__district_id").annotate(total=Count("pk")):
        if district in rows:
            rows[district].workers = total
    allocations = scoped(
        user, Allocation.objects.filter(ended_on__isnull=True, worker__isnull=False), Action.VIEW_NAME
    )
    for district, total in allocations.values_list("person__district_id").annotate(total=Count("pk")):
        if district in rows:
            rows[district].children = total
    plans = scoped(user, ProtectionPlan.objects.filter(ended_on__isnull=True), Action.VIEW_NAME)
    for district, total in plans.values_list("person__district_id").annotate(total=Count("pk")):
        if district in rows:
            rows[district].on_plans = total
    open_states = [AssessmentStatus.IN_PROGRESS, AssessmentStatus.RETURNED, AssessmentStatus.SUBMITTED]
    assessments = scoped(user, Assessment.objects.all(), Action.VIEW_NAME).values_list("person__district_id").annotate(
        open=Count("pk", filter=Q(status__in=open_states)),
        overdue=Count("pk", filter=Q(status__in=open_states, due_on__lt=today)),
        completed=Count("pk", filter=Q(status=AssessmentStatus.APPROVED, completed_on__gte=today - timedelta(days=365))),
        in_time=Count("pk", filter=Q(status=AssessmentStatus.APPROVED, completed_on__gte=today - timedelta(days=365),
                                     completed_on__lte=F("due_on"))),
    )  # fmt: skip
    for district, open_, overdue, completed, in_time in assessments:
        if district in rows:
            row = rows[district]
            row.assessments_open, row.assessments_overdue = open_, overdue
            row.completed_year, row.completed_in_time = completed, in_time
    return list(rows.values())
